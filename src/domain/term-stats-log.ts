// Port: the term statistics each ingest batch added, for the next writer (queue mode, ADR 022).
// A writer that takes the ingest lock after another catches up by applying the batches it missed
// instead of reading every term's count from the store again (a few hundred ms on a large
// vocabulary). An entry is keyed by the newest article id before its batch; a gap (an entry
// expired, a writer died between commit and append) means reading the store again. Adapters:
// src/jobs/redis-term-stats-log.ts (Redis) and the in-memory one below (tests, one process).
export interface TermStatsEntry {
  /** The newest article id before the batch, and after it. */
  from: number;
  to: number;
  /** Articles counted, and each term's document-frequency increment. */
  docs: number;
  delta: Array<[string, number]>;
}

export interface TermStatsLog {
  append(entry: TermStatsEntry): Promise<void>;
  /** The entry whose batch started at `from`, if still kept. */
  after(from: number): Promise<TermStatsEntry | undefined>;
}

export function createMemoryTermStatsLog(): TermStatsLog {
  const entries = new Map<number, TermStatsEntry>();
  return {
    async append(e) {
      entries.set(e.from, structuredClone(e));
    },
    async after(from) {
      const e = entries.get(from);
      return e && structuredClone(e);
    },
  };
}
