// Embedded-mode Jobs: node-cron in this process, and a queue in memory run one job at a time (posts
// leave in order, within the platforms' limits). A scheduled job never overlaps itself: a slow
// ingest run is skipped by the next tick rather than stacked. Idempotency keys are remembered for
// the last MAX_KEYS jobs; across restarts the delivery ledger is what prevents a second post.
import cron from 'node-cron';
import type { z } from 'zod';
import type { Jobs, JobSpec, ScheduledJob } from './jobs.js';

export interface InProcessJobsOptions {
  onError(jobId: string, err: unknown): void;
}

const MAX_KEYS = 10_000;

export function createInProcessJobs(opts: InProcessJobsOptions): Jobs {
  const handlers = new Map<string, { spec: JobSpec; run: (payload: any) => Promise<void> }>();
  const tasks = new Map<string, { stop(): unknown }>();
  const running = new Map<string, Promise<void>>();
  const keys = new Set<string>();
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;

  const handlerOf = (name: string) => {
    const h = handlers.get(name);
    if (!h) throw new Error(`no job named "${name}"`);
    return h;
  };
  /** Validated on the way in (enqueue, schedule) and again on the way to the processor. */
  const runJob = async (name: string, payload: unknown): Promise<void> => {
    const h = handlerOf(name);
    await h.run(h.spec.payload.parse(payload));
  };

  const runScheduled = (job: ScheduledJob): void => {
    if (stopped || running.has(job.id)) return;
    const p = runJob(job.job, job.payload)
      .catch((err) => opts.onError(job.id, err))
      .finally(() => running.delete(job.id));
    running.set(job.id, p);
  };

  return {
    handle<S extends z.ZodType>(spec: JobSpec<S>, run: (payload: z.infer<S>) => Promise<void>) {
      handlers.set(spec.name, { spec, run });
    },
    schedule(job) {
      if (!cron.validate(job.pattern)) throw new Error(`job ${job.id}: invalid cron pattern "${job.pattern}"`);
      handlerOf(job.job).spec.payload.parse(job.payload);
      tasks.get(job.id)?.stop();
      tasks.set(job.id, cron.schedule(job.pattern, () => runScheduled(job), { timezone: job.timeZone, name: job.id }));
    },
    async enqueue(name, payload, { idempotencyKey }) {
      const parsed = handlerOf(name).spec.payload.parse(payload);
      if (stopped || keys.has(idempotencyKey)) return false;
      keys.add(idempotencyKey);
      if (keys.size > MAX_KEYS) keys.delete(keys.values().next().value!);
      queue = queue.then(() => runJob(name, parsed).catch((err) => opts.onError(`${name}:${idempotencyKey}`, err)));
      return true;
    },
    async drain() {
      let seen: Promise<void>;
      do {
        seen = queue;
        await seen;
      } while (seen !== queue);
    },
    async stop() {
      stopped = true;
      for (const t of tasks.values()) t.stop();
      tasks.clear();
      await Promise.allSettled([...running.values(), queue]);
    },
  };
}
