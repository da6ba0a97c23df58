// Queue mode's part of /healthz and /metrics (ADR 019, ADR 024): Redis answers PING, and each
// BullMQ queue's jobs by state. One ioredis connection shared by every queue read here; bullmq and
// ioredis are imported inside createQueueHealth, so importing this module loads neither.
import type { QueueCounts, QueueStatus } from '../app/http-endpoints.js';

export interface QueueHealthOptions {
  /** redis:// URL (REDIS_URL). */
  url: string;
  /** BullMQ key prefix, the Jobs adapter's (default `newsbrief`). */
  prefix?: string;
  /** The job names (one queue each) to count. */
  names: readonly string[];
  /** How long one check may take before Redis counts as down (default 2 s). */
  timeoutMs?: number;
}

export interface QueueHealth {
  /** Never rejects: Redis down is `redis: <why>`, with the queues it could not count left out. */
  check(): Promise<QueueStatus>;
  close(): Promise<void>;
}

export async function createQueueHealth(opts: QueueHealthOptions): Promise<QueueHealth> {
  const [{ Queue }, { Redis }] = await Promise.all([import('bullmq'), import('ioredis')]);
  const timeoutMs = opts.timeoutMs ?? 2_000;
  // No offline queue: with Redis away a check fails at once instead of waiting for it to return.
  const redis = new Redis(opts.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: timeoutMs });
  let lastError: string | undefined;
  redis.on('error', (err: Error) => (lastError = err.message));
  redis.on('ready', () => (lastError = undefined));
  const queues = opts.names.map((name) => {
    const q = new Queue(name, { connection: redis, prefix: opts.prefix ?? 'newsbrief' });
    q.on('error', () => {}); // what went wrong is the check's answer, not an unhandled error
    return [name, q] as const;
  });

  const read = async (): Promise<QueueStatus> => {
    if (redis.status !== 'ready') return { redis: lastError ?? `not connected (${redis.status})`, queues: {} };
    await redis.ping();
    const counted = await Promise.all(
      queues.map(async ([name, q]) => {
        const c = await q.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
        const counts: QueueCounts = { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 };
        return [name, counts] as const;
      }),
    );
    return { redis: 'ok', queues: Object.fromEntries(counted) };
  };

  let closing: Promise<void> | undefined;
  return {
    async check() {
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          read(),
          new Promise<QueueStatus>((r) => {
            timer = setTimeout(() => r({ redis: `no answer within ${timeoutMs} ms`, queues: {} }), timeoutMs);
          }),
        ]);
      } catch (err) {
        return { redis: (err as Error)?.message || 'error', queues: {} };
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      closing ??= (async () => {
        // The queues do not own the shared connection; their close may wait on Redis, so it is bounded.
        await Promise.race([Promise.allSettled(queues.map(([, q]) => q.close())), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
        if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
        else redis.disconnect();
      })();
      return closing;
    },
  };
}
