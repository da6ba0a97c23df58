// Two workers on one database: another process stores the same article between the pipeline's
// duplicate checks and its write. The write fails (url unique); the outcome is a duplicate.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createPipeline, textDraft } from '../../src/pipeline.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';

const TEXT = [
  'Dock workers at the port of Rotterdam ended a nine-day strike on Tuesday after union leaders accepted a pay offer of 6.5 percent over two years.',
  'Container ships that had queued in the North Sea began berthing within hours, and the port authority said cranes were running at full capacity.',
].join('\n\n');

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** The store as a worker sees it when another worker's insert lands just after its checks. */
function racing(store: Store, beforeWrite: () => Promise<void>): Store {
  let raced = false;
  return {
    ...store,
    findArticleByUrl: async (url: string) => (raced ? store.findArticleByUrl(url) : undefined),
    findArticleByHash: async (hash: string) => (raced ? store.findArticleByHash(hash) : undefined),
    transaction: async (fn) => {
      if (!raced) {
        raced = true;
        await beforeWrite();
      }
      return store.transaction(fn);
    },
  } as Store;
}

it('reports an article another process stored meanwhile as a duplicate', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-race-'));
  dirs.push(dir);
  const store = createSqliteStore(join(dir, 'news.db'));
  await store.init();
  const other = createPipeline({ store, now: () => new Date('2026-06-07T12:00:00Z') });
  const draft = textDraft({ url: 'https://a.test/strike', title: 'Rotterdam strike ends', text: TEXT });
  let firstId = 0;
  const alone = createPipeline({
    store: racing(store, async () => {
      const o = await other.ingest(draft);
      if (o.status === 'added') firstId = o.articleId;
    }),
    now: () => new Date('2026-06-07T12:00:00Z'),
  });
  expect(await alone.ingest(draft)).toEqual({ status: 'duplicate', input: draft.url, title: draft.title, duplicateOf: firstId, reason: 'url' });
  expect(await store.countArticles()).toBe(1);
  await store.close();
});
