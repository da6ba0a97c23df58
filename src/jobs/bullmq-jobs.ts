// Queue-mode Jobs: the same port as in-process-jobs.ts, over BullMQ on Redis (ADR 022), so that any
// number of processes share the work. One BullMQ Queue (and, where this process handles the name,
// one Worker) per job name. Imported only in queue mode, by dynamic import: embedded mode never
// loads bullmq or ioredis.
//
// What BullMQ gives and node-cron cannot: a schedule is a job scheduler stored in Redis under its
// id, so N processes registering it still make one job per slot; a job id is stored once, so the
// idempotency key is the job id; a job whose worker died is found stalled and run again elsewhere.
// Delivery is at least once: every processor stays idempotent, the delivery ledger the final guard.
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Job, JobsOptions } from 'bullmq';
import cron from 'node-cron';
import type { z } from 'zod';
import type { HandleOptions, Jobs, JobSpec } from './jobs.js';

export interface RetryPolicy {
  /** Runs in all, the first one included (1: never retried). */
  attempts: number;
  /** First wait before a retry; each later one doubles it (BullMQ's exponential backoff). */
  backoffMs: number;
}

export interface BullmqJobsOptions {
  /** redis:// URL (REDIS_URL). */
  url: string;
  /** BullMQ key prefix: Redis keys are `<prefix>:<job name>:...`. Tests give each run its own. */
  prefix?: string;
  onError(jobId: string, err: unknown): void;
  /** Retries of a failed job, by job name; `default` for the others. */
  retry?: { default?: RetryPolicy } & Record<string, RetryPolicy | undefined>;
  /**
   * Jobs this process may enqueue or schedule without processing them (a bot process that hands
   * work to workers elsewhere). A handled job needs no entry.
   */
  known?: JobSpec[];
  /**
   * How long a worker's lock on a job lasts without renewal, and how often workers look for jobs
   * whose lock lapsed (their process died): BullMQ's defaults (30 s, 30 s) unless tests shorten them.
   * Give every process of one deployment the same values: a stalled check by one worker holds the
   * queue's next check off for that worker's interval, whatever the others' are.
   */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /**
   * How long stop() waits for the workers to close (default 5 s). With Redis unreachable BullMQ's
   * graceful close never returns; past this, stop() gives up on it so that the rest of a SIGTERM
   * stop (store, HTTP) still runs in time. A job left in hand is retaken once its lock lapses.
   */
  stopTimeoutMs?: number;
  /** How long a done job's id is kept, so that its idempotency key stays taken (default 24 h, 10,000 jobs a name). */
  keepDone?: { ageSeconds: number; count: number };
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 3, backoffMs: 5_000 };
const DEFAULT_KEEP = { ageSeconds: 24 * 3600, count: 10_000 };
const DRAIN_POLL_MS = 20;
const DEFAULT_STOP_TIMEOUT_MS = 5_000;

/**
 * BullMQ job ids may not contain ':' (its key separator) nor be all digits (its own counter's ids),
 * and idempotency keys are full of ':' (`digest:discord:...`). Escaping '%' and ':' keeps the
 * mapping one-to-one and the id readable in Redis; the leading `k=` rules out all digits.
 */
export function jobIdOf(idempotencyKey: string): string {
  return `k=${idempotencyKey.replaceAll('%', '%25').replaceAll(':', '%3A')}`;
}

interface Lane {
  spec: JobSpec;
  queue: Queue;
  worker?: Worker;
}

