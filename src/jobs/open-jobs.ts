// The one place that picks the Jobs adapter for a mode. Queue mode's libraries (bullmq, ioredis)
// are loaded here by dynamic import and nowhere else, so embedded mode never loads them.
import type { Config } from '../config.js';
import { parseDuration } from '../domain/duration.js';
import { createInProcessJobs } from './in-process-jobs.js';
import type { Jobs } from './jobs.js';

export async function openJobs(
  config: Pick<Config, 'mode' | 'REDIS_URL'> & Partial<Pick<Config, 'NEWSBRIEF_QUEUE_PREFIX' | 'NEWSBRIEF_JOB_LOCK'>>,
  onError: (jobId: string, err: unknown) => void,
): Promise<Jobs> {
  if (config.mode !== 'queue') return createInProcessJobs({ onError });
  if (!config.REDIS_URL) throw new Error('queue mode needs REDIS_URL');
  const { createBullmqJobs } = await import('./bullmq-jobs.js');
  const lockMs = config.NEWSBRIEF_JOB_LOCK ? parseDuration(config.NEWSBRIEF_JOB_LOCK) : undefined;
  return createBullmqJobs({
    url: config.REDIS_URL,
    onError,
    ...(config.NEWSBRIEF_QUEUE_PREFIX ? { prefix: config.NEWSBRIEF_QUEUE_PREFIX } : {}),
    // A worker that died is found once its lock lapses, by a check as often as the lock lasts.
    ...(lockMs ? { lockDurationMs: lockMs, stalledIntervalMs: lockMs } : {}),
  });
}
