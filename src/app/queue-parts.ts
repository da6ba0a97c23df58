// What queue mode adds to a process's services (ADR 022, 024): the deployment's ingest lock on
// Redis, so that one worker at a time stores articles and stories, and the platforms' budgets and
// command rate limits shared through Redis. Loaded by dynamic import from the composition root only
// when REDIS_URL is set: embedded mode never loads ioredis.
import type { Config } from '../config.js';
import type { Exclusive } from '../domain/exclusive.js';
import type { TermStatsLog } from '../domain/term-stats-log.js';
import { openSharedLimits, type Limits } from '../limits/shared-limits.js';

export interface QueueParts {
  ingestLock: Exclusive;
  /** Each stored batch's term statistics, for the writer after (ADR 022). */
  statsLog: TermStatsLog;
  /** Discord's and Slack's budgets and the command rate limits, one for every process of the deployment. */
  limits: Limits;
  close(): Promise<void>;
}

/** Long enough for any batch between renewals; short enough that a dead worker's lock lapses soon. */
export const INGEST_LOCK_LEASE_MS = 30_000;

/** How long a process waits for Redis to answer at start. */
export const REDIS_START_TIMEOUT_MS = 5_000;

/** The URL without its password, for messages. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'REDIS_URL';
  }
}

export async function openQueueParts(config: Pick<Config, 'REDIS_URL' | 'NEWSBRIEF_QUEUE_PREFIX'>, log?: { warn(obj: object, msg: string): void }): Promise<QueueParts> {
  if (!config.REDIS_URL) throw new Error('queue mode needs REDIS_URL');
  const [{ createRedisExclusive, pingRedis }, { createRedisTermStatsLog }] = await Promise.all([import('../jobs/redis-exclusive.js'), import('../jobs/redis-term-stats-log.js')]);
  // Said at start, in one line: a worker that cannot reach Redis would otherwise wait in silence.
  const problem = await pingRedis(config.REDIS_URL, REDIS_START_TIMEOUT_MS);
  if (problem) throw new Error(`queue mode: cannot reach Redis at ${shownUrl(config.REDIS_URL)} (${problem}); start it, fix REDIS_URL, or unset REDIS_URL to run embedded`);
  const key = `${config.NEWSBRIEF_QUEUE_PREFIX}:lock:ingest`;
  const ingestLock = createRedisExclusive({
    url: config.REDIS_URL,
    key,
    leaseMs: INGEST_LOCK_LEASE_MS,
    onLost: (k) => log?.warn({ lock: k }, 'ingest lock lapsed while held (the store write lock still serializes writers)'),
  });
  const limits = await openSharedLimits({
    url: config.REDIS_URL,
    prefix: config.NEWSBRIEF_QUEUE_PREFIX,
    onError: (err) => log?.warn({ err }, 'shared rate limits: Redis did not answer (commands fall back to this process\'s own buckets)'),
  }).catch(async (err: unknown) => {
    await ingestLock.close();
    throw err;
  });
  const statsLog = createRedisTermStatsLog({ url: config.REDIS_URL, prefix: config.NEWSBRIEF_QUEUE_PREFIX });
  return {
    ingestLock,
    statsLog,
    limits,
    async close() {
      await ingestLock.close();
      await limits.close();
      statsLog.close();
    },
  };
}
