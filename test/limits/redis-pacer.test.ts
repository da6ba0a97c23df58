// The Redis pacers (ADR 024): the pacer contract on a real redis-server, then what only a shared
// budget can show: two processes on their own connections spending one budget, one gap apart on
// Redis's clock, and a pause seen by one holding the other.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { RetryLater } from '../../src/domain/delivery-errors.js';
import { createRedisKeyedPacer, createRedisSpacingPacer } from '../../src/limits/redis-pacer.js';
import { describeWithRedis, useRedisClients } from '../support/redis.js';
import { pacerContract } from './pacer-contract.js';

describeWithRedis('redis pacers', (server) => {
  const connect = useRedisClients(server);
  const newPrefix = () => `t-${randomUUID().slice(0, 8)}`;

  pacerContract('redis', {
    spacing: async (perSecond, stamp) => createRedisSpacingPacer({ redis: await connect(), prefix: newPrefix(), perSecond, ...(stamp ? { onRelease: (us: number) => stamp(us / 1000) } : {}) }),
    keyed: async (intervalMs) => createRedisKeyedPacer({ redis: await connect(), prefix: newPrefix(), intervalMs }),
  });

  it('two processes acquiring 200 slots together at 49/s are one gap apart on Redis clock', async () => {
    const prefix = newPrefix();
    const run = () => {
      const child = spawn(process.execPath, [resolve(import.meta.dirname, '../fixtures/redis-pacer-child.mjs')], {
        env: { ...process.env, REDIS_URL: server().url, PREFIX: prefix, PER_SECOND: '49', COUNT: '100' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      const ready = new Promise<void>((ok, fail) => {
        const t = setInterval(() => out.includes('ready') && (clearInterval(t), ok()), 10);
        child.once('exit', (code) => (clearInterval(t), fail(new Error(`child exited ${code}: ${err}`))));
      });
      const done = new Promise<{ server: number[]; wall: number[] }>((ok, fail) =>
        child.once('exit', (code) => (code === 0 ? ok(JSON.parse(out.split('\n').find((l) => l.startsWith('{'))!)) : fail(new Error(`child exited ${code}: ${err}`)))),
      );
      return { child, ready, done };
    };
    const a = run();
    const b = run();
    await Promise.all([a.ready, b.ready]);
    const t0 = Date.now();
    a.child.stdin.end('go\n');
    b.child.stdin.end('go\n');
    const [ra, rb] = await Promise.all([a.done, b.done]);
    const elapsed = Date.now() - t0;
    const gapUs = 1_000_000 / 49;
    // On Redis's clock (the one the script decides by): never two closer than the gap.
    const srv = [...ra.server, ...rb.server].sort((x, y) => x - y);
    expect(srv).toHaveLength(200);
    const gaps = srv.slice(1).map((t, i) => t - srv[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(gapUs);
    // Both processes had slots all along, not one after the other.
    const lastA = Math.max(...ra.server);
    const lastB = Math.max(...rb.server);
    expect(Math.min(...ra.server)).toBeLessThan(lastB);
    expect(Math.min(...rb.server)).toBeLessThan(lastA);
    // As the processes saw it (their wall clocks, jitter included): 49 a second at most.
    const wall = [...ra.wall, ...rb.wall].sort((x, y) => x - y);
    expect(wall.at(-1)! - wall[0]!).toBeGreaterThanOrEqual((199 * gapUs) / 1000 - 20);
    let over = 0;
    for (let i = 49; i < wall.length; i++) if (wall[i]! - wall[i - 49]! < 1000 - 20) over++;
    expect(over).toBe(0);
    // And not far under the budget (199 gaps: 4.06 s; 4.7 s measured, more on a loaded machine).
    expect(elapsed).toBeLessThan(12_000);
  }, 30_000);

  it('a pause seen by one process holds the others (separate connections)', async () => {
    const prefix = newPrefix();
    const one = createRedisSpacingPacer({ redis: await connect(), prefix, perSecond: 49 });
    const other = createRedisSpacingPacer({ redis: await connect(), prefix, perSecond: 49 });
    await other.acquire();
    const t0 = performance.now();
    one.pause(400);
    await new Promise((r) => setTimeout(r, 20)); // the pause is in Redis before the other asks
    await other.acquire();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(400 - 3);
  });

  it('keyed: one channel key is paced across processes, pauseKey from one holds it for the other', async () => {
    const prefix = newPrefix();
    const times: number[] = [];
    const one = createRedisKeyedPacer({ redis: await connect(), prefix, intervalMs: 150, onRelease: (t) => times.push(t) });
    const other = createRedisKeyedPacer({ redis: await connect(), prefix, intervalMs: 150, onRelease: (t) => times.push(t) });
    await Promise.all([one.acquire('C1'), other.acquire('C1'), one.acquire('C1'), other.acquire('C1'), other.acquire('C2')]);
    const c1 = times.slice().sort((x, y) => x - y);
    expect(c1).toHaveLength(5);
    // Four releases of C1 span three intervals at least; C2 went at once among them.
    expect(c1.at(-1)! - c1[0]!).toBeGreaterThanOrEqual(3 * 150_000);
    const t0 = performance.now();
    one.pauseKey('C2', 300);
    await new Promise((r) => setTimeout(r, 20));
    await other.acquire('C2');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(300 - 3);
    await other.acquire('C3'); // another key: not held
  });

  it('keeps its keys under the prefix, each expiring once idle', async () => {
    const prefix = newPrefix();
    const redis = await connect();
    const pacer = createRedisKeyedPacer({ redis, prefix, intervalMs: 100 });
    await pacer.acquire('C:1');
    pacer.pause(50);
    pacer.pauseKey('C:1', 50);
    await new Promise((r) => setTimeout(r, 20));
    const keys = (await redis.keys(`${prefix}*`)).sort();
    expect(keys).toEqual([`${prefix}:hold:C%3A1`, `${prefix}:last:C%3A1`, `${prefix}:pause`]);
    for (const k of keys) expect(await redis.pttl(k)).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1_200));
    expect(await redis.keys(`${prefix}*`)).toEqual([]);
  });

  it('without Redis an acquire fails at once (the delivery goes back to the ledger)', async () => {
    const down = new Redis(server().url, { enableOfflineQueue: false, lazyConnect: true });
    const pacer = createRedisSpacingPacer({ redis: down, prefix: newPrefix(), perSecond: 49 });
    const err = await pacer.acquire().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(RetryLater);
    expect((err as RetryLater).message).toMatch(/shared pacer: Redis did not answer/);
    const errors: unknown[] = [];
    createRedisKeyedPacer({ redis: down, prefix: newPrefix(), intervalMs: 100, onError: (e) => errors.push(e) }).pause(10);
    await new Promise((r) => setTimeout(r, 20));
    expect(errors).toHaveLength(1);
    down.disconnect();
  });
});
