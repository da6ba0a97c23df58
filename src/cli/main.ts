// `newsbrief` CLI. Exit status: 0 success, 2 bad usage, 1 failure (one-line reason on stderr).
import { existsSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import type { IngestOutcome } from '../domain/types.js';
import { renderBriefingMarkdown, renderMarkdown } from '../render/markdown/index.js';
import { viewJson } from '../render/json.js';
import { ingestInputs, summarize } from '../app/commands.js';
import { ArgsError } from '../commands/args.js';
import { parseCommandArgs, type CommandDef } from '../commands/command.js';
import { dispatch } from '../commands/dispatch.js';
import { channelTimeZone } from '../commands/channel-place.js';
import { CONSOLE_CHANNEL } from '../domain/channels.js';
import { commands } from '../commands/registry.js';
import { addRegistryCommand, type ParsedInvocation } from './registry-commands.js';
import { lazyServices } from './lazy-services.js';
import { answerLine } from '../chat/console-session.js';
import { runRepl } from '../chat/console-repl.js';
import { openServices, makeCollectOptions, makeEngine, deferredModelCache, type OpenServices } from '../app/compose.js';
import { createMemoryBriefingCache } from '../store/briefing-cache.js';
import { loadConfig, ConfigError, type Config } from '../config.js';
import { ProgressLine } from './progress.js';
import { loadDotEnv } from '../app/env-file.js';
import { UserError } from '../domain/errors.js';
import { chatPlatformsConfigured } from '../app/chat-platforms.js';

class UsageError extends Error {}

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Reads all of standard input (for `-`); process.stdin when not given. */
  stdin?: () => Promise<Buffer>;
  /** The lines `chat` reads; process.stdin when not given. */
  input?: NodeJS.ReadableStream;
}

/** Largest values of the count options (defined with their commands). */
export { MAX_LIMIT } from '../commands/stories.js';
export { MAX_DIGEST_STORIES } from '../commands/digest.js';
export { MAX_ACROSS } from '../commands/brief.js';

function describeOutcome(o: IngestOutcome): string {
  switch (o.status) {
    case 'added': {
      const story = o.newStory ? `new story #${o.storyId}` : `story #${o.storyId}`;
      const near = o.nearCopyOf ? `, near-copy of #${o.nearCopyOf}` : '';
      return `added      #${o.articleId} (${story}${near})  ${o.title}`;
    }
    case 'duplicate':
      return `duplicate  of #${o.duplicateOf} (same ${o.reason === 'url' ? 'URL' : 'content'})  ${o.title}  [${o.input}]`;
    case 'rejected':
      // Ingest reasons usually lead with the input already; do not print it twice.
      return `rejected   ${o.reason.startsWith(o.input) ? o.reason : `${o.input}: ${o.reason}`}`;
    case 'notice':
      return `note       ${o.message.startsWith(o.input) ? o.message : `${o.input}: ${o.message}`}`;
  }
}

