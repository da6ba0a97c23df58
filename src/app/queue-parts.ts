// What queue mode adds to a process's services (ADR 022): the deployment's ingest lock on Redis,
// so that one worker at a time stores articles and stories. Loaded by dynamic import from the
// composition root only when REDIS_URL is set: embedded mode never loads ioredis.
import type { Config } from '../config.js';
import type { Exclusive } from '../domain/exclusive.js';

export interface QueueParts {
  ingestLock: Exclusive;
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
  const { createRedisExclusive, pingRedis } = await import('../jobs/redis-exclusive.js');
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
  return { ingestLock, close: () => ingestLock.close() };
}
