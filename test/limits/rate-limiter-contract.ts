// What every RateLimiter adapter promises (the token bucket of the command limits), on a clock the
// test moves: the in-memory limiter and the Redis one answer alike, to the millisecond.
import { describe, expect, it } from 'vitest';
import { parseRate, type RateLimiter } from '../../src/limits/rate-limiter.js';

/** A fresh limiter (buckets of its own) reading `now` as its clock. */
export type LimiterFactory = (now: () => number) => RateLimiter | Promise<RateLimiter>;

export function rateLimiterContract(name: string, make: LimiterFactory): void {
  describe(`${name} token bucket`, () => {
    it('lets a burst through, then refills evenly, and says when the next token comes', async () => {
      let t = 1_000_000;
      const limiter = await make(() => t);
      const rate = parseRate('3/min')!;
      for (let i = 0; i < 3; i++) expect(await limiter.take('u', rate)).toEqual({ ok: true });
      expect(await limiter.take('u', rate)).toEqual({ ok: false, retryAfterMs: 20_000 });
      t += 5_000;
      expect(await limiter.take('u', rate)).toEqual({ ok: false, retryAfterMs: 15_000 });
      // Another key has its own bucket.
      expect(await limiter.take('v', rate)).toEqual({ ok: true });
      t += 15_000;
      expect(await limiter.take('u', rate)).toEqual({ ok: true });
      expect((await limiter.take('u', rate)).ok).toBe(false);
      // After a long idle, the bucket holds its burst again, no more.
      t += 3_600_000;
      for (let i = 0; i < 3; i++) expect((await limiter.take('u', rate)).ok).toBe(true);
      expect((await limiter.take('u', rate)).ok).toBe(false);
    });

    it('a refused take costs nothing: the wait shrinks with time, whoever asks meanwhile', async () => {
      let t = 0;
      const limiter = await make(() => t);
      const rate = parseRate('2/10s')!;
      expect((await limiter.take('k', rate)).ok).toBe(true);
      expect((await limiter.take('k', rate)).ok).toBe(true);
      for (const wait of [5_000, 4_000, 1_000]) {
        expect(await limiter.take('k', rate)).toEqual({ ok: false, retryAfterMs: wait });
        t += wait === 5_000 ? 1_000 : 3_000;
      }
      // 7 s on: 1.4 tokens came back, one is taken.
      expect(await limiter.take('k', rate)).toEqual({ ok: true });
      const next = await limiter.take('k', rate);
      expect(next.ok).toBe(false);
      // 0.6 of a token to come: 3 s, give or take the last float's rounding up.
      expect(next.ok ? 0 : next.retryAfterMs).toBeGreaterThanOrEqual(3_000);
      expect(next.ok ? 0 : next.retryAfterMs).toBeLessThanOrEqual(3_001);
    });

    it('keys are only names: odd characters do not reach another bucket', async () => {
      const t = 0;
      const limiter = await make(() => t);
      const rate = parseRate('1/min')!;
      for (const key of ['user:U1', 'user:U1:x', 'user%3AU1', 'user:U1*', '']) expect(await limiter.take(key, rate), key).toEqual({ ok: true });
      expect((await limiter.take('user:U1', rate)).ok).toBe(false);
    });
  });
}
