// Embedded-mode Jobs: node-cron in this process. A job never overlaps itself: a slow ingest run
// is skipped by the next tick rather than stacked.
import cron from 'node-cron';
import type { Jobs, ScheduledJob } from './jobs.js';

export interface InProcessJobsOptions {
  onError(jobId: string, err: unknown): void;
}

export function createInProcessJobs(opts: InProcessJobsOptions): Jobs {
  const tasks = new Map<string, { stop(): unknown }>();
  const running = new Map<string, Promise<void>>();

  const runOnce = (job: ScheduledJob): void => {
    if (running.has(job.id)) return;
    const p = job
      .run()
      .catch((err) => opts.onError(job.id, err))
      .finally(() => running.delete(job.id));
    running.set(job.id, p);
  };

  return {
    schedule(job) {
      if (!cron.validate(job.pattern)) throw new Error(`job ${job.id}: invalid cron pattern "${job.pattern}"`);
      tasks.get(job.id)?.stop();
      tasks.set(job.id, cron.schedule(job.pattern, () => runOnce(job), { timezone: job.timeZone, name: job.id }));
    },
    async stop() {
      for (const t of tasks.values()) t.stop();
      tasks.clear();
      await Promise.allSettled([...running.values()]);
    },
  };
}
