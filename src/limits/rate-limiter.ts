// Port: rate limits on commands, so that no user or channel can make the bot work (or fetch
// URLs) without end. In memory now (one process); queue mode will keep the buckets in Redis
// behind the same port.

/** `count` per `perMs`: at most `count` at once, refilled evenly over `perMs`. */
export interface Rate {
  count: number;
  perMs: number;
  /** As configured ("10/min"), for messages. */
  text: string;
}

export type Take = { ok: true } | { ok: false; retryAfterMs: number };

export interface RateLimiter {
  /** Takes one token from the bucket `key` (filled to `rate.count` on first use), or says when one will be there. */
  take(key: string, rate: Rate): Promise<Take>;
}

/** What dispatch applies: per user, per channel, and the URLs a user has fetched (`brief <url>`). */
export interface CommandLimits {
  limiter: RateLimiter;
  user: Rate;
  channel: Rate;
  urls: Rate;
}

const UNITS: Record<string, number> = { s: 1000, sec: 1000, second: 1000, m: 60_000, min: 60_000, minute: 60_000, h: 3_600_000, hour: 3_600_000, d: 86_400_000, day: 86_400_000 };

/** "10/min", "30/minute", "20/hour", "5/10s"; undefined when it is not one. */
export function parseRate(text: string): Rate | undefined {
  const m = /^\s*(\d{1,6})\s*\/\s*(\d{0,6})\s*([a-z]+)\s*$/i.exec(text);
  if (!m) return undefined;
  const count = Number(m[1]);
  const unit = UNITS[m[3]!.toLowerCase()];
  const times = m[2] ? Number(m[2]) : 1;
  if (!unit || count < 1 || times < 1) return undefined;
  return { count, perMs: unit * times, text: `${count}/${m[2] ?? ''}${m[3]!.toLowerCase()}` };
}

/** Buckets kept before full ones (idle users) are dropped. */
const MAX_BUCKETS = 10_000;

/** A token bucket per key, in this process's memory; `now` is the clock (a fake one in tests). */
export function createMemoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const level = (b: { tokens: number; at: number }, rate: Rate, t: number): number => Math.min(rate.count, b.tokens + ((t - b.at) * rate.count) / rate.perMs);
  return {
    async take(key, rate) {
      const t = now();
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= MAX_BUCKETS) {
          // A full bucket is the same as none: forget those (idle keys) first, then the oldest
          // tenth, so that a flood of new keys costs one sweep per thousand, not one each.
          for (const [k, v] of buckets) if (level(v, rate, t) >= rate.count) buckets.delete(k);
          if (buckets.size >= MAX_BUCKETS * 0.9) for (const k of [...buckets.keys()].slice(0, MAX_BUCKETS / 10)) buckets.delete(k);
        }
        b = { tokens: rate.count, at: t };
        buckets.set(key, b);
      }
      b.tokens = level(b, rate, t);
      b.at = t;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterMs: Math.ceil(((1 - b.tokens) * rate.perMs) / rate.count) };
    },
  };
}
