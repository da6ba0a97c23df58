// Fan-out bench (issue 10): one digest to every subscribed channel, through the path a user runs
// (`node dist/main.js`, i.e. `npm start` with tokens), against the local Discord and Slack
// stand-ins enforcing the platforms' limits with real 429s:
// - Discord: 1,000 channels; the server allows 50 requests per moving second over all channels
//   (a global 429 past it), 5 messages per 5 s per channel, and answers after a 40 ms round trip.
//   Figure: from the first post to the last, against the rate-limit minimum (requests / 50 per s),
//   target within 1.2x; and the 429s (target: none beyond the first).
// - Slack: 100 channels, at most one message a second per channel (429 past it); each digest is
//   several messages (up to 25 stories). Figure: messages per second, against the per-channel minimum.
// Both check that every channel got its digest exactly once.
// Usage: npm run build && node dist/bench/fanout.js [--channels 1000] [--slack-channels 100]
//   [--digest-stories 8] [--keep]   (--digest-stories 3: each Discord digest is one message)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.js';
import { openServices } from '../app/compose.js';
import { ingestInputs } from '../app/commands.js';
import { startDiscordServer } from '../platforms/discord/local-server.js';
import { startLocalSlack } from '../platforms/slack/local-server.js';
import type { ChannelKey } from '../domain/channels.js';
import { freePortNumber } from './ports.js';
import { synthArticles, type SynthArticle } from './synth.js';
import { writeFolder } from './cli-ingest.js';
import { recordSummary } from './summary.js';
import { DISCORD_RATE, TARGET_RATIO, fanoutFigures } from './discord-figures.js';
import { option, load } from './options.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const examples = join(root, 'examples');
const GUILD = '400000000000000001';
const TEAM = 'T1';


/** A store with the examples (and any other inputs) ingested and `channels` subscribed to everything. */
async function prepareStore(db: string, channels: ChannelKey[], inputs: string[] = [examples]): Promise<void> {
  const svc = await openServices(loadConfig({ NEWSBRIEF_DB: db }));
  try {
    await ingestInputs(svc, inputs, () => {});
    const at = new Date().toISOString();
    for (const c of channels) await svc.channels.subscribe(c, 'all', '', 'bench', at);
  } finally {
    await svc.close();
  }
}

/** Runs `node dist/main.js` until `done()` holds (or the timeout), then stops it with SIGTERM. */
async function runBot(env: Record<string, string>, cwd: string, done: () => boolean, timeoutMs: number): Promise<{ stderr: string; exit: number | null }> {
  const child = spawn(process.execPath, [join(root, 'dist', 'main.js')], { cwd, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', NEWSBRIEF_SOURCES: examples, NEWSBRIEF_TZ: 'UTC', NEWSBRIEF_DIGEST_TIME: '00:00', ...env } });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout.on('data', () => {});
  const until = Date.now() + timeoutMs;
  while (!done() && Date.now() < until && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
  const exited = new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))));
  child.kill('SIGTERM');
  return { stderr, exit: await exited };
}

async function discordPart(dir: string, n: number): Promise<void> {
  const channels: ChannelKey[] = Array.from({ length: n }, (_, i) => ({ platform: 'discord', workspaceId: GUILD, channelId: String(710000000000000000n + BigInt(i)) }));
  const db = join(dir, 'discord.db');
  await prepareStore(db, channels);
  const server = await startDiscordServer({ limits: { globalPerSecond: DISCORD_RATE, perChannel: { limit: 5, windowMs: 5000 }, latencyMs: 40 } });
  const posted = (): Set<string> => new Set(server.channelMessages.map((m) => m.channelId));
  // Done when every channel has its digest and no post came for 2 s (a digest may be several messages).
  const lastAt = (): number => server.requests.at(-1)?.at ?? Date.now();
  try {
    const t0 = Date.now();
    const { stderr } = await runBot(
      { NEWSBRIEF_DB: db, NEWSBRIEF_DIGEST_MAX_STORIES: String(option('--digest-stories', 8)), DISCORD_TOKEN: 'bench-token', DISCORD_APPLICATION_ID: server.applicationId, DISCORD_API_BASE: server.api, NEWSBRIEF_HTTP_PORT: String(await freePortNumber()) },
      dir,
      () => posted().size >= n && Date.now() - lastAt() > 2000,
      Math.max(120_000, (n / DISCORD_RATE) * 4000),
    );
    const f = fanoutFigures(server, n);
    if (!f) throw new Error(`no digest was posted; the bot said:\n${stderr.slice(-2000)}`);
    const { seconds, minimum, ratio, exact, limited, last } = f;
    console.log(`discord: ${n} channels, ${f.messages} messages (${f.messagesPerDigest} per digest), ${f.requests} post requests`);
    console.log(`  first post to last: ${seconds.toFixed(2)} s; rate-limit minimum ${minimum.toFixed(2)} s (${f.messages} / ${DISCORD_RATE} per s); ratio ${ratio.toFixed(3)} (target <= ${TARGET_RATIO}) ${ratio <= TARGET_RATIO ? 'ok' : 'MISSED'}`);
    console.log(`  429s: ${server.rateLimited.global} global, ${server.rateLimited.route} per channel (target: none beyond the first) ${limited <= 1 ? 'ok' : 'MISSED'}`);
    console.log(`  every channel exactly one digest: ${exact ? 'yes' : `NO (${f.channelsPosted} channels got one)`}; start to last post ${((last - t0) / 1000).toFixed(1)} s (includes start and ingest); load ${load()}`);
    recordSummary('fanout', `discord ${n} channels`, `${seconds.toFixed(2)} s for ${f.messages} messages (minimum ${minimum.toFixed(2)} s, ratio ${ratio.toFixed(2)}), 429s ${limited}, exactly once ${exact ? 'yes' : 'NO'}`);
  } finally {
    await server.close();
  }
}

