// The pacers of ADR 021 with their state in Redis (ADR 024): N processes on any number of machines
// keep one platform budget together. Every decision is one Lua script, atomic in Redis, timed by
// Redis's TIME, so the machines' clocks never enter into it. Waiters of one process still queue
// FIFO locally and one of them at a time asks Redis (per key for the keyed pacer); across processes
// whoever asks first after a slot opens gets it. Keys expire once idle: nothing to sweep.
import { RetryLater } from '../domain/delivery-errors.js';
import { SYSTEM_CLOCK, type KeyedPacer, type Pacer } from './pacer.js';
import { LUA_FMT, LUA_NOW_US, redisScript, type RedisScript, type RedisScripting } from './redis-script.js';

export interface RedisPacerOptions {
  redis: RedisScripting;
  /** Prefix of this pacer's keys (`newsbrief:limits:discord`); pacers sharing it share one budget. */
  prefix: string;
  /** A pause that could not be stored in Redis (it still holds this process). */
  onError?: (err: unknown) => void;
  /** Each release's time on Redis's clock, in microseconds (tests measure the spacing with it). */
  onRelease?: (serverTimeUs: number) => void;
}

// KEYS[1]: the last release; KEYS[2..]: holds (pauses) that release must also wait out.
// ARGV[1]: the gap in microseconds; ARGV[2]: how long the last release is kept (ms).
// Answers {1, now} for a release, {0, microseconds to wait}.
const ACQUIRE = `${LUA_NOW_US}
${LUA_FMT}
local at = 0
local last = tonumber(redis.call('GET', KEYS[1]))
if last then at = last + tonumber(ARGV[1]) end
for i = 2, #KEYS do
  local held = tonumber(redis.call('GET', KEYS[i]))
  if held and held > at then at = held end
end
if at <= now then
  redis.call('SET', KEYS[1], fmt(now), 'PX', ARGV[2])
  return {1, fmt(now)}
end
return {0, fmt(math.ceil(at - now))}`;

// KEYS[1]: the hold; ARGV[1]: milliseconds from now. A longer hold already there is kept.
const HOLD = `${LUA_NOW_US}
${LUA_FMT}
local ms = tonumber(ARGV[1])
local upto = now + ms * 1000
local cur = tonumber(redis.call('GET', KEYS[1]))
if not cur or upto > cur then redis.call('SET', KEYS[1], fmt(upto), 'PX', math.ceil(ms) + 1000) end
return 1`;

// The spacing pacer books its slot: the next free time (a full gap after the last booked slot, and
// past any hold), stored as the last slot at once, so that a process sleeps once until its slot
// instead of asking again and again (each ask costing a round trip and a timer's overshoot: the
// asking version spent ~43 of 49 slots a second on a busy machine). Slots are booked at most
// ARGV[3] microseconds ahead; past that the answer is "ask again in ...".
// KEYS as ACQUIRE; ARGV[1]: gap (us); ARGV[2]: how long the last slot is kept (ms); ARGV[3]: the
// furthest ahead a slot is booked (us). Answers {1, slot time, wait us} or {0, wait us}.
const BOOK = `${LUA_NOW_US}
${LUA_FMT}
local at = now
local last = tonumber(redis.call('GET', KEYS[1]))
if last and last + tonumber(ARGV[1]) > at then at = last + tonumber(ARGV[1]) end
for i = 2, #KEYS do
  local held = tonumber(redis.call('GET', KEYS[i]))
  if held and held > at then at = held end
end
at = math.ceil(at)
local wait = at - now
if wait > tonumber(ARGV[3]) then return {0, fmt(math.ceil(wait - tonumber(ARGV[3])))} end
redis.call('SET', KEYS[1], fmt(at), 'PX', math.ceil(tonumber(ARGV[2]) + wait / 1000))
return {1, fmt(at), fmt(math.ceil(wait))}`;

/** The furthest ahead the spacing pacer books a slot (a pause past it is waited out by asking again). */
const BOOK_AHEAD_US = 1_000_000;
/**
 * Booked slots are spaced this much wider than the rate asks: a slot is kept from its booking, and
 * a process that wakes late for one slot and on time for the next sends those two closer than a
 * gap. At 49/s plus 5%, 51 requests in one second need wake-ups ~70 ms apart in lateness (seen at
 * 49/s with no margin: 14 global 429s in 2,000 posts on a loaded machine; with it, none).
 */
const BOOKING_MARGIN = 1.05;

const sleep = SYSTEM_CLOCK.sleep;

/**
 * Runs `script` (ACQUIRE or BOOK) until it grants a slot, then sleeps until the slot if it was
 * booked ahead; the local hold (a pause Redis may not have stored) first. Answers are
 * {1, slot time, wait us?} or {0, us to wait before asking again}.
 */
