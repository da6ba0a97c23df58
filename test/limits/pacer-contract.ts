// What every Pacer adapter promises (ADR 021, ADR 024), on the real clock, so that the in-memory
// pacers and the Redis ones are held to the same suite: FIFO, spacing measured at release (even
// after the event loop was busy), pauses for all, keys independent, pauseKey for one.
import { describe, expect, it } from 'vitest';
import type { KeyedPacer, Pacer } from '../../src/limits/pacer.js';

export interface PacerFactories {
  /**
   * A fresh spacing pacer with a budget of its own. `stamp`, where the adapter has a clock of its
   * own (Redis's): each release's time on it, in ms. A reply read late by a busy event loop is then
   * not taken for a release made late.
   */
  spacing(perSecond: number, stamp?: (ms: number) => void): Pacer | Promise<Pacer>;
  /** A fresh keyed pacer with a budget of its own. */
  keyed(intervalMs: number): KeyedPacer | Promise<KeyedPacer>;
}

/**
 * Allowed when the test, not the pacer, reads the clock: only lower bounds from a time taken before
 * the request are checked that way (a late wake-up of the test only adds), at the clocks' resolution.
 */
const TOL_MS = 3;

const busy = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

export function pacerContract(name: string, make: PacerFactories): void {
  describe(`${name}: spacing pacer`, () => {
    it('lets requests out one gap apart, first come first served', async () => {
      const own: number[] = [];
      const pacer = await make.spacing(50, (ms) => own.push(ms));
      const t0 = performance.now();
      const out: Array<[number, number]> = [];
      await Promise.all(Array.from({ length: 6 }, (_, i) => pacer.acquire().then(() => out.push([i, performance.now() - t0]))));
      expect(out.map(([i]) => i)).toEqual([0, 1, 2, 3, 4, 5]);
      // On the pacer's own clock (where it reports one), each release a gap after the one before.
      for (let i = 1; i < own.length; i++) expect(own[i]! - own[i - 1]!).toBeGreaterThanOrEqual(20 - 0.01);
      // As the caller saw it (a late wake-up only adds): the i-th not before i gaps.
      for (const [i, t] of out) expect(t).toBeGreaterThanOrEqual(i * 20 - TOL_MS);
    });

    it('never releases two closer than the gap, even when the event loop was busy', async () => {
      const own: number[] = [];
      const pacer = await make.spacing(20, (ms) => own.push(ms));
      const seen: number[] = [];
      const all = Promise.all(Array.from({ length: 4 }, () => pacer.acquire().then(() => seen.push(performance.now()))));
      await new Promise((r) => setTimeout(r, 5));
      busy(150); // every waiter is late now: they still go out one gap apart
      await all;
      const at = own.length > 0 ? own : seen;
      const tol = own.length > 0 ? 0.01 : TOL_MS;
      expect(at).toHaveLength(4);
      for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(50 - tol);
    });

    it('a pause holds every request until it ends', async () => {
      const pacer = await make.spacing(50);
      await pacer.acquire();
      const t0 = performance.now();
      pacer.pause(300);
      const waits = await Promise.all([0, 1].map(() => pacer.acquire().then(() => performance.now() - t0)));
      expect(waits[0]).toBeGreaterThanOrEqual(300 - TOL_MS);
      expect(waits[1]!).toBeGreaterThanOrEqual(300 + 20 - TOL_MS);
    });
  });

  describe(`${name}: keyed pacer`, () => {
    it('spaces each key on its own; other keys go at once', async () => {
      const pacer = await make.keyed(200);
      const t0 = performance.now();
      const out: Array<[string, number]> = [];
      await Promise.all(['a', 'a', 'b', 'a', 'b'].map((k) => pacer.acquire(k).then(() => out.push([k, performance.now() - t0]))));
      // b's first went before a's second (which waited an interval): b did not wait for a. (a's
      // second and b's second are both due one interval in: their order is a tie, not asserted.)
      const keys = out.map(([k]) => k);
      expect(keys.slice(0, 2).sort()).toEqual(['a', 'b']);
      expect(keys.at(-1)).toBe('a');
      for (const key of ['a', 'b']) {
        const ts = out.filter(([k]) => k === key).map(([, t]) => t);
        for (let i = 1; i < ts.length; i++) expect(ts[i]!).toBeGreaterThanOrEqual(i * 200 - TOL_MS);
      }
    });

    it('pauseKey holds one key, pause all of them', async () => {
      const pacer = await make.keyed(100);
      let t0 = performance.now();
      pacer.pauseKey('a', 300);
      const out: Array<[string, number]> = [];
      await Promise.all(['a', 'b'].map((k) => pacer.acquire(k).then(() => out.push([k, performance.now() - t0]))));
      expect(out.map(([k]) => k)).toEqual(['b', 'a']);
      expect(out[1]![1]).toBeGreaterThanOrEqual(300 - TOL_MS);
      t0 = performance.now();
      pacer.pause(250);
      await pacer.acquire('c');
      expect(performance.now() - t0).toBeGreaterThanOrEqual(250 - TOL_MS);
    });
  });
}
