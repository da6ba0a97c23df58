// The limits one deployment shares (ADR 024): the Discord and Slack pacers of the bot's own posts
// and the command rate limiter. Embedded mode keeps them in the process (createLocalLimits); queue
// mode keeps them in Redis (openSharedLimits), on one connection, so that every worker and bot
// process spends one platform budget. ioredis is imported only inside openSharedLimits: this
// module may be imported anywhere without loading it.
import { createKeyedPacer, createSpacingPacer, type KeyedPacer, type Pacer } from './pacer.js';
import { DISCORD_REQUESTS_PER_SECOND, SLACK_MESSAGE_INTERVAL_MS } from './platform-budgets.js';
import { createMemoryRateLimiter, type RateLimiter } from './rate-limiter.js';
import { createRedisKeyedPacer, createRedisSpacingPacer } from './redis-pacer.js';
import { createRedisRateLimiter } from './redis-rate-limiter.js';
import type { RedisScripting } from './redis-script.js';

export interface Limits {
  /** Discord's global budget (49 requests a second) for the bot's own posts. */
  discordPacer: Pacer;
  /** Slack's per-channel pace (one message every 1.1 s per channel key). */
  slackPacer: KeyedPacer;
  /** Command rate limits (CommandLimits.limiter). */
  rateLimiter: RateLimiter;
  close(): Promise<void>;
}

export interface LimitsOptions {
  discordPerSecond?: number;
  slackIntervalMs?: number;
}

/** Embedded mode: everything in this process's memory (what a single process has always used). */
export function createLocalLimits(opts: LimitsOptions & { now?: () => number } = {}): Limits {
  return {
    discordPacer: createSpacingPacer({ perSecond: opts.discordPerSecond ?? DISCORD_REQUESTS_PER_SECOND }),
    slackPacer: createKeyedPacer({ intervalMs: opts.slackIntervalMs ?? SLACK_MESSAGE_INTERVAL_MS }),
    rateLimiter: createMemoryRateLimiter(opts.now),
    close: async () => {},
  };
}

/** The Redis-backed limits on an existing connection (the caller closes it). */
export function createRedisLimits(redis: RedisScripting, opts: LimitsOptions & { prefix?: string; onError?: (err: unknown) => void } = {}): Omit<Limits, 'close'> {
  const base = `${opts.prefix ?? 'newsbrief'}:limits`;
  const onError = opts.onError ?? (() => {});
  return {
    discordPacer: createRedisSpacingPacer({ redis, prefix: `${base}:discord`, perSecond: opts.discordPerSecond ?? DISCORD_REQUESTS_PER_SECOND, onError }),
    slackPacer: createRedisKeyedPacer({ redis, prefix: `${base}:slack`, intervalMs: opts.slackIntervalMs ?? SLACK_MESSAGE_INTERVAL_MS, onError }),
    rateLimiter: createRedisRateLimiter({ redis, prefix: `${base}:rate`, onError }),
  };
}

export interface SharedLimitsOptions extends LimitsOptions {
  /** redis:// URL (REDIS_URL). */
  url: string;
  /** Keys are `<prefix>:limits:...` (default `newsbrief`, as BullMQ's). */
  prefix?: string;
  /** Redis did not answer a pause or a rate-limit take (the latter then falls back to this process's buckets). */
  onError?: (err: unknown) => void;
}

/**
 * Queue mode: the limits in Redis, on one ioredis connection opened here (resolves once it is
 * ready; rejects if Redis cannot be reached within `connectTimeoutMs`, 10 s by default).
 */
export async function openSharedLimits(opts: SharedLimitsOptions & { connectTimeoutMs?: number }): Promise<Limits> {
  const { Redis } = await import('ioredis');
  // No offline queue: with Redis away a pacer or a take fails at once (a delivery goes back to the
  // ledger, a command is limited locally) rather than hanging until Redis is back.
  const redis = new Redis(opts.url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: opts.connectTimeoutMs ?? 10_000 });
  let opening = true;
  let cause: unknown;
  // Without a listener ioredis logs each reconnect failure; while opening, the socket's error is the
  // reason to give (connect() itself only says "Connection is closed").
  redis.on('error', (err) => (opening ? (cause = err) : opts.onError?.(err)));
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw new Error(`shared limits: Redis not reachable: ${((cause ?? err) as Error)?.message ?? String(cause ?? err)}`);
  } finally {
    opening = false;
  }
  const limits = createRedisLimits(redis, opts);
  let closed: Promise<void> | undefined;
  return {
    ...limits,
    close() {
      closed ??= redis.quit().then(
        () => {},
        () => redis.disconnect(),
      );
      return closed;
    },
  };
}
