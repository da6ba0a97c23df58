// Contract suite for the SourcePolls port: every implementation (SQLite now, PostgreSQL later) must
// pass it. A source is tracked once; a due poll is claimed once per due time, however many ticks or
// processes try; failures count up until a success clears them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourcePolls } from '../../src/store/source-polls.js';

export interface SourcePollsHandle {
  polls: SourcePolls;
  /** A second handle on the same state (another connection, another process's view). */
  second(): Promise<SourcePolls>;
  cleanup(): Promise<void>;
}

const T0 = '2026-03-08T06:00:00.000Z';
const at = (min: number): string => new Date(Date.parse(T0) + min * 60_000).toISOString();
const FEED = 'https://news.example/feed.xml';
const OTHER = 'https://other.example/rss';
const I = 15 * 60_000;
/** The sources to track, each on the default interval. */
const on = (...urls: string[]) => urls.map((url) => ({ url, intervalMs: I }));

export function describeSourcePollsContract(name: string, make: () => Promise<SourcePollsHandle>): void {
  describe(`SourcePolls contract: ${name}`, () => {
    let h: SourcePollsHandle;
    let p: SourcePolls;
    beforeEach(async () => {
      h = await make();
      p = h.polls;
    });
    afterEach(async () => h.cleanup());

    it('tracks exactly the sources given: a new one due at once, a known one keeps its state, a dropped one is forgotten', async () => {
      expect(await p.sync(on(FEED, OTHER), T0)).toEqual({ added: 2, removed: 0 });
      expect(await p.get(FEED)).toEqual({ url: FEED, intervalMs: I, nextDueAt: T0, failures: 0 });
      expect(await p.claim(FEED, { dueAt: T0, at: T0, leaseUntil: at(15) })).toBeDefined();
      await p.succeeded(FEED, at(1), at(16));
      expect(await p.sync(on(FEED, OTHER), at(2))).toEqual({ added: 0, removed: 0 });
      expect(await p.get(FEED)).toEqual({ url: FEED, intervalMs: I, nextDueAt: at(16), lastPolledAt: T0, lastSuccessAt: at(1), failures: 0 });
      expect(await p.sync(on(FEED), at(3))).toEqual({ added: 0, removed: 1 });
      expect(await p.get(OTHER)).toBeUndefined();
      expect(await p.sync(on(), at(4))).toEqual({ added: 0, removed: 1 });
      expect(await p.due(at(1000))).toEqual([]);
    });

    it('keeps the interval given at the last sync: a follower asking a shorter one shortens it', async () => {
      await p.sync([{ url: FEED, intervalMs: I }], T0);
      await p.sync([{ url: FEED, intervalMs: 5 * 60_000 }], at(1));
      expect(await p.get(FEED)).toEqual({ url: FEED, intervalMs: 5 * 60_000, nextDueAt: T0, failures: 0 });
      expect(await p.claim(FEED, { dueAt: T0, at: at(2), leaseUntil: at(17) })).toMatchObject({ intervalMs: 5 * 60_000 });
      await p.sync([{ url: FEED, intervalMs: 60 * 60_000 }], at(3));
      expect(await p.get(FEED)).toMatchObject({ intervalMs: 60 * 60_000, nextDueAt: at(17), lastPolledAt: at(2) });
    });

    it('answers the sources due (next due time come), the longest overdue first, at most limit', async () => {
      await p.sync(on(FEED), at(10));
      await p.sync(on(FEED, OTHER), at(5));
      expect((await p.due(at(4))).map((x) => x.url)).toEqual([]);
      expect((await p.due(at(5))).map((x) => x.url)).toEqual([OTHER]);
      expect((await p.due(at(10))).map((x) => x.url)).toEqual([OTHER, FEED]);
      expect((await p.due(at(10), 1)).map((x) => x.url)).toEqual([OTHER]);
      expect((await p.due(at(10)))[1]).toEqual({ url: FEED, intervalMs: I, nextDueAt: at(10), failures: 0 });
    });

    it('claims a due poll once per due time; not before it is due, not for a due time that moved, not an unknown source', async () => {
      await p.sync(on(FEED), T0);
      expect(await p.claim(FEED, { dueAt: T0, at: at(-1), leaseUntil: at(14) })).toBeUndefined(); // not yet due
      expect(await p.claim(FEED, { dueAt: at(3), at: at(4), leaseUntil: at(19) })).toBeUndefined(); // not the due time it has
      expect(await p.claim(OTHER, { dueAt: T0, at: T0, leaseUntil: at(15) })).toBeUndefined();
      expect(await p.claim(FEED, { dueAt: T0, at: at(1), leaseUntil: at(16) })).toEqual({ url: FEED, intervalMs: I, nextDueAt: T0, failures: 0 });
      expect(await p.claim(FEED, { dueAt: T0, at: at(2), leaseUntil: at(17) })).toBeUndefined();
      expect(await p.get(FEED)).toEqual({ url: FEED, intervalMs: I, nextDueAt: at(16), lastPolledAt: at(1), failures: 0 });
      expect(await p.due(at(15))).toEqual([]);
      // A process that died mid-poll: the source is due again when the lease ends.
      expect((await p.due(at(16))).map((x) => x.url)).toEqual([FEED]);
      expect(await p.claim(FEED, { dueAt: at(16), at: at(16), leaseUntil: at(31) })).toBeDefined();
    });

    it('counts failures in a row with the last error (one short line), and a success clears them', async () => {
      await p.sync(on(FEED), T0);
      await p.claim(FEED, { dueAt: T0, at: T0, leaseUntil: at(15) });
      await p.failed(FEED, 'HTTP 503\n  Service   Unavailable', at(15));
      expect(await p.get(FEED)).toEqual({ url: FEED, intervalMs: I, nextDueAt: at(15), lastPolledAt: T0, failures: 1, lastError: 'HTTP 503 Service Unavailable' });
      const claimed = await p.claim(FEED, { dueAt: at(15), at: at(15), leaseUntil: at(30) });
      expect(claimed).toMatchObject({ failures: 1, lastError: 'HTTP 503 Service Unavailable' });
      await p.failed(FEED, 'x'.repeat(5000), at(45));
      const failing = (await p.get(FEED))!;
      expect(failing).toMatchObject({ failures: 2, nextDueAt: at(45), lastPolledAt: at(15) });
      expect(failing.lastError!.length).toBeLessThanOrEqual(200);
      await p.claim(FEED, { dueAt: at(45), at: at(45), leaseUntil: at(60) });
      await p.succeeded(FEED, at(46), at(61));
      expect(await p.get(FEED)).toEqual({ url: FEED, intervalMs: I, nextDueAt: at(61), lastPolledAt: at(45), lastSuccessAt: at(46), failures: 0 });
    });

    it('leaves a source forgotten mid-poll forgotten', async () => {
      await p.sync(on(FEED), T0);
      await p.claim(FEED, { dueAt: T0, at: T0, leaseUntil: at(15) });
      await p.sync(on(), at(1));
      await p.succeeded(FEED, at(2), at(17));
      await p.failed(FEED, 'HTTP 500', at(17));
      expect(await p.get(FEED)).toBeUndefined();
    });

    it('two handles racing for one due poll: exactly one claim wins, and each sees the other’s writes', async () => {
      await p.sync(on(FEED, OTHER), T0);
      const q = await h.second();
      try {
        const results = await Promise.all([
          p.claim(FEED, { dueAt: T0, at: at(1), leaseUntil: at(16) }),
          q.claim(FEED, { dueAt: T0, at: at(1), leaseUntil: at(16) }),
          q.claim(FEED, { dueAt: T0, at: at(2), leaseUntil: at(17) }),
        ]);
        expect(results.filter(Boolean)).toHaveLength(1);
        await q.failed(FEED, 'HTTP 500', at(16));
        expect(await p.get(FEED)).toMatchObject({ failures: 1, lastError: 'HTTP 500' });
        expect(await q.sync(on(OTHER), at(3))).toEqual({ added: 0, removed: 1 });
        expect(await p.get(FEED)).toBeUndefined();
      } finally {
        await q.close();
      }
    });
  });
}
