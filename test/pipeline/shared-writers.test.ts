// Two writers on one archive (queue mode's workers, ADR 022), here two pipelines on two connections
// to one SQLite file in one process, taking turns under one lock: the stories they make are those
// one writer makes from the same articles in stored order, whether a writer catches up on the
// other's term statistics from the log or by reading the store again; with the log it reads the
// store once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPipeline, textDraft } from '../../src/pipeline.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { createLocalExclusive, unlocked } from '../../src/domain/exclusive.js';
import { createMemoryTermStatsLog } from '../../src/domain/term-stats-log.js';
import { synthArticles } from '../../src/bench/synth.js';
import { storiesAndReplay, take } from '../support/replay.js';

const dir = mkdtempSync(join(tmpdir(), 'newsbrief-shared-writers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const articles = [...take(synthArticles({ seed: 3, topics: 15, perEvent: 4, bytes: 1200, spanDays: 10 }), 160)];
const drafts = articles.map((a) => ({ draft: textDraft({ url: a.url, title: a.title, text: a.text, publishedAt: a.publishedAt, outlet: a.outlet }) }));

/** The store with its loadTermStats calls counted (what the log spares). */
function counted(store: Store): { store: Store; loads: () => number } {
  let loads = 0;
  const wrapped = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'loadTermStats') return async () => (loads++, target.loadTermStats());
      return Reflect.get(target, prop, receiver);
    },
  });
  return { store: wrapped, loads: () => loads };
}

describe('two pipelines taking turns on one archive', () => {
  for (const withLog of [true, false]) {
    it(`make the stories of one writer (${withLog ? 'catching up from the log' : 'reading the store again'})`, async () => {
      const path = join(dir, `shared-${withLog}.db`);
      const lock = createLocalExclusive();
      const statsLog = withLog ? createMemoryTermStatsLog() : undefined;
      const writers = await Promise.all(
        [0, 1].map(async () => {
          const s = createSqliteStore(path);
          await s.init();
          const c = counted(s);
          return { store: s, loads: c.loads, pipeline: createPipeline({ store: c.store, shared: lock, ...(statsLog ? { statsLog } : {}) }) };
        }),
      );
      // Batches of 8 dealt to the writers in turn, both running at once.
      const batches = Array.from({ length: drafts.length / 8 }, (_, i) => drafts.slice(i * 8, i * 8 + 8));
      await Promise.all(
        writers.map(async (w, k) => {
          for (const [i, b] of batches.entries()) if (i % 2 === k) for (const o of await w.pipeline.ingestMany(b)) expect(o.status).toBe('added');
        }),
      );
      for (const w of writers) {
        await w.pipeline.flush();
        await w.store.close();
      }
      const { stored, replayed } = await storiesAndReplay(path, dir);
      expect(stored).toEqual(replayed);
      const loads = writers.map((w) => w.loads());
      if (withLog) expect(loads).toEqual([1, 1]);
      else expect(Math.min(...loads)).toBeGreaterThan(3);
    }, 60_000);
  }

  it('the unlocked port runs the function as it is', async () => {
    expect(await unlocked.run(async () => 'x')).toBe('x');
  });
});
