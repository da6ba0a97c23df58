// Port: the poll state of every followed source (ADR 018), one row per normalized URL however many
// channels follow it: when it is next due, when it was last polled and last succeeded, its failures
// in a row and its last error. SQLite now; PostgreSQL later, both held to
// test/store/source-polls-contract.ts. Times are ISO strings given by the caller (the clock is theirs).

export interface SourcePoll {
  /** The normalized URL (a file:// URL for a path of NEWSBRIEF_SOURCES). */
  url: string;
  /** Its poll interval (ms): the shortest any of its followers asks. */
  intervalMs: number;
  /** When the source is next polled. */
  nextDueAt: string;
  /** When a poll of it last started. */
  lastPolledAt?: string;
  /** When a poll of it last succeeded. */
  lastSuccessAt?: string;
  /** Polls in a row that failed (0 after a success): the backoff's exponent. */
  failures: number;
  /** One short line, without the URL (shown by `sources list`). */
  lastError?: string;
}

export interface ClaimPoll {
  /** The due time the caller saw: the claim holds only while the source is still due at it. */
  dueAt: string;
  /** Now (ISO). */
  at: string;
  /** The next due time while the poll runs: a process that dies mid-poll leaves the source due then. */
  leaseUntil: string;
}

export interface SourcePolls {
  /**
   * Makes the tracked sources exactly `sources` (URLs distinct): one not tracked yet is due at
   * `dueAt`; a tracked one keeps its state, its interval set to the one given (from its next poll
   * on); one no longer in the list is forgotten.
   */
  sync(sources: ReadonlyArray<{ url: string; intervalMs: number }>, dueAt: string): Promise<{ added: number; removed: number }>;
  /** The sources due at `at` (next due time at or before it), the longest overdue first. */
  due(at: string, limit?: number): Promise<SourcePoll[]>;
  /**
   * Takes one due poll, atomically: only when the source's next due time is still `dueAt` and has
   * come. It then records `at` as polled and moves the next due time to `leaseUntil`. Answers the
   * state before the claim, or undefined when another tick or process took it first, or the source
   * is not tracked.
   */
  claim(url: string, opts: ClaimPoll): Promise<SourcePoll | undefined>;
  /** The poll worked: no failures, last success `at`, next due `nextDueAt`. A forgotten source is left forgotten. */
  succeeded(url: string, at: string, nextDueAt: string): Promise<void>;
  /** The poll (started at its claim) failed: one more failure in a row, its error (cut short), next due `nextDueAt`. */
  failed(url: string, error: string, nextDueAt: string): Promise<void>;
  get(url: string): Promise<SourcePoll | undefined>;
  close(): Promise<void>;
}
