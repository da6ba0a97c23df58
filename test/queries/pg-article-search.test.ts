// The ArticleSearch contract against the PostgreSQL adapter: test/fixtures/gaza ingested through
// the real pipeline into a PostgreSQL store, as fixture-db.ts fills the SQLite one.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { collect } from '../../src/ingest/collect.js';
import { createPipeline, type BatchItem } from '../../src/pipeline.js';
import type { ArticleSearch } from '../../src/store/article-search.js';
import { createPgArticleSearch } from '../../src/store/postgres/pg-article-search.js';
import { createPgStore } from '../../src/store/postgres/pg-store.js';
import { usePostgres } from '../support/postgres.js';
import { articleSearchContract } from './article-search-contract.js';
import { GAZA } from './fixture-db.js';

const db = await usePostgres();

if (db) {
  let search: ArticleSearch | undefined;
  let pool: ReturnType<typeof db.pool> | undefined;
  beforeAll(async () => {
    const schema = db.freshSchema();
    pool = db.pool(schema);
    const store = createPgStore(pool, { schema });
    await store.init();
    const pipeline = createPipeline({ store });
    const items: BatchItem[] = [];
    for await (const it of collect([GAZA], { now: new Date('2026-06-10T00:00:00Z') })) if (it.kind === 'article') items.push({ draft: it.draft, input: it.input });
    await pipeline.ingestMany(items);
    await pipeline.flush();
    await store.close();
    search = createPgArticleSearch(pool);
  }, 30_000);
  afterAll(async () => {
    await search?.close();
    await pool?.end();
  });
  articleSearchContract('PostgreSQL', () => search!);

} else {
  describe.skip('ArticleSearch (PostgreSQL)', () => {
    it('needs a PostgreSQL server', () => {});
  });
}
