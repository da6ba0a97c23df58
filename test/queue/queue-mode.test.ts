// Queue mode as it is deployed (issue 12): `newsbrief worker` and `newsbrief bot` processes, as a
// user starts them, on a redis-server of the suite's own, sharing one SQLite archive (WAL), with the
// local Discord server taking the digests and the local Slack server the bots' answers.
// - Two workers and two bots at once: every source ingested once, every article kept, the stories
//   exactly those of one writer taking the articles in the order they were stored (the ingest lock
//   makes the workers one writer), one digest per channel; both bots answer from the shared archive.
// - A worker killed with SIGKILL in the middle of a digest fan-out: the other worker picks up its
//   jobs once their locks lapse; every channel has exactly one digest.
// - SIGTERM: a worker finishes the job in hand and exits within 10 s.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openServices } from '../../src/app/compose.js';
import { ingestInputs } from '../../src/app/commands.js';
import { createSqliteDeliveryLedger } from '../../src/store/sqlite-delivery-ledger.js';
import { startDiscordServer, type DiscordServer } from '../../src/platforms/discord/local-server.js';
import { synthArticles } from '../../src/bench/synth.js';
import { rssText } from '../../src/bench/cli-ingest.js';
import { describeWithRedis } from '../support/redis.js';
import { ROOT, spawnNewsbrief, terminate, until, type Proc } from '../support/processes.js';
import { freePort } from '../support/io.js';
import { countArticles, storedArticles, storiesAndReplay, take } from '../support/replay.js';
import { slackSignature, startLocalSlack, type LocalSlack } from '../slack/local-slack.js';

const GUILD = '400000000000000002';
const SLACK_TOKEN = 'xoxb-queue-bot-token';
const SLACK_SECRET = 'queue-mode-signing-secret';