async function slackPart(dir: string, n: number): Promise<void> {
  const channels: ChannelKey[] = Array.from({ length: n }, (_, i) => ({ platform: 'slack', workspaceId: TEAM, channelId: `C${String(i).padStart(8, '0')}` }));
  const db = join(dir, 'slack.db');
  // More stories than the examples hold, so that a digest of 25 is several Slack messages.
  const stream = synthArticles({ seed: 11, topics: 60, perEvent: 3, bytes: 1500, spanDays: 1 });
  const folder = join(dir, 'slack-articles');
  writeFolder(folder, Array.from({ length: 150 }, () => stream.next().value as SynthArticle));
  await prepareStore(db, channels, [examples, folder]);
  const slack = await startLocalSlack({ perChannelIntervalMs: 1000 });
  try {
    // The bot posts the digests of every channel; done when no post came for 3 s after the last.
    const quietFor = (ms: number): boolean => slack.posted.length > 0 && new Set(slack.posted.map((p) => p.channel)).size >= n && Date.now() - slack.posted.at(-1)!.at > ms;
    const { stderr } = await runBot(
      { NEWSBRIEF_DB: db, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: 'bench-signing-secret', SLACK_API_URL: slack.apiUrl, NEWSBRIEF_HTTP_PORT: String(await freePortNumber()), NEWSBRIEF_DIGEST_MAX_STORIES: '25' },
      dir,
      () => quietFor(3000),
      180_000,
    );
    const posted = slack.posted;
    if (!posted.length) throw new Error(`no digest was posted; the bot said:\n${stderr.slice(-2000)}`);
    const first = posted[0]!.at;
    const last = posted.at(-1)!.at;
    const seconds = (last - first) / 1000;
    const perChannel = new Map<string, number>();
    for (const p of posted) perChannel.set(p.channel, (perChannel.get(p.channel) ?? 0) + 1);
    const counts = [...perChannel.values()];
    const per = Math.max(...counts);
    const exact = perChannel.size === n && counts.every((c) => c === counts[0]);
    const minimum = per - 1; // one message a second per channel, all channels at once
    console.log(`slack: ${n} channels, ${posted.length} messages (${per} per digest)`);
    console.log(`  first post to last: ${seconds.toFixed(2)} s (per-channel minimum ${minimum} s); ${(posted.length / Math.max(seconds, 1)).toFixed(1)} messages/s; 429s ${slack.rateLimited}`);
    console.log(`  every channel exactly one digest: ${exact ? 'yes' : 'NO'}; load ${load()}`);
    recordSummary('fanout', `slack ${n} channels`, `${posted.length} messages in ${seconds.toFixed(2)} s (${(posted.length / Math.max(seconds, 1)).toFixed(1)}/s; per-channel minimum ${minimum} s), 429s ${slack.rateLimited}, exactly once ${exact ? 'yes' : 'NO'}`);
  } finally {
    await slack.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-fanout-'));
  try {
    await discordPart(dir, option('--channels', 1000));
    await slackPart(dir, option('--slack-channels', 100));
  } finally {
    if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
