// A digest fan-out killed half-way (issue 10): `node dist/main.js` posting digests to 120 Discord
// channels on the local Discord (its real limits: 50 requests a second, a 30 ms round trip) is
// killed with SIGKILL in the middle, restarted, stopped with SIGTERM in the middle (it must finish
// the posts in hand and exit within 10 s, leaving no claim open), and restarted again: every channel
// ends with exactly one digest, none skipped, none doubled.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openServices } from '../../src/app/compose.js';
import { ingestInputs } from '../../src/app/commands.js';
import { startDiscordServer, type DiscordServer } from '../../src/platforms/discord/local-server.js';
import { createSqliteDeliveryLedger } from '../../src/store/sqlite-delivery-ledger.js';
import { freePort } from '../support/io.js';

const root = resolve(import.meta.dirname, '../..');
const N = 120;
const GUILD = '400000000000000001';
const channelIds = Array.from({ length: N }, (_, i) => String(740000000000000000n + BigInt(i)));

let dir: string;
let db: string;
let discord: DiscordServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-fanout-crash-'));
  db = join(dir, 'bot.db');
  const svc = await openServices(loadConfig({ NEWSBRIEF_DB: db }));
  await ingestInputs(svc, [join(root, 'examples')]);
  for (const channelId of channelIds) await svc.channels.subscribe({ platform: 'discord', workspaceId: GUILD, channelId }, 'all', '', 'admin', new Date().toISOString());
  await svc.close();
  discord = await startDiscordServer({ limits: { globalPerSecond: 50, perChannel: { limit: 5, windowMs: 5000 }, latencyMs: 30 } });
}, 60_000);

afterAll(async () => {
  await discord?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<{ child: ChildProcess; stderr: () => string }> {
  let err = '';
  const child = spawn(process.execPath, [join(root, 'dist', 'main.js')], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      NEWSBRIEF_DB: db,
      NEWSBRIEF_SOURCES: join(root, 'examples'),
      NEWSBRIEF_TZ: 'UTC',
      NEWSBRIEF_DIGEST_TIME: '00:00',
      NEWSBRIEF_DELIVERY_LEASE: '2s',
      NEWSBRIEF_DELIVERY_CONCURRENCY: '10',
      NEWSBRIEF_HTTP_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
      DISCORD_TOKEN: 'crash-token',
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_BASE: discord.api,
    },
  });
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  child.stdout!.on('data', () => {});
  return { child, stderr: () => err };
}

const channelsWithPosts = (): number => new Set(discord.channelMessages.map((m) => m.channelId)).size;
async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
const exited = (child: ChildProcess): Promise<number | null> => new Promise((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))));

describe('a digest fan-out stopped half-way', () => {
  it('SIGKILL, restart, SIGTERM, restart: every channel has exactly one digest', async () => {
    // 1. Killed without warning a quarter of the way through.
    const first = await start();
    await until(() => channelsWithPosts() >= N / 4, 40_000);
    first.child.kill('SIGKILL');
    await exited(first.child);
    const afterKill = channelsWithPosts();
    expect(afterKill).toBeLessThan(N);

    // 2. Restarted once the dead process's claims have lapsed; stopped politely half-way.
    await new Promise((r) => setTimeout(r, 2500));
    const second = await start();
    await until(() => channelsWithPosts() >= Math.min(N - 10, afterKill + N / 4), 40_000);
    const t0 = Date.now();
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(second.stderr()).toContain('SIGTERM received');
    // Nothing left in hand: every delivery it began was confirmed.
    const ledger = createSqliteDeliveryLedger(db);
    const open = (await ledger.list({ limit: 1000 })).filter((d) => d.state === 'claimed');
    await ledger.close();
    expect(open).toEqual([]);
    expect(channelsWithPosts()).toBeLessThan(N);

    // 3. Restarted: the rest, and nothing twice.
    const third = await start();
    await until(() => channelsWithPosts() >= N, 40_000);
    const quiet = () => Date.now() - (discord.requests.at(-1)?.at ?? 0) > 1500;
    await until(quiet, 20_000);
    third.child.kill('SIGTERM');
    expect(await exited(third.child)).toBe(0);

    const per = new Map<string, number>();
    for (const m of discord.channelMessages) per.set(m.channelId, (per.get(m.channelId) ?? 0) + 1);
    const counts = [...per.values()];
    expect(per.size).toBe(N);
    // A digest may be several messages; every channel has the same digest, each part once.
    expect(new Set(counts).size).toBe(1);
    const nonces = discord.channelMessages.map((m) => `${m.channelId}:${m.body.nonce}`);
    expect(new Set(nonces).size).toBe(nonces.length);
    // The ledger agrees: one sent digest per channel.
    const check = createSqliteDeliveryLedger(db);
    const sent = (await check.list({ limit: 1000 })).filter((d) => d.key.startsWith('digest:') && d.state === 'sent');
    await check.close();
    expect(sent).toHaveLength(N);
  }, 150_000);
});