async function grant(script: RedisScript, keys: string[], args: Array<string | number>, localHold: () => number, onRelease?: (t: number) => void): Promise<void> {
  for (;;) {
    const held = localHold() - performance.now();
    if (held > 0) {
      await sleep(held);
      continue;
    }
    let answer: unknown;
    try {
      answer = await script(keys, args);
    } catch (err) {
      // The post goes back to the delivery ledger, which backs off: a pacer of this process alone
      // would let N processes spend N budgets.
      throw new RetryLater(`shared pacer: Redis did not answer: ${(err as Error)?.message ?? String(err)}`);
    }
    const [ok, value, booked] = answer as [number, string, string?];
    if (Number(ok) === 1) {
      const waitMs = Number(booked ?? 0) / 1000;
      if (waitMs > 0) await sleep(waitMs);
      onRelease?.(Number(value));
      return;
    }
    // Whole milliseconds, rounded up: a timer that fires early would cost a round trip for nothing.
    await sleep(Math.max(1, Math.ceil(Number(value) / 1000)));
  }
}

/** At most `perSecond` releases a second across every pacer on `prefix`, each a full gap after the one before. */
export function createRedisSpacingPacer(opts: RedisPacerOptions & { perSecond: number }): Pacer {
  if (!(opts.perSecond > 0)) throw new Error('a pacer needs a positive rate');
  const book = redisScript(opts.redis, BOOK);
  const hold = redisScript(opts.redis, HOLD);
  const gapUs = (1_000_000 / opts.perSecond) * BOOKING_MARGIN;
  const keys = [`${opts.prefix}:last`, `${opts.prefix}:pause`];
  const ttlMs = Math.ceil(gapUs / 1000) + 1_000;
  const waiting: Array<{ resolve: () => void; reject: (err: unknown) => void }> = [];
  let localUntil = 0;
  let pumping = false;
  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      while (waiting.length > 0) {
        const next = waiting[0]!;
        try {
          await grant(book, keys, [gapUs, ttlMs, BOOK_AHEAD_US], () => localUntil, opts.onRelease);
          waiting.shift();
          next.resolve();
        } catch (err) {
          waiting.shift();
          next.reject(err);
        }
      }
    } finally {
      pumping = false;
    }
  };
  return {
    acquire() {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ resolve, reject });
        void pump();
      });
    },
    pause(ms) {
      localUntil = Math.max(localUntil, performance.now() + ms);
      hold([keys[1]!], [Math.max(0, ms)]).catch((err: unknown) => opts.onError?.(err));
    },
  };
}

/** One release per `intervalMs` for each key across every pacer on `prefix`; `pause` holds all keys, `pauseKey` one. */
export function createRedisKeyedPacer(opts: RedisPacerOptions & { intervalMs: number }): KeyedPacer {
  const acquire = redisScript(opts.redis, ACQUIRE);
  const hold = redisScript(opts.redis, HOLD);
  const gapUs = opts.intervalMs * 1000;
  const ttlMs = Math.ceil(opts.intervalMs) + 1_000;
  const allKey = `${opts.prefix}:pause`;
  const tails = new Map<string, Promise<void>>();
  // Local holds: a pause Redis could not store still holds this process.
  const heldUntil = new Map<string, number>();
  let allUntil = 0;
  const localHold = (key: string) => (): number => {
    const k = heldUntil.get(key) ?? 0;
    if (k && k <= performance.now()) heldUntil.delete(key);
    return Math.max(allUntil, k);
  };
  return {
    acquire(key = '') {
      // Keys go into Redis key names: encoded so that no key can reach another's (or a pause's) name.
      const k = encodeURIComponent(key);
      const keys = [`${opts.prefix}:last:${k}`, `${opts.prefix}:hold:${k}`, allKey];
      const mine = (tails.get(key) ?? Promise.resolve()).catch(() => {}).then(() => grant(acquire, keys, [gapUs, ttlMs], localHold(key), opts.onRelease));
      tails.set(key, mine);
      void mine
        .finally(() => {
          if (tails.get(key) === mine) tails.delete(key);
        })
        .catch(() => {});
      return mine;
    },
    pause(ms) {
      allUntil = Math.max(allUntil, performance.now() + ms);
      hold([allKey], [Math.max(0, ms)]).catch((err: unknown) => opts.onError?.(err));
    },
    pauseKey(key, ms) {
      heldUntil.set(key, Math.max(heldUntil.get(key) ?? 0, performance.now() + ms));
      hold([`${opts.prefix}:hold:${encodeURIComponent(key)}`], [Math.max(0, ms)]).catch((err: unknown) => opts.onError?.(err));
    },
  };
}
