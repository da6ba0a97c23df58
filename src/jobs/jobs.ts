// Port: named jobs. A job is a name and a payload (plain data, validated by the job's zod schema
// when it is enqueued and again before it runs), never a closure, so that queue mode can carry it
// through Redis: in-process (node-cron) in embedded mode, BullMQ in queue mode (bullmq-jobs.ts),
// both held to test/jobs/contract.ts. Names and schemas live in src/jobs/names.ts.
import type { z } from 'zod';

export interface JobSpec<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
}

export interface ScheduledJob {
  /** Stable id: one schedule per id, however often it is (re)registered. */
  id: string;
  /** Cron pattern (5 or 6 fields). */
  pattern: string;
  /** IANA time zone the pattern is read in. */
  timeZone: string;
  /** The name of a handled job, and the payload each run gets. */
  job: string;
  payload: unknown;
}

export interface EnqueueOptions {
  /**
   * One run per key: a job enqueued again with a key that is queued, running or done (as far as
   * this adapter remembers) is not queued twice. The delivery ledger stays the durable guard.
   */
  idempotencyKey: string;
}

export interface HandleOptions {
  /**
   * How many jobs of this name run at once (default 1: in the order they were queued). Deliveries
   * run several at once so that a fan-out is paced by the platform's limits, not by one round trip
   * after another.
   */
  concurrency?: number;
}

export interface Jobs {
  /** The processor of a named job. A job without one cannot be scheduled or enqueued. */
  handle<S extends z.ZodType>(spec: JobSpec<S>, run: (payload: z.infer<S>) => Promise<void>, opts?: HandleOptions): void;
  /** Runs the job on a cron schedule; a run never overlaps the previous run of the same schedule. */
  schedule(job: ScheduledJob): void;
  /** Queues one run; false when the idempotency key was already taken. Throws on a bad payload. */
  enqueue(job: string, payload: unknown, opts: EnqueueOptions): Promise<boolean>;
  /** Resolves when every job queued so far has run. */
  drain(): Promise<void>;
  /** Stop scheduling and wait for running jobs to finish. */
  stop(): Promise<void>;
}
