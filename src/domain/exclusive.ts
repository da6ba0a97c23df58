// Port: a lock held by one process of a deployment at a time. Queue mode runs ingest under one
// (ADR 022: a single ingest writer at a time across workers); embedded mode needs none. Adapters:
// src/jobs/redis-exclusive.ts (Redis), and the no-op `unlocked` below.
export interface Exclusive {
  /** Runs fn while holding the lock; waits (without blocking the event loop) while another holds it. */
  run<T>(fn: () => Promise<T>): Promise<T>;
}

/** One process alone needs no lock between processes. */
export const unlocked: Exclusive = { run: (fn) => fn() };

/** One lock for the callers of one process (tests; several pipelines on one store in one process). */
export function createLocalExclusive(): Exclusive {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(fn: () => Promise<T>): Promise<T> {
      const mine = tail.then(fn);
      tail = mine.catch(() => {});
      return mine;
    },
  };
}
