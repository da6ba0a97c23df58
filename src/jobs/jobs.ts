// Port: scheduled and on-demand jobs. In-process (node-cron) in embedded mode; BullMQ job
// schedulers in queue mode (a later issue), which unlike node-cron are safe across processes.
export interface ScheduledJob {
  /** Stable id: one schedule per id, however often it is (re)registered. */
  id: string;
  /** Cron pattern (5 or 6 fields). */
  pattern: string;
  /** IANA time zone the pattern is read in. */
  timeZone: string;
  run(): Promise<void>;
}

export interface Jobs {
  schedule(job: ScheduledJob): void;
  /** Stop scheduling and wait for running jobs to finish. */
  stop(): Promise<void>;
}