describeWithRedis('queue mode: workers and bots on one Redis', (redis) => {
  let dir: string;
  let discord: DiscordServer;
  let slack: LocalSlack;
  const procs: Proc[] = [];
  let archives = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newsbrief-queue-'));
    discord = await startDiscordServer({ limits: { globalPerSecond: 50, perChannel: { limit: 5, windowMs: 5000 }, latencyMs: 20 } });
    slack = await startLocalSlack();
  }, 60_000);

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await discord?.close();
    await slack?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh archive with `n` Discord channels following everything (digests only: no story posts). */
  async function archive(name: string, n: number, preIngest: string[] = []): Promise<{ db: string; channels: string[] }> {
    const db = join(dir, `${name}.db`);
    const svc = await openServices(loadConfig({ NEWSBRIEF_DB: db, LOG_LEVEL: 'silent' }));
    if (preIngest.length) await ingestInputs(svc, preIngest);
    const base = 750000000000000000n + BigInt(archives++) * 10_000n;
    const channels = Array.from({ length: n }, (_, i) => String(base + BigInt(i)));
    const at = new Date().toISOString();
    for (const channelId of channels) {
      const key = { platform: 'discord' as const, workspaceId: GUILD, channelId };
      await svc.channels.subscribe(key, 'all', '', 'admin', at);
      await svc.channels.updateSettings(key, { storyPosts: 'off' }, 'admin', at);
    }
    await svc.close();
    return { db, channels };
  }

  const baseEnv = (db: string, prefix: string): Record<string, string> => ({
    REDIS_URL: redis().url,
    NEWSBRIEF_QUEUE_PREFIX: prefix,
    NEWSBRIEF_DB: db,
    NEWSBRIEF_TZ: 'UTC',
    NEWSBRIEF_DIGEST_TIME: '00:00',
    NEWSBRIEF_JOB_LOCK: '2s',
    NEWSBRIEF_DELIVERY_LEASE: '2s',
    NEWSBRIEF_DELIVERY_CONCURRENCY: '10',
    NEWSBRIEF_HTTP_PORT: '0',
    LOG_LEVEL: 'info',
  });

  const workerEnv = (db: string, prefix: string, sources: string): Record<string, string> => ({
    ...baseEnv(db, prefix),
    NEWSBRIEF_SOURCES: sources,
    DISCORD_TOKEN: 'queue-worker-token',
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_BASE: discord.api,
  });

  const start = (name: string, args: string[], env: Record<string, string>): Proc => {
    const p = spawnNewsbrief(name, args, env, dir);
    procs.push(p);
    return p;
  };

  const digestCounts = (channels: string[]): Map<string, number> => {
    const wanted = new Set(channels);
    const per = new Map<string, number>();
    for (const m of discord.channelMessages) if (wanted.has(m.channelId)) per.set(m.channelId, (per.get(m.channelId) ?? 0) + 1);
    return per;
  };

  async function sentDigests(db: string): Promise<string[]> {
    const ledger = createSqliteDeliveryLedger(db);
    try {
      return (await ledger.list({ limit: 1000 })).filter((d) => d.key.startsWith('digest:') && d.state === 'sent').map((d) => d.key);
    } finally {
      await ledger.close();
    }
  }

  it('two workers and two bots: every article once, the stories of one writer, one digest per channel, answers from the shared archive', async () => {
    // 240 synthetic articles of ~55 events, dealt round-robin over 12 feeds: the articles of one
    // event sit in different feeds, which the two workers fetch at the same time.
    const all = [...take(synthArticles({ seed: 7, topics: 20, perEvent: 4, bytes: 1500, spanDays: 10 }), 240)];
    const feeds = Array.from({ length: 12 }, (_, k) => {
      const path = join(dir, `feed-${k}.xml`);
      writeFileSync(path, rssText(all.filter((_, i) => i % 12 === k)));
      return path;
    });
    const { db, channels } = await archive('two', 30);
    const prefix = 'two';
    const workers = [0, 1].map((i) => start(`worker${i}`, ['worker'], workerEnv(db, prefix, feeds.join(','))));
    const bots = await Promise.all(
      [0, 1].map(async (i) => {
        const port = await freePort();
        const env = { ...baseEnv(db, prefix), SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_API_URL: slack.apiUrl, NEWSBRIEF_HTTP_PORT: String(port) };
        return { proc: start(`bot${i}`, ['bot'], env), port };
      }),
    );

    // Every article stored, once.
    await until(() => countArticles(db) >= all.length, 90_000, 'every article stored');
    await until(async () => (await sentDigests(db)).length >= channels.length, 60_000, 'every digest sent');
    const quiet = () => Date.now() - (discord.requests.at(-1)?.at ?? 0) > 2500;
    await until(quiet, 30_000, 'the fan-out to end');

    // Both workers took part, and so did both bots once asked.
    for (const w of workers) expect(w.output()).toMatch(/source polled/);
    for (const [i, b] of bots.entries()) {
      await until(() => b.proc.output().includes('Slack bot running'), 20_000, `bot${i} to start`);
      const body = new URLSearchParams({ command: '/news', text: 'stories --limit 3', team_id: 'T1', channel_id: `CQ${i}`, user_id: `UQ${i}`, response_url: `http://127.0.0.1:${slack.port}/respond/q${i}`, trigger_id: 't' }).toString();
      const ts = Math.floor(Date.now() / 1000);
      const res = await fetch(`http://127.0.0.1:${b.port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(SLACK_SECRET, ts, body) },
        body,
      });
      expect(res.status).toBe(200);
      const answer = await slack.waitFor(() => slack.responses.find((r) => r.path === `/respond/q${i}`));
      // A story the workers stored: its headline is one of the synthetic titles.
      expect(JSON.stringify(answer.body)).toMatch(new RegExp(all.map((a) => escapeRe(a.title.slice(0, 30))).slice(0, 240).join('|')));
      const health = await fetch(`http://127.0.0.1:${b.port}/healthz`);
      expect(health.status).toBe(200);
    }

    for (const p of [...workers, ...bots.map((b) => b.proc)]) {
      const { code, ms } = await terminate(p);
      expect(code, p.output().slice(-2000)).toBe(0);
      expect(ms).toBeLessThan(10_000);
    }

    // One digest per channel, each part once; the ledger agrees. (Digests went out while the
    // workers still ingested, so channels served later got more stories: lengths may differ.)
    const per = digestCounts(channels);
    expect(per.size).toBe(channels.length);
    const posted = discord.channelMessages.filter((m) => per.has(m.channelId)).map((m) => `${m.channelId}:${m.body.nonce}`);
    expect(new Set(posted).size).toBe(posted.length);
    const sent = await sentDigests(db);
    expect(sent).toHaveLength(channels.length);
    expect(new Set(sent.map((k) => k.split(':').slice(0, 4).join(':'))).size).toBe(channels.length);

    // Every article exactly once, and the stories are those of one writer taking the articles in
    // the order they were stored: no two workers decided on one event at the same time.
    const rows = storedArticles(db);
    expect(rows).toHaveLength(all.length);
    expect(new Set(rows.map((r) => r.url))).toEqual(new Set(all.map((a) => a.url)));
    const { stored, replayed } = await storiesAndReplay(db, dir);
    expect(stored).toEqual(replayed);
  }, 240_000);

  it('a worker killed mid fan-out: the other finishes its jobs, exactly one digest per channel; SIGTERM exits in time', async () => {
    const { db, channels } = await archive('kill', 80, [join(ROOT, 'examples')]);
    const prefix = 'kill';
    const env = workerEnv(db, prefix, join(ROOT, 'examples'));
    const first = start('killed', ['worker'], env);
    const second = start('survivor', ['worker'], env);
    await until(() => digestCounts(channels).size >= channels.length / 4, 60_000, 'a quarter of the fan-out');
    first.child.kill('SIGKILL');
    await first.exited();
    expect(digestCounts(channels).size).toBeLessThan(channels.length);

    await until(() => digestCounts(channels).size >= channels.length, 60_000, 'every channel to get its digest');
    await until(async () => (await sentDigests(db)).length >= channels.length, 30_000, 'the ledger to confirm every digest');
    const quiet = () => Date.now() - (discord.requests.at(-1)?.at ?? 0) > 2500;
    await until(quiet, 30_000, 'the fan-out to end');
    const { code, ms } = await terminate(second);
    expect(code, second.output().slice(-2000)).toBe(0);
    expect(ms).toBeLessThan(10_000);

    const per = digestCounts(channels);
    expect(per.size).toBe(channels.length);
    expect(new Set(per.values()).size).toBe(1);
    const posted = discord.channelMessages.filter((m) => per.has(m.channelId)).map((m) => `${m.channelId}:${m.body.nonce}`);
    expect(new Set(posted).size).toBe(posted.length);
    expect(await sentDigests(db)).toHaveLength(channels.length);
  }, 240_000);
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

