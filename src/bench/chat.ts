// Chat bench: the real Discord bot (discord.js Client, `startDiscordFromConfig`, its own process)
// over a SQLite store of 100,000 synthetic articles, logged in to the local stand-in for Discord
// (REST + gateway on 127.0.0.1, this process). 200 slash commands (brief with a topic, actor,
// phase, timeline, mixed, arguments the store holds) are dispatched as INTERACTION_CREATE at once;
// for each: first response = dispatch to the interaction callback arriving at the server;
// complete answer = dispatch to the last message of the answer arriving (the type 4 callback, or
// the edit of @original after a type 5, and any follow-ups). Prints p50/p99 of both against the
// targets (first p99 < 3 s, complete p99 < 5 s), the answered count, failures and error answers.
// Usage: npm run build && node dist/bench/chat.js [--articles 100000] [--commands 200]
//   [--ingest-seconds 900] [--timeout-seconds 30] [--keep] [--db PATH] [--profile DIR]
// --db PATH: the store there (built when it holds no article, used as it is otherwise, never removed).
// --list: every command's times, fastest answer first.
// --profile DIR: the bot process writes a V8 CPU profile there (open it in Chrome's DevTools).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { FIRST, GROUPS, LAST, openOrBuildQueryStore, storeTopics } from './query-store.js';
import { rng } from './synth.js';
import { recordSummary } from './summary.js';
import { option, load } from './options.js';

const TARGET_FIRST_MS = 3000;
const TARGET_COMPLETE_MS = 5000;
const STRING = 3;
const KINDS = ['brief', 'actor', 'phase', 'timeline'] as const;
type Kind = (typeof KINDS)[number];
/** Ephemeral: only error and refusal answers are private. */
const EPHEMERAL = 64;


/** Nearest-rank percentile; a missing answer counts as Infinity (it is slower than any other). */
function pct(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

const secs = (ms: number): string => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'none (unanswered)');

interface BotStats {
  loopDelayMaxMs: number;
  loopDelayP99Ms: number;
}

// ---------------------------------------------------------------------------------------------
// The bot process: the production start path (config from the environment the bench sets).

async function botProcess(): Promise<void> {
  const { loadConfig } = await import('../config.js');
  const { openServices } = await import('../app/compose.js');
  const { createLogger } = await import('../app/logger.js');
  const { startDiscordFromConfig } = await import('../platforms/discord/index.js');
  const config = loadConfig();
  const services = await openServices(config);
  const bot = await startDiscordFromConfig(config, services, createLogger('warn'));
  if (!bot) throw new Error('the bench did not configure Discord');
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  process.on('message', (m: unknown) => {
    if (m === 'stats') {
      const stats: BotStats = { loopDelayMaxMs: loop.max / 1e6, loopDelayP99Ms: loop.percentile(99) / 1e6 };
      process.send?.({ stats });
    } else if (m === 'exit') {
      void (async () => {
        await bot.close();
        await services.close();
        process.exit(0);
      })();
    }
  });
  process.send?.('ready');
}

// ---------------------------------------------------------------------------------------------
// The bench process: the store, the local Discord, the commands.

interface Command {
  kind: Kind;
  label: string;
  options: Array<{ name: string; type: number; value: string }>;
}

function commandMix(n: number, total: number): Command[] {
  const r = rng(17);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const topics = storeTopics(total, 40);
  const people = FIRST.map((f, i) => `${f} ${LAST[i]}`);
  const out: Command[] = [];
  for (let i = 0; i < n; i++) {
    const kind = KINDS[i % KINDS.length]!;
    let name: string;
    let value: string;
    if (kind === 'brief') [name, value] = ['topic', r() < 0.5 ? pick(topics) : `${pick(GROUPS).replace(/^the /, '')} truce`];
    else if (kind === 'actor') [name, value] = ['name', r() < 0.5 ? pick(GROUPS) : pick(people)];
    else if (kind === 'phase') [name, value] = ['name', pick(['phase one', 'phase two', 'phase three'])];
    else [name, value] = ['topic', r() < 0.5 ? pick(GROUPS) : pick(topics)];
    out.push({ kind, label: `/${kind} ${name}:${value}`, options: [{ name, type: STRING, value }] });
  }
  return out;
}

interface Outcome {
  cmd: Command;
  firstMs: number;
  completeMs: number;
  /** Set when the command got no (complete) answer in time. */
  failure?: string;
  /** Set when the answer was an error or a refusal (private), with its text. */
  errorAnswer?: string;
}

function messageText(body: any): string {
  const data = body?.data ?? body;
  const embeds = Array.isArray(data?.embeds) ? data.embeds : [];
  return [data?.content ?? '', ...embeds.map((e: any) => `${e.title ?? ''} ${e.description ?? ''}`)].join(' ').replace(/\s+/g, ' ').trim();
}

