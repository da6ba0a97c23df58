// Port: what the bot reports about its own work (ingest runs, posts, command latency) for
// /metrics (ADR 019). Code that does the work calls it; only the composition root picks an
// implementation (prom-client, src/app/prom-telemetry.ts), so nothing here imports a metrics
// library, and the no-op below is what tests and the CLI get without asking.

export type IngestRunOutcome = 'ok' | 'error';
export type PostKind = 'digest' | 'story' | 'update';
/** sent: confirmed; failed: will be tried again; dead: given up (the dead-letter list). */
export type PostOutcome = 'sent' | 'failed' | 'dead';
/** A queued job's run: completed, or failed (to be retried or not). */
export type JobOutcome = 'completed' | 'failed';

export interface Telemetry {
  /** One ingest run ended (every source of the run, one after the other), and how long it took. */
  ingestRun(outcome: IngestRunOutcome, seconds: number): void;
  /** New articles stored (duplicates and rejected items are not counted). */
  articlesIngested(n: number): void;
  /** One attempt at a post ended. */
  postOutcome(kind: PostKind, outcome: PostOutcome): void;
  /** How long one delivery took, from its claim in the ledger to its confirm or fail. */
  deliveryLatency(seconds: number): void;
  /**
   * One command answered. `command` is the registry's name of the command (never text a user
   * typed); `platform` the surface it was asked on (cli, console, discord, slack).
   */
  commandLatency(command: string, platform: string, seconds: number): void;
  /** One run of a queued job (queue mode) ended; `queue` is the job's name (never a payload). */
  jobDuration(queue: string, outcome: JobOutcome, seconds: number): void;
}

const nothing = (): void => {};

/** Reports nothing: the default wherever no metrics are served. */
export const noopTelemetry: Telemetry = Object.freeze({
  ingestRun: nothing,
  articlesIngested: nothing,
  postOutcome: nothing,
  deliveryLatency: nothing,
  commandLatency: nothing,
  jobDuration: nothing,
});

/** Seconds since `t0`, a `performance.now()` reading. */
export const secondsSince = (t0: number): number => (performance.now() - t0) / 1000;

/** One delivery ended: its outcome, and its latency from `t0` (a `performance.now()` at its claim). */
export function observeDelivery(telemetry: Telemetry | undefined, kind: PostKind, outcome: PostOutcome, t0: number): void {
  telemetry?.postOutcome(kind, outcome);
  telemetry?.deliveryLatency(secondsSince(t0));
}

/**
 * A job's processor that reports its run time and outcome (queue mode's
 * newsbrief_job_duration_seconds): wrap the function given to Jobs.handle. What it throws is thrown on.
 */
export function timedJob<P>(telemetry: Telemetry | undefined, queue: string, run: (payload: P) => Promise<void>): (payload: P) => Promise<void> {
  if (!telemetry) return run;
  return async (payload) => {
    const t0 = performance.now();
    try {
      await run(payload);
      telemetry.jobDuration(queue, 'completed', secondsSince(t0));
    } catch (err) {
      telemetry.jobDuration(queue, 'failed', secondsSince(t0));
      throw err;
    }
  };
}
