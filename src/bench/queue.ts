// Queue-mode bench (issue 12), through the processes a user runs, on a redis-server of its own:
// - Ingest throughput: M synthetic articles in K feed files, polled by `node dist/main.js`
//   (embedded) or by 1, 2 and 4 `newsbrief worker` processes (queue mode), on SQLite and, where a
//   PostgreSQL server answers, on PostgreSQL (a fresh database, dropped after). Figure: articles per
//   second from the processes' start to the last article stored, and the ratio to embedded mode.
// - Fan-out with 2 workers: one digest to 1,000 Discord channels against the local Discord server's
//   50 requests per moving second. Figure: first post to last against the rate-limit minimum
//   (target within 1.2x), the 429s, every channel exactly once.
// Usage: npm run build && node dist/bench/queue.js [--articles 2000] [--feeds 40] [--workers 1,2,4]
//   [--channels 1000] [--pg postgres://postgres@127.0.0.1:5432/postgres] [--no-pg] [--keep]
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { loadConfig } from '../config.js';
import { openServices } from '../app/compose.js';
import { ingestInputs } from '../app/commands.js';
import { startDiscordServer } from '../platforms/discord/local-server.js';
import type { ChannelKey } from '../domain/channels.js';
import { freePortNumber } from './ports.js';
import { synthArticles, type SynthArticle } from './synth.js';
import { rssText } from './cli-ingest.js';
import { recordSummary } from './summary.js';
import { DISCORD_RATE, TARGET_RATIO, fanoutFigures } from './discord-figures.js';
import { option, load, textOption } from './options.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const examples = join(root, 'examples');
const GUILD = '400000000000000003';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function findRedisServer(): string | undefined {
  if (process.env.REDIS_SERVER) return existsSync(process.env.REDIS_SERVER) ? process.env.REDIS_SERVER : undefined;
  for (const d of [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin']) if (d && existsSync(join(d, 'redis-server'))) return join(d, 'redis-server');
  return undefined;
}

async function startRedis(dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const bin = findRedisServer();
  if (!bin) throw new Error('redis-server not found (apt-get install -y redis-server, or set REDIS_SERVER)');
  let port = await freePortNumber();
  while (port === 6379) port = await freePortNumber();
  const data = join(dir, 'redis');
  mkdirSync(data, { recursive: true });
  const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', data], { stdio: 'ignore' });
  const { Redis } = await import('ioredis');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const r = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on('error', () => {});
    const ok = await r.connect().then(() => r.ping()).then(() => true, () => false);
    r.disconnect();
    if (ok) break;
    if (Date.now() > deadline) throw new Error('redis-server did not start');
    await sleep(50);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    },
  };
}

interface Archive {
  env: Record<string, string>;
  count(): Promise<number>;
  drop(): Promise<void>;
}

