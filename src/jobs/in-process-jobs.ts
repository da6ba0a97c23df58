// Embedded-mode Jobs: node-cron in this process, and a queue in memory per job name, run one job at
// a time unless the handler asks for more (deliveries do: the pacer, not the round trip, sets their
// pace). A scheduled job never overlaps itself: a slow ingest run is skipped by the next tick
// rather than stacked. Idempotency keys are remembered for the last MAX_KEYS jobs; across restarts
// the delivery ledger is what prevents a second post.
import cron from 'node-cron';
import type { z } from 'zod';
import type { HandleOptions, Jobs, JobSpec, ScheduledJob } from './jobs.js';

export interface InProcessJobsOptions {
  onError(jobId: string, err: unknown): void;
}

const MAX_KEYS = 10_000;

interface Lane {
  spec: JobSpec;
  run: (payload: any) => Promise<void>;
  concurrency: number;
  waiting: Array<{ id: string; payload: unknown }>;
  active: number;
}

export function createInProcessJobs(opts: InProcessJobsOptions): Jobs {
  const lanes = new Map<string, Lane>();
  const tasks = new Map<string, { stop(): unknown }>();
  const running = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  const idleWaiters: Array<() => void> = [];
  const keys = new Set<string>();
  let stopped = false;

  const laneOf = (name: string): Lane => {
    const l = lanes.get(name);
    if (!l) throw new Error(`no job named "${name}"`);
    return l;
  };
  /** Validated on the way in (enqueue, schedule) and again on the way to the processor. */
  const runJob = async (name: string, payload: unknown): Promise<void> => {
    const l = laneOf(name);
    await l.run(l.spec.payload.parse(payload));
  };

  const idle = (): boolean => [...lanes.values()].every((l) => l.active === 0 && l.waiting.length === 0);
  const pump = (l: Lane): void => {
    while (l.active < l.concurrency && l.waiting.length > 0) {
      const job = l.waiting.shift()!;
      l.active++;
      const p: Promise<void> = runJob(l.spec.name, job.payload)
        .catch((err) => opts.onError(job.id, err))
        .finally(() => {
          l.active--;
          inFlight.delete(p);
          pump(l);
          if (idle()) for (const w of idleWaiters.splice(0)) w();
        });
      inFlight.add(p);
    }
  };

  const runScheduled = (job: ScheduledJob): void => {
    if (stopped || running.has(job.id)) return;
    const p = runJob(job.job, job.payload)
      .catch((err) => opts.onError(job.id, err))
      .finally(() => running.delete(job.id));
    running.set(job.id, p);
  };

  return {
    handle<S extends z.ZodType>(spec: JobSpec<S>, run: (payload: z.infer<S>) => Promise<void>, o: HandleOptions = {}) {
      const concurrency = Math.max(1, Math.floor(o.concurrency ?? 1));
      lanes.set(spec.name, { spec, run, concurrency, waiting: [], active: 0 });
    },
    schedule(job) {
      if (!cron.validate(job.pattern)) throw new Error(`job ${job.id}: invalid cron pattern "${job.pattern}"`);
      laneOf(job.job).spec.payload.parse(job.payload);
      tasks.get(job.id)?.stop();
      tasks.set(job.id, cron.schedule(job.pattern, () => runScheduled(job), { timezone: job.timeZone, name: job.id }));
    },
    async enqueue(name, payload, { idempotencyKey }) {
      const l = laneOf(name);
      const parsed = l.spec.payload.parse(payload);
      if (stopped || keys.has(idempotencyKey)) return false;
      keys.add(idempotencyKey);
      if (keys.size > MAX_KEYS) keys.delete(keys.values().next().value!);
      l.waiting.push({ id: `${name}:${idempotencyKey}`, payload: parsed });
      pump(l);
      return true;
    },
    async drain() {
      if (idle()) return;
      await new Promise<void>((r) => idleWaiters.push(r));
    },
    async stop() {
      stopped = true;
      for (const t of tasks.values()) t.stop();
      tasks.clear();
      // Jobs not started yet stay undone: what they stood for is still pending in the ledger, and
      // the next start picks it up. Jobs in hand are finished.
      for (const l of lanes.values()) l.waiting.length = 0;
      await Promise.allSettled([...running.values(), ...inFlight]);
    },
  };
}
