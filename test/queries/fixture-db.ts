// A real SQLite store filled from test/fixtures/gaza through the real ingest code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from '../../src/ingest/collect.js';
import { createPipeline, type BatchItem } from '../../src/pipeline.js';
import { afterAll, beforeAll } from 'vitest';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import type { ArticleSearch } from '../../src/store/article-search.js';
import { createSqliteArticleSearch } from '../../src/store/sqlite-article-search.js';

export const GAZA = join(import.meta.dirname, '..', 'fixtures', 'gaza');

export async function gazaDb(): Promise<{ dir: string; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-queries-'));
  const path = join(dir, 'q.db');
  await fillStore(path, [GAZA], new Date('2026-06-10T00:00:00Z'));
  return { dir, path };
}

/** A real SQLite store at `path` filled from `inputs` (files, folders) through the real ingest code. */
export async function fillStore(path: string, inputs: string[], now: Date): Promise<void> {
  const store = createSqliteStore(path);
  await store.init();
  const pipeline = createPipeline({ store });
  const items: BatchItem[] = [];
  for await (const it of collect(inputs, { now })) if (it.kind === 'article') items.push({ draft: it.draft, input: it.input });
  await pipeline.ingestMany(items);
  await pipeline.flush();
  await store.close();
}

/** Registers a suite's setup: the Gaza DB and an ArticleSearch over it, removed afterwards. */
export function useGazaSearch(): () => ArticleSearch {
  let dir: string | undefined;
  let search: ArticleSearch | undefined;
  beforeAll(async () => {
    const db = await gazaDb();
    dir = db.dir;
    search = createSqliteArticleSearch(db.path);
  }, 20_000);
  afterAll(async () => {
    await search?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => search!;
}
