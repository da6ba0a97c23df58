// The Redis rate limiter (ADR 024): the rate-limiter contract on a real redis-server (the test's
// clock passed in), then on Redis's own clock: one bucket for every process, atomic takes, buckets
// that expire once full again, and this process's own buckets when Redis does not answer.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { parseRate } from '../../src/limits/rate-limiter.js';
import { createRedisRateLimiter } from '../../src/limits/redis-rate-limiter.js';
import { describeWithRedis, useRedisClients } from '../support/redis.js';
import { rateLimiterContract } from './rate-limiter-contract.js';

describeWithRedis('redis rate limiter', (server) => {
  const connect = useRedisClients(server);
  const newPrefix = () => `t-${randomUUID().slice(0, 8)}`;

  rateLimiterContract('redis', async (now) => createRedisRateLimiter({ redis: await connect(), prefix: newPrefix(), now }));

  it("on Redis's clock: processes on separate connections share one bucket, and takes are atomic", async () => {
    const prefix = newPrefix();
    const a = createRedisRateLimiter({ redis: await connect(), prefix });
    const b = createRedisRateLimiter({ redis: await connect(), prefix });
    const rate = parseRate('10/min')!;
    const takes = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).take('user:U1', rate)));
    expect(takes.filter((t) => t.ok)).toHaveLength(10);
    const waits = takes.flatMap((t) => (t.ok ? [] : [t.retryAfterMs]));
    // The next token is 6 s away (less the few ms the takes took).
    for (const w of waits) expect(w).toBeGreaterThan(5_900);
    for (const w of waits) expect(w).toBeLessThanOrEqual(6_000);
  });

  it('a bucket expires once it would be full again; its key is under the prefix', async () => {
    const prefix = newPrefix();
    const redis = await connect();
    const limiter = createRedisRateLimiter({ redis, prefix });
    await limiter.take('channel:C1', parseRate('2/1s')!);
    const keys = await redis.keys(`${prefix}*`);
    expect(keys).toEqual([`${prefix}:channel%3AC1`]);
    const ttl = await redis.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(1_000);
    expect(ttl).toBeLessThanOrEqual(1_500);
  });

  it('Redis away: limited by this process alone, and said through onError', async () => {
    const errors: unknown[] = [];
    const down = new Redis(server().url, { enableOfflineQueue: false, lazyConnect: true });
    const limiter = createRedisRateLimiter({ redis: down, prefix: newPrefix(), onError: (e) => errors.push(e) });
    const rate = parseRate('2/min')!;
    expect((await limiter.take('u', rate)).ok).toBe(true);
    expect((await limiter.take('u', rate)).ok).toBe(true);
    expect((await limiter.take('u', rate)).ok).toBe(false);
    expect(errors).toHaveLength(3);
    down.disconnect();
  });
});