function sqliteArchive(path: string): Archive {
  return {
    env: { NEWSBRIEF_DB: path },
    async count() {
      if (!existsSync(path)) return 0;
      const d = new Database(path, { readonly: true });
      try {
        return (d.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
      } catch {
        return 0; // tables not made yet
      } finally {
        d.close();
      }
    },
    async drop() {},
  };
}

async function pgArchive(adminUrl: string, name: string): Promise<Archive | undefined> {
  const { createPgPool } = await import('../store/postgres/index.js');
  const admin = createPgPool({ url: adminUrl, max: 1 });
  try {
    await admin.query('SELECT 1');
  } catch {
    await admin.end();
    return undefined;
  }
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = createPgPool({ url: url.toString(), max: 1 });
  return {
    env: { DATABASE_URL: url.toString() },
    async count() {
      try {
        return Number((await db.query('SELECT count(*) AS n FROM articles')).rows[0].n);
      } catch {
        return 0;
      }
    },
    async drop() {
      await db.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

function spawnNode(args: string[], env: Record<string, string>, cwd: string): ChildProcess {
  const child = spawn(process.execPath, args, { cwd, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', NEWSBRIEF_HTTP_PORT: '0', NEWSBRIEF_TZ: 'UTC', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => {
    err += c.toString();
    if (err.length > 20_000) err = err.slice(-10_000);
  });
  (child as ChildProcess & { errText: () => string }).errText = () => err;
  return child;
}

async function stopAll(children: ChildProcess[]): Promise<void> {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
}

/** Articles per second from the processes' start to the last of `total` articles stored. */
async function timeIngest(total: number, archive: Archive, start: () => ChildProcess[]): Promise<number> {
  const t0 = Date.now();
  const children = start();
  try {
    const deadline = t0 + 600_000;
    while ((await archive.count()) < total) {
      if (Date.now() > deadline) throw new Error('ingest did not finish in 10 minutes');
      const dead = children.find((c) => c.exitCode !== null);
      if (dead) throw new Error(`a process exited early: ${(dead as ChildProcess & { errText: () => string }).errText().slice(-1500)}`);
      await sleep(50);
    }
    return total / ((Date.now() - t0) / 1000);
  } finally {
    await stopAll(children);
  }
}

async function ingestPart(dir: string, redisUrl: string): Promise<void> {
  const total = option('--articles', 2000);
  const k = option('--feeds', 40);
  const workerCounts = textOption('--workers', '1,2,4').split(',').map(Number).filter((n) => n >= 1);
  const gen = synthArticles({ seed: 99, topics: 120, perEvent: 5, bytes: 3000, spanDays: 60 });
  const all: SynthArticle[] = [];
  for (let i = 0; i < total; i++) all.push(gen.next().value as SynthArticle);
  const feeds = Array.from({ length: k }, (_, i) => {
    const p = join(dir, `feed-${i}.xml`);
    writeFileSync(p, rssText(all.filter((_, j) => j % k === i)));
    return p;
  });
  const common = { NEWSBRIEF_SOURCES: feeds.join(','), NEWSBRIEF_MAX_FEED_ITEMS: String(Math.ceil(total / k) + 10), REDIS_URL: redisUrl };
  console.log(`queue-mode ingest: ${total} articles (~3 KB) in ${k} feed files; ${cpus().length} CPU cores; time from the processes' start to the last article stored`);
  const stores: Array<[string, (run: string) => Promise<Archive | undefined>]> = [['SQLite', async (run) => sqliteArchive(join(dir, `${run}.db`))]];
  if (!process.argv.includes('--no-pg')) stores.push(['PostgreSQL', (run) => pgArchive(textOption('--pg', 'postgres://postgres@127.0.0.1:5432/postgres'), `newsbrief_bench_${process.pid}_${run.replace(/\W/g, '_')}`)]);
  for (const [storeName, make] of stores) {
    const embeddedArchive = await make('embedded');
    if (!embeddedArchive) {
      console.log(`  ${storeName}: no server answered; skipped`);
      continue;
    }
    let embedded: number;
    try {
      const { REDIS_URL: _omit, ...embeddedEnv } = common;
      embedded = await timeIngest(total, embeddedArchive, () => [spawnNode([join(root, 'dist', 'main.js')], { ...embeddedEnv, ...embeddedArchive.env }, dir)]);
    } finally {
      await embeddedArchive.drop();
    }
    console.log(`  ${storeName}, embedded (npm start, one process): ${embedded.toFixed(0)} articles/s; load ${load()}`);
    recordSummary('queue', `ingest ${storeName} embedded`, `${embedded.toFixed(0)} articles/s`);
    for (const w of workerCounts) {
      const archive = (await make(`w${w}`))!;
      let rate: number;
      try {
        const prefix = `bench-${storeName}-${w}-${Date.now()}`;
        rate = await timeIngest(total, archive, () =>
          Array.from({ length: w }, () => spawnNode([join(root, 'bin', 'newsbrief.js'), 'worker'], { ...common, ...archive.env, NEWSBRIEF_QUEUE_PREFIX: prefix.replace(/[^A-Za-z0-9_-]/g, '') }, dir)),
        );
      } finally {
        await archive.drop();
      }
      console.log(`  ${storeName}, queue mode, ${w} worker${w > 1 ? 's' : ''}: ${rate.toFixed(0)} articles/s (${(rate / embedded).toFixed(2)}x embedded); load ${load()}`);
      recordSummary('queue', `ingest ${storeName} ${w} worker${w > 1 ? 's' : ''}`, `${rate.toFixed(0)} articles/s, ${(rate / embedded).toFixed(2)}x embedded`);
    }
  }
}

async function fanoutPart(dir: string, redisUrl: string): Promise<void> {
  const n = option('--channels', 1000);
  const workers = option('--fanout-workers', 2);
  const channels: ChannelKey[] = Array.from({ length: n }, (_, i) => ({ platform: 'discord', workspaceId: GUILD, channelId: String(720000000000000000n + BigInt(i)) }));
  const db = join(dir, 'fanout.db');
  const svc = await openServices(loadConfig({ NEWSBRIEF_DB: db, LOG_LEVEL: 'silent' }));
  try {
    await ingestInputs(svc, [examples], () => {});
    const at = new Date().toISOString();
    for (const c of channels) {
      await svc.channels.subscribe(c, 'all', '', 'bench', at);
      await svc.channels.updateSettings(c, { storyPosts: 'off' }, 'bench', at);
    }
  } finally {
    await svc.close();
  }
  const server = await startDiscordServer({ limits: { globalPerSecond: DISCORD_RATE, perChannel: { limit: 5, windowMs: 5000 }, latencyMs: 40 } });
  const posted = (): number => new Set(server.channelMessages.map((m) => m.channelId)).size;
  const lastAt = (): number => server.requests.at(-1)?.at ?? Date.now();
  const env = {
    NEWSBRIEF_DB: db,
    NEWSBRIEF_SOURCES: examples,
    NEWSBRIEF_DIGEST_TIME: '00:00',
    NEWSBRIEF_DIGEST_MAX_STORIES: String(option('--digest-stories', 8)),
    REDIS_URL: redisUrl,
    NEWSBRIEF_QUEUE_PREFIX: `fanout${Date.now()}`,
    DISCORD_TOKEN: 'bench-token',
    DISCORD_APPLICATION_ID: server.applicationId,
    DISCORD_API_BASE: server.api,
  };
  const children = Array.from({ length: workers }, () => spawnNode([join(root, 'bin', 'newsbrief.js'), 'worker'], env, dir));
  try {
    const deadline = Date.now() + Math.max(180_000, (n / DISCORD_RATE) * 5000);
    while (!(posted() >= n && Date.now() - lastAt() > 2500) && Date.now() < deadline) await sleep(100);
  } finally {
    await stopAll(children);
    await server.close();
  }
  const f = fanoutFigures(server, n);
  if (!f) throw new Error(`no digest was posted: ${(children[0] as ChildProcess & { errText: () => string }).errText().slice(-1500)}`);
  const { seconds, minimum, ratio, exact, limited } = f;
  console.log(`queue-mode fan-out: ${workers} workers, ${n} Discord channels, ${f.messages} messages (${f.messagesPerDigest} per digest)`);
  console.log(`  first post to last: ${seconds.toFixed(2)} s; rate-limit minimum ${minimum.toFixed(2)} s; ratio ${ratio.toFixed(3)} (target <= ${TARGET_RATIO}) ${ratio <= TARGET_RATIO ? 'ok' : 'MISSED'}`);
  console.log(`  429s: ${server.rateLimited.global} global, ${server.rateLimited.route} per channel; every channel exactly one digest: ${exact ? 'yes' : `NO (${f.channelsPosted} channels)`}; load ${load()}`);
  recordSummary('queue', `fan-out ${workers} workers, ${n} Discord channels`, `${seconds.toFixed(2)} s for ${f.messages} messages (minimum ${minimum.toFixed(2)} s, ratio ${ratio.toFixed(2)}), 429s ${limited}, exactly once ${exact ? 'yes' : 'NO'}`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-queue-bench-'));
  const redis = await startRedis(dir);
  try {
    if (!process.argv.includes('--no-ingest')) await ingestPart(dir, redis.url);
    if (!process.argv.includes('--no-fanout')) await fanoutPart(dir, redis.url);
  } finally {
    await redis.stop();
    if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
