// The RateLimiter port in Redis (ADR 024): the same token bucket as createMemoryRateLimiter, one
// Lua script per take (read, refill, take and write back atomically), so every process of a
// deployment counts one user's commands in one bucket. Buckets expire once they would be full again.
import { createMemoryRateLimiter, type RateLimiter } from './rate-limiter.js';
import { LUA_NOW_US, redisScript, type RedisScripting } from './redis-script.js';

export interface RedisRateLimiterOptions {
  redis: RedisScripting;
  /** Prefix of the bucket keys (`newsbrief:limits:rate`). */
  prefix: string;
  /** The clock in ms; absent: Redis's TIME (one clock for all processes). Tests pass a fake one. */
  now?: () => number;
  /** Redis did not answer: this process's own buckets decided instead. */
  onError?: (err: unknown) => void;
}

// KEYS[1]: the bucket; ARGV: count, perMs, and the time in ms ('' for Redis's own).
// Answers 0 for a token taken, else the ms until the next one.
const TAKE = `${LUA_NOW_US}
local count = tonumber(ARGV[1])
local per = tonumber(ARGV[2])
if ARGV[3] ~= '' then now = tonumber(ARGV[3]) else now = now / 1000 end
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1])
local at = tonumber(b[2])
if not tokens or not at then tokens = count; at = now end
if now > at then tokens = math.min(count, tokens + (now - at) * count / per) end
if now < at then now = at end
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) * per / count) end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.17g', now))
redis.call('PEXPIRE', KEYS[1], math.ceil((count - tokens) * per / count) + 1000)
return wait`;

export function createRedisRateLimiter(opts: RedisRateLimiterOptions): RateLimiter {
  const take = redisScript(opts.redis, TAKE);
  // Redis unreachable: commands are still answered, limited per process (no user gets through
  // unlimited, none is refused for want of Redis).
  const fallback = createMemoryRateLimiter(opts.now);
  return {
    async take(key, rate) {
      try {
        const wait = Number(await take([`${opts.prefix}:${encodeURIComponent(key)}`], [rate.count, rate.perMs, opts.now ? opts.now() : '']));
        return wait > 0 ? { ok: false, retryAfterMs: wait } : { ok: true };
      } catch (err) {
        opts.onError?.(err);
        return fallback.take(key, rate);
      }
    },
  };
}