async function main(): Promise<void> {
  const total = option('--articles', 100_000);
  const n = option('--commands', 200);
  const budgetMs = option('--ingest-seconds', 900) * 1000;
  const timeoutMs = option('--timeout-seconds', 30) * 1000;
  const dbArg = process.argv.indexOf('--db');
  const given = dbArg >= 0 ? process.argv[dbArg + 1] : undefined;
  const dir = given ? undefined : mkdtempSync(join(tmpdir(), 'newsbrief-chatbench-'));
  const dbPath = given ?? join(dir!, 'chat.db');
  const { startDiscordServer, interactionPayload } = await import('../platforms/discord/local-server.js');

  console.log(`newsbrief chat bench: ${n} concurrent slash commands to the Discord bot over up to ${total.toLocaleString('en')} articles, SQLite at ${dbPath}`);
  const built = await openOrBuildQueryStore(dbPath, { total, budgetMs, log: (l) => console.log(l) });
  if (built.reused) console.log(`using the ${built.stored.toLocaleString('en')} articles already stored there`);
  else console.log(`ingested ${built.stored.toLocaleString('en')} articles in ${built.seconds.toFixed(1)} s${built.stoppedEarly ? ' (stopped at the time budget)' : ''}`);

  const server = await startDiscordServer();
  let bot: ChildProcess | undefined;
  try {
    bot = fork(fileURLToPath(import.meta.url), ['--bot'], {
      env: {
        ...process.env,
        NEWSBRIEF_DB: dbPath,
        DISCORD_TOKEN: 'bench-token',
        DISCORD_APPLICATION_ID: server.applicationId,
        DISCORD_API_BASE: server.api,
      },
      execArgv: process.argv.includes('--profile') ? ['--cpu-prof', '--cpu-prof-dir', process.argv[process.argv.indexOf('--profile') + 1] ?? '.'] : [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const child = bot;
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the bot process exited (${code})`))));
    exited.catch(() => {});
    const t0 = performance.now();
    await Promise.race([
      new Promise<void>((r) => child.on('message', (m) => m === 'ready' && r())),
      exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the bot was not ready within 60 s')), 60_000).unref()),
    ]);
    console.log(`bot logged in to the local Discord in ${((performance.now() - t0) / 1000).toFixed(1)} s; load average ${load()} (${cpus().length} cores)`);

    // Each command from its own user; ten to a channel and 40 to a guild, under the default rate
    // limits (10/min a user, 30/min a channel), as a busy bot across many servers sees them.
    const cmds = commandMix(n, built.stored);
    const payloads = cmds.map((c, i) =>
      interactionPayload(server.applicationId, { name: c.kind, options: c.options }, {
        userId: String(600000000000100000n + BigInt(i)),
        channelId: String(700000000000100000n + BigInt(Math.floor(i / 10))),
        guildId: String(400000000000100000n + BigInt(Math.floor(i / 40))),
      }),
    );
    const sent: number[] = [];
    const started = Date.now();
    for (const p of payloads) {
      sent.push(Date.now());
      server.dispatch('INTERACTION_CREATE', p);
    }
    console.log(`dispatched ${n} commands in ${Date.now() - started} ms; waiting for the answers (at most ${timeoutMs / 1000} s each)`);

    const hook = `/webhooks/${server.applicationId}/`;
    const outcomes = await Promise.all(
      payloads.map(async (p, i): Promise<Outcome> => {
        const cmd = cmds[i]!;
        const since = sent[i]!;
        const left = (): number => Math.max(1, since + timeoutMs - Date.now());
        let firstMs = Infinity;
        try {
          const cb = await server.waitFor((r) => r.method === 'POST' && r.path === `/interactions/${p.id}/${p.token}/callback`, left(), since);
          firstMs = cb.at - since;
          if (cb.body?.type === 4) return { cmd, firstMs, completeMs: firstMs };
          if (cb.body?.type !== 5) return { cmd, firstMs, completeMs: Infinity, failure: `callback of type ${cb.body?.type}` };
          const last = await server.waitFor((r) => (r.method === 'PATCH' || r.method === 'POST') && r.path.startsWith(`${hook}${p.token}`), left(), since);
          return { cmd, firstMs, completeMs: last.at - since };
        } catch {
          return { cmd, firstMs, completeMs: Infinity, failure: Number.isFinite(firstMs) ? `no answer after the deferral within ${timeoutMs / 1000} s` : `no response within ${timeoutMs / 1000} s` };
        }
      }),
    );
    // Follow-ups come after the first message: wait until the server has been quiet for 1 s.
    for (let seen = -1; seen !== server.requests.length; ) {
      seen = server.requests.length;
      await new Promise((r) => setTimeout(r, 1000));
    }
    for (const [i, o] of outcomes.entries()) {
      const p = payloads[i];
      const mine = server.requests.filter((r) => r.at >= sent[i]! && (r.path === `/interactions/${p.id}/${p.token}/callback` || r.path.startsWith(`${hook}${p.token}`)));
      const msgs = mine.filter((r) => r.method === 'POST' || r.method === 'PATCH');
      if (!o.failure && msgs.length) o.completeMs = Math.max(...msgs.map((r) => r.at)) - sent[i]!;
      const priv = msgs.find((r) => ((r.body?.data ?? r.body)?.flags ?? 0) & EPHEMERAL) ?? (mine.some((r) => r.method === 'DELETE') ? msgs.at(-1) : undefined);
      if (priv) o.errorAnswer = messageText(priv.body) || '(empty private answer)';
    }

    const stats = await new Promise<BotStats | undefined>((resolve) => {
      const t = setTimeout(() => resolve(undefined), 5000);
      bot!.on('message', (m: any) => {
        if (m?.stats) {
          clearTimeout(t);
          resolve(m.stats as BotStats);
        }
      });
      bot!.send('stats');
    });

    // The figures.
    const firsts = outcomes.map((o) => o.firstMs);
    const completes = outcomes.map((o) => o.completeMs);
    const failed = outcomes.filter((o) => o.failure);
    const errors = outcomes.filter((o) => !o.failure && o.errorAnswer);
    const answered = outcomes.filter((o) => !o.failure);
    const ok = answered.length - errors.length;
    const f50 = pct(firsts, 50);
    const f99 = pct(firsts, 99);
    const c50 = pct(completes, 50);
    const c99 = pct(completes, 99);
    const firstMet = f99 < TARGET_FIRST_MS;
    const completeMet = c99 < TARGET_COMPLETE_MS;
    const clean = failed.length === 0 && errors.length === 0;
    console.log(`answered ${answered.length}/${n} (${ok} answers, ${errors.length} error answers), ${failed.length} failed; load average ${load()}`);
    for (const kind of KINDS) {
      const mine = outcomes.filter((o) => o.cmd.kind === kind);
      console.log(`  ${kind.padEnd(9)} n=${mine.length} first p50 ${secs(pct(mine.map((o) => o.firstMs), 50))}, p99 ${secs(pct(mine.map((o) => o.firstMs), 99))}; complete p50 ${secs(pct(mine.map((o) => o.completeMs), 50))}, p99 ${secs(pct(mine.map((o) => o.completeMs), 99))}`);
    }
    const tally = new Map<string, { count: number; example: string }>();
    for (const o of [...failed, ...errors]) {
      const k = o.failure ? `failed: ${o.failure}` : `error answer: ${o.errorAnswer!.slice(0, 120)}`;
      const t = tally.get(k) ?? { count: 0, example: o.cmd.label };
      t.count++;
      tally.set(k, t);
    }
    for (const [k, t] of tally) console.log(`  ${t.count} × ${k} (e.g. ${t.example})`);
    if (process.argv.includes('--list')) {
      for (const o of [...outcomes].sort((a, b) => a.completeMs - b.completeMs)) console.log(`    first ${secs(o.firstMs)}, complete ${secs(o.completeMs)}  ${o.cmd.label}${o.failure ? ` FAILED: ${o.failure}` : ''}${o.errorAnswer ? ` ERROR: ${o.errorAnswer}` : ''}`);
    }
    if (stats) console.log(`bot event loop: delay p99 ${stats.loopDelayP99Ms.toFixed(0)} ms, max ${stats.loopDelayMaxMs.toFixed(0)} ms`);
    console.log(`first response    p50 ${secs(f50)}, p99 ${secs(f99)}  (target p99 < ${TARGET_FIRST_MS / 1000} s: ${firstMet ? 'met' : 'MISSED'})`);
    console.log(`complete answer   p50 ${secs(c50)}, p99 ${secs(c99)}  (target p99 < ${TARGET_COMPLETE_MS / 1000} s: ${completeMet ? 'met' : 'MISSED'})`);
    if (!clean) console.log(`NOT CLEAN: ${failed.length} failed, ${errors.length} answered with an error`);

    const at = `${n} commands, ${built.stored.toLocaleString('en')} stored`;
    recordSummary('chat', `first response, ${at}`, `p50 ${secs(f50)}, p99 ${secs(f99)} (target < 3 s: ${firstMet ? 'met' : 'MISSED'})`);
    recordSummary('chat', `complete answer, ${at}`, `p50 ${secs(c50)}, p99 ${secs(c99)} (target < 5 s: ${completeMet ? 'met' : 'MISSED'})`);
    recordSummary('chat', 'answered', `${ok}/${n} answers, ${errors.length} error answers, ${failed.length} failed`);
  } finally {
    if (bot && bot.exitCode === null && bot.signalCode === null) {
      const child = bot;
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.send('exit');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(killer);
    }
    await server.close();
    if (dir && !process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
    else if (dir) console.log(`store kept at ${dbPath}`);
  }
}

(process.argv.includes('--bot') ? botProcess() : main()).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