export function buildProgram(io: CliIo): { program: Command; close(): Promise<void> } {
  const { env, stderr } = io;
  const out = (text: string): void => {
    io.stdout.write(text.endsWith('\n') ? text : text + '\n');
  };
  let config: Config | undefined;
  // --engine wins over NEWSBRIEF_ENGINE; the configuration checks it like any value.
  const cfg = (): Config => {
    const engine = program.opts<{ engine?: string }>().engine;
    return (config ??= loadConfig(engine !== undefined ? { ...env, NEWSBRIEF_ENGINE: engine } : env));
  };
  let services: OpenServices | undefined;

  const program = new Command('newsbrief')
    .description('Merge news from many outlets into stories and write Key Takeaways briefings.')
    .option('--db <file>', 'SQLite database file (env NEWSBRIEF_DB, default ./data/newsbrief.db); with DATABASE_URL set the archive is PostgreSQL instead')
    .option('--engine <name>', 'briefing engine: extractive or openai (env NEWSBRIEF_ENGINE, default extractive)')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (s) => stderr.write(s), writeOut: (s) => io.stdout.write(s) });

  const dbPath = (): string => {
    const given = program.opts<{ db?: string }>().db;
    if (given !== undefined && given.trim() === '') throw new UsageError('--db needs a file path, got ""');
    // Two archives named at once: which one is meant cannot be guessed.
    if (given !== undefined && cfg().DATABASE_URL) throw new UsageError('--db names a SQLite file but DATABASE_URL names a PostgreSQL archive; drop --db or unset DATABASE_URL');
    return given ?? cfg().NEWSBRIEF_DB;
  };
  /** Whether an archive is there to read: PostgreSQL (DATABASE_URL) always is; a SQLite file when it exists. */
  const hasArchive = (): boolean => {
    if (cfg().DATABASE_URL) return true;
    const path = dbPath();
    return path === ':memory:' || existsSync(path);
  };
  /** `read`: the commands that only look at the archive; they never create a SQLite file (or its folder). */
  const open = async (mode: 'read' | 'write' = 'read'): Promise<OpenServices> => {
    const path = dbPath();
    if (!services && mode === 'read' && !hasArchive()) throw new Error(`no such database: ${path}`);
    services ??= await openServices({ ...cfg(), NEWSBRIEF_DB: path });
    return services;
  };
  program
    .command('ingest')
    .description('Ingest files, folders, feeds (RSS/Atom/JSON, file or URL) and article URLs')
    .argument('<inputs...>', 'paths, folders or http(s) URLs')
    .action(async (inputs: string[]) => {
      const svc = await open('write');
      const progress = new ProgressLine(stderr as NodeJS.WriteStream);
      const summary = await ingestInputs(svc, inputs, (o) => {
        progress.clear();
        out(describeOutcome(o));
        progress.tick(o.status);
      });
      progress.done();
      out(
        `${summary.added} added (${summary.newStories} new stories), ${summary.duplicates} duplicates, ${summary.rejected} rejected`,
      );
      // Some inputs failing is a normal batch; nothing usable at all is a failure.
      if (summary.rejected > 0 && summary.added + summary.duplicates === 0) {
        throw new Error(`nothing ingested: all ${summary.rejected} inputs were rejected`);
      }
    });

  program
    .command('summarize')
    .description('Brief files, URLs or stdin (-) directly; nothing is stored')
    .argument('<inputs...>', 'paths, URLs, or - for stdin')
    .option('--as-one', 'one briefing for all inputs together')
    .option('--json', 'one JSON line per briefing: {input, briefing}')
    .action(async (inputs: string[], opts: { asOne?: boolean; json?: boolean }) => {
      const c = cfg();
      const svc = { engine: makeEngine(c), collectOptions: { ...makeCollectOptions(c), ...(io.stdin ? { readStdin: io.stdin } : {}) } };
      let ok = 0;
      let failed = 0;
      for await (const r of summarize(svc, inputs, { asOne: opts.asOne })) {
        if ('error' in r) {
          failed++;
          // Collected rejections already lead with the input; do not print it twice.
          stderr.write(`newsbrief: ${r.error.startsWith(r.input) ? r.error : `${r.input}: ${r.error}`}\n`);
          continue;
        }
        ok++;
        out(opts.json ? JSON.stringify({ input: r.input, briefing: r.briefing }) : renderBriefingMarkdown(r.briefing, c.NEWSBRIEF_TZ));
      }
      if (ok === 0) throw new Error(failed ? 'no input could be summarized' : 'no article found in the inputs');
    });

  // Every registry command (stories, brief, digest, actor, phase, timeline, actors, phases, alias).
  // A model engine keeps its cache and token counts in the archive when there is one (an unchanged
  // story costs no call, `newsbrief usage` sees the tokens); `brief URL` without one still creates none.
  let memoryCache: ReturnType<typeof createMemoryBriefingCache> | undefined;
  const modelCache = deferredModelCache(async () => {
    return hasArchive() ? (await open('read')).modelCache : (memoryCache ??= createMemoryBriefingCache());
  });
  const svc = lazyServices(open, () => ({ engine: makeEngine(cfg(), { cache: modelCache }), collectOptions: makeCollectOptions(cfg()), defaultTimeZone: cfg().NEWSBRIEF_TZ, defaultDigestTime: cfg().NEWSBRIEF_DIGEST_TIME }));
  const runRegistered = async (def: CommandDef, { raw, json }: ParsedInvocation): Promise<void> => {
    let args;
    try {
      args = parseCommandArgs(def, raw);
    } catch (err) {
      if (err instanceof ArgsError) throw new UsageError(err.message);
      throw err;
    }
    const view = await dispatch(def, svc, args, { surface: 'cli', digestMaxStories: cfg().NEWSBRIEF_DIGEST_MAX_STORIES, storyArticles: json, place: CONSOLE_CHANNEL });
    if (view.kind === 'error' || view.kind === 'refusal') throw new Error(view.message);
    if (json) return out(JSON.stringify(viewJson(view), null, 2));
    // Dates in the console channel's time zone; a command that needed no archive does not open one for it.
    const zone = hasArchive() ? await channelTimeZone(svc, CONSOLE_CHANNEL, cfg().NEWSBRIEF_TZ) : cfg().NEWSBRIEF_TZ;
    out(renderMarkdown(view, { timeZone: zone }));
  };
  // `help` stays commander's own on the CLI (`newsbrief help [command]`).
  for (const def of commands) if (def.name !== 'help') addRegistryCommand(program, def, runRegistered, { json: !['actors', 'phases', 'alias'].includes(def.name) });

  program
    .command('chat')
    .description("The chat bots' commands on this terminal (prompt, history, help), answered in Markdown")
    .action(async () => {
      const input = io.input ?? process.stdin;
      // The console's channel is the CLI's: sources, subscriptions and settings set in either are the same (ADR 015).
      const ctx = { surface: 'console' as const, digestMaxStories: cfg().NEWSBRIEF_DIGEST_MAX_STORIES, place: CONSOLE_CHANNEL };
      await runRepl({
        input,
        output: io.stdout,
        interactive: Boolean((input as NodeJS.ReadStream).isTTY && (io.stdout as NodeJS.WriteStream).isTTY),
        answer: (line) => answerLine(svc, ctx, line, cfg().NEWSBRIEF_TZ),
      });
    });

  program
    .command('deploy-commands')
    .description('Register the Discord slash commands (guild or global) and print the invite URL')
    .option('--guild <id>', 'register in this server only (updates at once); global otherwise')
    .action(async (opts: { guild?: string }) => {
      const c = cfg();
      if (!c.DISCORD_TOKEN || !c.DISCORD_APPLICATION_ID) throw new UsageError('deploy-commands needs DISCORD_TOKEN and DISCORD_APPLICATION_ID');
      if (opts.guild !== undefined && !/^\d{17,20}$/.test(opts.guild)) throw new UsageError(`--guild must be a server id (17 to 20 digits), got "${oneLine(opts.guild).slice(0, 40)}"`);
      // discord.js is loaded only by the commands that talk to Discord.
      const { deployCommands } = await import('../platforms/discord/deploy.js');
      const r = await deployCommands({
        token: c.DISCORD_TOKEN,
        applicationId: c.DISCORD_APPLICATION_ID,
        ...(c.DISCORD_API_BASE ? { apiBase: c.DISCORD_API_BASE } : {}),
        ...(opts.guild ? { guildId: opts.guild } : {}),
      });
      out(`registered ${r.count} Discord commands (${r.scope})`);
      out(`invite the bot: ${r.inviteUrl}`);
    });

  const deliveries = program
    .command('deliveries')
    .description('What the bot posted by itself (the delivery ledger), newest first; --failed: the failed and dead ones')
    .option('--failed', 'only deliveries that failed (waiting for a retry) or are dead')
    .option('--limit <n>', 'at most this many (1-1000)', '50')
    .option('--json', 'JSON instead of Markdown')
    .action(async (opts: { failed?: boolean; limit: string; json?: boolean }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError(`--limit must be a whole number from 1 to 1000, got "${oneLine(opts.limit).slice(0, 20)}"`);
      const svc = await open('read');
      const list = await svc.deliveries.list({ failed: Boolean(opts.failed), limit });
      if (opts.json) return out(JSON.stringify(list, null, 2));
      if (!list.length) return out(opts.failed ? '_No failed deliveries._' : '_No deliveries yet._');
      for (const d of list) {
        const detail = d.state === 'sent' ? `${d.messageId ? `message ${d.messageId}` : 'no platform message (the console, or a quiet day skipped)'}, sent ${d.sentAt}` : d.state === 'claimed' ? `claimed ${d.claimedAt}` : `${d.lastError ?? ''}${d.retryAt ? `; retry from ${d.retryAt}` : ''}`;
        out(`- \`${d.key}\` **${d.state}** (${d.attempts} ${d.attempts === 1 ? 'attempt' : 'attempts'}): ${oneLine(detail).slice(0, 300)}`);
      }
    });

  deliveries
    .command('retry <key>')
    .description('Send a failed or dead delivery again: it becomes claimable now (attempts kept) and the running bot posts it on its next tick')
    .action(async (key: string) => {
      const svc = await open('write');
      const was = await svc.deliveries.requeue(key);
      const shown = oneLine(key).slice(0, 200);
      if (was === undefined) throw new Error(`no delivery with key ${shown} (see newsbrief deliveries)`);
      if (was === 'sent') throw new Error(`delivery ${shown} was already sent; nothing to retry`);
      if (was === 'claimed') throw new Error(`delivery ${shown} is being posted now (claimed); nothing to retry`);
      out(`requeued \`${shown}\` (was ${was}): the running bot posts it on its next tick (within a minute)`);
    });

  program
    .command('usage')
    .description("Model tokens used per day, model and workspace (the OpenAI engine's calls), newest first")
    .option('--days <n>', 'the last N days, today included (1-366)', '7')
    .option('--json', 'JSON instead of Markdown')
    .action(async (opts: { days: string; json?: boolean }) => {
      const days = Number(opts.days);
      if (!Number.isInteger(days) || days < 1 || days > 366) throw new UsageError(`--days must be a whole number from 1 to 366, got "${oneLine(opts.days).slice(0, 20)}"`);
      const c = cfg();
      const svc = await open('read');
      const today = new Date().toISOString().slice(0, 10);
      const since = new Date(Date.parse(`${today}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
      const rows = await svc.modelCache.summary({ since });
      const used = await svc.modelCache.tokensOn(today);
      if (opts.json) return out(JSON.stringify({ since, today: { tokens: used, budget: c.OPENAI_DAILY_TOKENS, workspaceBudget: c.OPENAI_WORKSPACE_DAILY_TOKENS }, rows }, null, 2));
      if (!rows.length) return out(`_No model calls since ${since}._`);
      out('| day | model | workspace | calls | tokens in | tokens out |');
      out('|---|---|---|---:|---:|---:|');
      for (const r of rows) out(`| ${r.day} | ${cell(r.model)} | ${cell(r.workspace || '(none)')} | ${r.calls} | ${r.tokensIn} | ${r.tokensOut} |`);
      out('');
      out(`Today (UTC): ${used} of ${c.OPENAI_DAILY_TOKENS} tokens (OPENAI_DAILY_TOKENS); each workspace may use ${c.OPENAI_WORKSPACE_DAILY_TOKENS}.`);
    });

  program
    .command('migrate')
    .description('Copy an embedded (SQLite) archive, every table, into PostgreSQL; after an interruption run it again to continue')
    .requiredOption('--from <file>', 'the SQLite archive file (only read)')
    .option('--to <url>', 'the PostgreSQL database, postgres://... (default: DATABASE_URL)')
    .option('--batch-size <n>', 'rows per transaction (1-2000)', '500')
    .action(async (opts: { from: string; to?: string; batchSize: string }) => {
      const url = opts.to ?? cfg().DATABASE_URL;
      if (!url) throw new UsageError('migrate needs --to postgres://... (or DATABASE_URL)');
      // The URL may hold a password: never echoed, not even when malformed.
      if (!/^postgres(?:ql)?:\/\/\S+$/.test(url) || !URL.canParse(url)) throw new UsageError('--to must be a postgres:// URL such as postgres://newsbrief@127.0.0.1:5432/newsbrief');
      const batchSize = Number(opts.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 2000) throw new UsageError(`--batch-size must be a whole number from 1 to 2000, got "${oneLine(opts.batchSize).slice(0, 20)}"`);
      // pg and the copier are loaded only by this command.
      const [{ migrateArchive }, { createPgPool, redactUrl }] = await Promise.all([import('../store/migrate-archive.js'), import('../store/postgres/index.js')]);
      const pool = createPgPool({ url, max: 2 });
      try {
        const r = await migrateArchive({
          from: opts.from,
          pool,
          where: url,
          batchSize,
          onProgress: (p) => stderr.write(`newsbrief: migrate: ${p.table}: ${p.copied} rows\n`),
        }).catch((err: unknown) => {
          // pg's connection errors name no password; say which database they are about.
          if (err instanceof Error && !(err instanceof UserError) && !err.message.includes(redactUrl(url))) throw new Error(`${redactUrl(url)}: ${err.message}`, { cause: err });
          throw err;
        });
        const what = `${r.articles} articles, ${r.stories} stories, ${r.storylines} storylines`;
        out(r.alreadyDone ? `${redactUrl(url)} holds ${opts.from} already (${what}); nothing to copy` : `migrated ${opts.from} to ${redactUrl(url)}: ${what}`);
      } finally {
        await pool.end();
      }
    });

  program
    .command('bot')
    .description('The chat side: answers commands on Discord (DISCORD_TOKEN, DISCORD_APPLICATION_ID) and Slack (SLACK_BOT_TOKEN) from the archive, with /healthz and /metrics; queue mode (REDIS_URL) shares rate limits with the other processes; until Ctrl-C')
    .action(async () => {
      const c = { ...cfg(), NEWSBRIEF_DB: dbPath() };
      const on = chatPlatformsConfigured(c);
      if (!on.discord && !on.slack) {
        throw new UsageError('no chat platform configured: set DISCORD_TOKEN and DISCORD_APPLICATION_ID, or SLACK_BOT_TOKEN (see README)');
      }
      const { runUntilSignal } = await import('../main.js');
      await runUntilSignal(c, new Set(['bot']));
    });

  program
    .command('worker')
    .description('Queue mode (REDIS_URL): polls sources, ingests, and posts digests and story posts, sharing the work with every other worker; until Ctrl-C')
    .action(async () => {
      const c = { ...cfg(), NEWSBRIEF_DB: dbPath() };
      if (c.mode !== 'queue') throw new UsageError('newsbrief worker needs REDIS_URL (queue mode); without it, `npm start` runs the worker and the bot in one process');
      const { runUntilSignal } = await import('../main.js');
      await runUntilSignal(c, new Set(['worker']));
    });

  const close = async (): Promise<void> => {
    const s = services;
    services = undefined;
    await s?.close();
  };
  return { program, close };
}

/** Runs the CLI; returns the exit status instead of exiting so tests can call it in-process. */
export async function runCli(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  if (!io.env) loadDotEnv();
  const full: CliIo = { env: io.env ?? process.env, stdout: io.stdout ?? process.stdout, stderr: io.stderr ?? process.stderr, ...(io.stdin ? { stdin: io.stdin } : {}), ...(io.input ? { input: io.input } : {}) };
  const { program, close } = buildProgram(full);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      if (err.code === 'commander.executeSubCommandAsync') return 1;
      return 2; // commander already printed the usage problem
    }
    const e = err as Error;
    const usage = e instanceof UsageError || e instanceof ConfigError;
    full.stderr.write(`newsbrief: ${e instanceof ConfigError ? e.message : oneLine(e.message)}\n`);
    return usage ? 2 : 1;
  } finally {
    await close();
  }
}

/** A table cell: one line, no pipe, bounded. */
function cell(s: string): string {
  return oneLine(s).replace(/\|/g, '/').slice(0, 80);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