export function createBullmqJobs(opts: BullmqJobsOptions): Jobs {
  const prefix = opts.prefix ?? 'newsbrief';
  const keep = opts.keepDone ?? DEFAULT_KEEP;
  const specs = new Map<string, JobSpec>((opts.known ?? []).map((s) => [s.name, s]));
  const lanes = new Map<string, Lane>();
  const handled = new Set<string>();
  // Upserts started by schedule() (a sync call in the port), and enqueues in flight: drain and stop wait for them.
  const pending = new Set<Promise<unknown>>();
  // Enqueues of one key in this process run one after another, so the second hears "taken".
  const enqueuing = new Map<string, Promise<boolean>>();
  let stopped = false;
  let stopping: Promise<void> | undefined;

  const track = <T>(p: Promise<T>): Promise<T> => {
    pending.add(p);
    void p.finally(() => pending.delete(p)).catch(() => {});
    return p;
  };

  const specOf = (name: string): JobSpec => {
    const s = specs.get(name);
    if (!s) throw new Error(`no job named "${name}"`);
    return s;
  };

  const jobOptions = (name: string): JobsOptions => {
    const r = opts.retry?.[name] ?? opts.retry?.default ?? DEFAULT_RETRY;
    return {
      attempts: Math.max(1, Math.floor(r.attempts)),
      backoff: { type: 'exponential', delay: r.backoffMs },
      // Kept for a while, not forever: the id (the idempotency key) stays taken as long as the job is.
      removeOnComplete: { age: keep.ageSeconds, count: keep.count },
      removeOnFail: { age: keep.ageSeconds, count: keep.count },
    };
  };

  const laneOf = (name: string): Lane => {
    let l = lanes.get(name);
    if (!l) {
      const spec = specOf(name);
      // Without the offline queue an enqueue while Redis is away throws at once (seen: it hung over
      // 20 s with it), so a tick fails and is retried rather than stalling; workers wait for Redis.
      const queue = new Queue(name, { connection: { url: opts.url, enableOfflineQueue: false }, prefix, defaultJobOptions: jobOptions(name) });
      queue.on('error', (err) => opts.onError(name, err));
      l = { spec, queue };
      lanes.set(name, l);
    }
    return l;
  };

  const processorOf = (spec: JobSpec, run: (payload: any) => Promise<void>) => async (job: Job): Promise<void> => {
    // Validated again here: the producer may be another process, of another release.
    const parsed = spec.payload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`job ${spec.name}: payload refused: ${parsed.error.message}`);
    await run(parsed.data);
  };

  /** Busy while a job queued by anyone is waiting, running or waiting for a retry. */
  const busy = async (l: Lane): Promise<boolean> => {
    const c = await l.queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children', 'delayed');
    if ((c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0) + (c['waiting-children'] ?? 0) > 0) return true;
    if ((c.delayed ?? 0) === 0) return false;
    // A job scheduler always keeps its next run delayed; that one is not work queued so far.
    return (await l.queue.getDelayed()).some((j) => !j.repeatJobKey);
  };

  return {
    handle<S extends z.ZodType>(spec: JobSpec<S>, run: (payload: z.infer<S>) => Promise<void>, o: HandleOptions = {}) {
      if (handled.has(spec.name)) throw new Error(`job "${spec.name}" is already handled`);
      specs.set(spec.name, spec);
      // A worker started after stop() would never be closed.
      if (stopped) return;
      const l = laneOf(spec.name);
      handled.add(spec.name);
      l.worker = new Worker(spec.name, processorOf(spec, run), {
        connection: { url: opts.url, maxRetriesPerRequest: null },
        prefix,
        concurrency: Math.max(1, Math.floor(o.concurrency ?? 1)),
        ...(opts.lockDurationMs ? { lockDuration: opts.lockDurationMs } : {}),
        ...(opts.stalledIntervalMs ? { stalledInterval: opts.stalledIntervalMs } : {}),
      });
      l.worker.on('failed', (job, err) => opts.onError(`${spec.name}:${job?.id ?? '?'}`, err));
      // Without a listener an 'error' event (Redis gone) would end the process.
      l.worker.on('error', (err) => opts.onError(spec.name, err));
    },

    schedule(job) {
      // node-cron only checks the pattern here, so both modes accept the same patterns; BullMQ runs it.
      if (!cron.validate(job.pattern)) throw new Error(`job ${job.id}: invalid cron pattern "${job.pattern}"`);
      const l = laneOf(job.job);
      const data = l.spec.payload.parse(job.payload);
      if (stopped) return;
      // One scheduler per id in Redis, however many processes upsert it: one job per slot. BullMQ
      // queues the next slot's job as soon as a run starts, so a run that outlasts its slot would
      // overlap the next one in another process: a scheduled job name runs one at a time across
      // all processes (a late slot waits for the run in hand; in-process skips it instead).
      const { attempts, backoff, removeOnComplete, removeOnFail } = jobOptions(job.job);
      track(
        l.queue
          .setGlobalConcurrency(1)
          .then(() =>
            l.queue.upsertJobScheduler(job.id, { pattern: job.pattern, tz: job.timeZone }, { name: job.job, data, opts: { attempts, backoff, removeOnComplete, removeOnFail } }),
          )
          .catch((err: unknown) => opts.onError(job.id, err)),
      );
    },

    async enqueue(name, payload, { idempotencyKey }) {
      const l = laneOf(name);
      const data = l.spec.payload.parse(payload);
      if (stopped) return false;
      const jobId = jobIdOf(idempotencyKey);
      const lockKey = `${name}\u0000${jobId}`;
      const before = enqueuing.get(lockKey);
      if (before) {
        await before.catch(() => {});
        return false;
      }
      const p = (async () => {
        // BullMQ stores one job per id whatever happens, but does not say whether this add was the
        // first; the look-up before it answers that. Two processes adding one key in the same
        // instant may both hear true: still one job runs.
        if (await l.queue.getJob(jobId)) return false;
        await l.queue.add(name, data, { jobId });
        return true;
      })();
      enqueuing.set(lockKey, p);
      try {
        return await track(p);
      } finally {
        enqueuing.delete(lockKey);
      }
    },

    async drain() {
      // Queues are looked at one after another, not at one instant: a job that enqueues another
      // (a tick, its polls) or a retry that leaves the delayed set between two look-ups can slip
      // through one round. Two idle rounds in a row, a poll apart, close that window.
      let idleRounds = 0;
      while (idleRounds < 2) {
        await Promise.allSettled([...pending]);
        let any = pending.size > 0;
        for (const name of handled) if (!any && (await busy(lanes.get(name)!))) any = true;
        idleRounds = any ? 0 : idleRounds + 1;
        if (idleRounds < 2) await new Promise((r) => setTimeout(r, DRAIN_POLL_MS));
      }
    },

    stop() {
      stopped = true;
      stopping ??= (async () => {
        const graceful = (async () => {
          await Promise.allSettled([...pending]);
          // close() lets the job in hand finish and takes no other; what is still queued stays in
          // Redis for the other processes, or this one's next start. Job schedulers stay too: they
          // belong to the deployment, not to this process.
          await Promise.allSettled([...lanes.values()].map((l) => l.worker?.close()));
          await Promise.allSettled([...lanes.values()].map((l) => l.queue.close()));
        })();
        const ms = opts.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), ms)));
        const outcome = await Promise.race([graceful.then(() => 'closed' as const), late]);
        clearTimeout(timer);
        if (outcome === 'late') opts.onError('stop', new Error(`job workers not closed within ${ms} ms (Redis unreachable?); a job left in hand is retaken once its lock lapses`));
      })();
      return stopping;
    },
  };
}
