// The limits a deployment shares (ADR 024): openSharedLimits puts the two pacers and the command
// rate limiter in Redis on one connection; createLocalLimits is embedded mode's in-memory set.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRate } from '../../src/limits/rate-limiter.js';
import { createLocalLimits, openSharedLimits } from '../../src/limits/shared-limits.js';
import { freePort } from '../support/io.js';
import { describeWithRedis } from '../support/redis.js';

describe('local limits', () => {
  it('are the in-process pacers and buckets, nothing to close', async () => {
    const l = createLocalLimits({ now: () => 0 });
    await l.discordPacer.acquire();
    await l.slackPacer.acquire('C1');
    expect(await l.rateLimiter.take('u', parseRate('1/min')!)).toEqual({ ok: true });
    expect((await l.rateLimiter.take('u', parseRate('1/min')!)).ok).toBe(false);
    await l.close();
  });
});

describeWithRedis('shared limits', (server) => {
  let admin: Redis;
  beforeAll(async () => {
    admin = new Redis(server().url);
  });
  afterAll(async () => {
    await admin?.quit();
  });

  it('pacers and rate limiter in Redis, on one connection, keys under <prefix>:limits', async () => {
    const prefix = `t-${randomUUID().slice(0, 8)}`;
    const clientsBefore = String(await admin.client('LIST')).trim().split('\n').length;
    const limits = await openSharedLimits({ url: server().url, prefix });
    const clientsOpen = String(await admin.client('LIST')).trim().split('\n').length;
    expect(clientsOpen - clientsBefore).toBe(1);
    await limits.discordPacer.acquire();
    await limits.slackPacer.acquire('C1');
    expect(await limits.rateLimiter.take('user:U1', parseRate('1/min')!)).toEqual({ ok: true });
    expect((await limits.rateLimiter.take('user:U1', parseRate('1/min')!)).ok).toBe(false);
    expect((await admin.keys(`${prefix}:*`)).sort()).toEqual([`${prefix}:limits:discord:last`, `${prefix}:limits:rate:user%3AU1`, `${prefix}:limits:slack:last:C1`]);
    // A second process (another connection) spends the same buckets.
    const other = await openSharedLimits({ url: server().url, prefix });
    expect((await other.rateLimiter.take('user:U1', parseRate('1/min')!)).ok).toBe(false);
    await Promise.all([limits.close(), other.close()]);
    await limits.close(); // twice is fine
    const clientsAfter = String(await admin.client('LIST')).trim().split('\n').length;
    expect(clientsAfter).toBe(clientsBefore);
  });

  it('refuses to open, saying why, when Redis cannot be reached', async () => {
    const port = await freePort();
    await expect(openSharedLimits({ url: `redis://:s3cret@127.0.0.1:${port}`, connectTimeoutMs: 500 })).rejects.toThrow(/shared limits: Redis not reachable: .*ECONNREFUSED/);
    await expect(openSharedLimits({ url: `redis://:s3cret@127.0.0.1:${port}`, connectTimeoutMs: 500 })).rejects.not.toThrow(/s3cret/);
  });
});
