// The same articles give the same stories and the same briefings over PostgreSQL as over SQLite
// (issue 12 item 1): the Gaza and trade fixtures, collected as `newsbrief ingest` collects them and
// stored in one batch (ingestMany: one transaction, a savepoint per article), into each store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { briefStory, type Services } from '../../src/app/commands.js';
import { createExtractiveEngine } from '../../src/brief/extractive.js';
import type { ArticleDraft, IngestOutcome } from '../../src/domain/types.js';
import { collect } from '../../src/ingest/collect.js';
import { createPipeline } from '../../src/pipeline.js';
import { createPgStore } from '../../src/store/postgres/pg-store.js';
import type { PgPool } from '../../src/store/postgres/pool.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { usePostgres } from '../support/postgres.js';

const fixtures = resolve(import.meta.dirname, '../fixtures');
const NOW = new Date('2026-06-07T12:00:00Z');
const db = await usePostgres();

interface Run {
  store: Store;
  outcomes: IngestOutcome[];
}

async function ingestAll(store: Store, drafts: Array<{ draft: ArticleDraft; input: string }>): Promise<Run> {
  const pipeline = createPipeline({ store, now: () => NOW });
  const outcomes = await pipeline.ingestMany(drafts);
  await pipeline.flush();
  return { store, outcomes };
}

/** What a store holds, as plain data: every story with its articles' urls, oldest story first. */
async function stories(store: Store) {
  const list = await store.listStories();
  const full = await Promise.all(list.map((s) => store.getStory(s.id)));
  return full
    .map((s) => ({ id: s!.id, headline: s!.headline, articleCount: s!.articleCount, storylineId: s!.storylineId, firstSeenAt: s!.firstSeenAt, lastSeenAt: s!.lastSeenAt, updatedAt: s!.updatedAt, urls: s!.articles.map((a) => a.url) }))
    .sort((a, b) => a.id - b.id);
}

const svc = (store: Store): Services => ({ store, engine: createExtractiveEngine() }) as unknown as Services;

if (db) {
  describe('PostgreSQL and SQLite: the same stories and briefings from the same articles', () => {
    let dir: string;
    let pool: PgPool;
    let sqlite: Run;
    let pg: Run;
    let drafts: Array<{ draft: ArticleDraft; input: string }>;

    beforeAll(async () => {
      drafts = [];
      for await (const item of collect([join(fixtures, 'gaza'), join(fixtures, 'trade')], { now: NOW })) {
        if (item.kind === 'article') drafts.push({ draft: item.draft, input: item.input });
      }
      expect(drafts.length).toBeGreaterThanOrEqual(7);
      dir = mkdtempSync(join(tmpdir(), 'newsbrief-parity-'));
      const lite = createSqliteStore(join(dir, 'news.db'));
      await lite.init();
      sqlite = await ingestAll(lite, drafts);
      const schema = db.freshSchema();
      pool = db.pool(schema);
      const store = createPgStore(pool, { schema });
      await store.init();
      pg = await ingestAll(store, drafts);
    }, 60_000);

    afterAll(async () => {
      await sqlite?.store.close();
      await pg?.store.close();
      await pool?.end();
      rmSync(dir, { recursive: true, force: true });
    });

    it('gives every article the same outcome and the stores the same stories', async () => {
      expect(pg.outcomes).toEqual(sqlite.outcomes);
      expect(await pg.store.countStories()).toBe(await sqlite.store.countStories());
      expect(await pg.store.countArticles()).toBe(await sqlite.store.countArticles());
      expect(await stories(pg.store)).toEqual(await stories(sqlite.store));
      const lite = await sqlite.store.loadTermStats();
      const pgStats = await pg.store.loadTermStats();
      expect(pgStats.docs).toBe(lite.docs);
      expect(pgStats.df).toEqual(lite.df);
    });

    it('keeps the same story profiles (centroids, title terms, dates)', async () => {
      const ids = (await sqlite.store.listStories()).map((s) => s.id);
      expect(await pg.store.getStoryProfiles(ids)).toEqual(await sqlite.store.getStoryProfiles(ids));
    });

    it('briefs the biggest story the same: headline, takeaways, the whole briefing', async () => {
      const biggest = (await sqlite.store.listStories()).sort((a, b) => b.articleCount - a.articleCount || a.id - b.id)[0]!;
      expect(biggest.articleCount).toBeGreaterThan(1);
      const lite = await briefStory(svc(sqlite.store), biggest.id);
      const fromPg = await briefStory(svc(pg.store), biggest.id);
      expect(fromPg.briefing.headline).toBe(lite.briefing.headline);
      expect(fromPg.briefing.takeaways).toEqual(lite.briefing.takeaways);
      expect(fromPg.briefing).toEqual(lite.briefing);
      expect(fromPg.story).toEqual(lite.story);
    });

    it('ranks the same stories first for topics of either storyline (bm25 over tsvector positions)', async () => {
      for (const topic of ['Khalil al-Hayya Cairo "delegation" AND -phase*', 'ceasefire hostages', 'tariff car parts', 'Valdoria Ostmark', 'phase two', 'second phase tariff', 'Witkoff', 'hostages released bodies', 'Egypt Qatar mediators', 'disarmament']) {
        const lite = await sqlite.store.searchStories(topic, 3);
        const fromPg = await pg.store.searchStories(topic, 3);
        expect(fromPg.map((s) => s.id), topic).toEqual(lite.map((s) => s.id));
      }
    });

    it('stores the articles one by one (ingest, no batch) into the same stories as the batch did', async () => {
      const schema = db.freshSchema();
      const other = db.pool(schema);
      try {
        const store = createPgStore(other, { schema });
        await store.init();
        const pipeline = createPipeline({ store, now: () => NOW });
        const outcomes: IngestOutcome[] = [];
        for (const { draft, input } of drafts) outcomes.push(await pipeline.ingest(draft, input));
        await pipeline.flush();
        expect(outcomes).toEqual(sqlite.outcomes);
        expect(await stories(store)).toEqual(await stories(sqlite.store));
      } finally {
        await other.end();
      }
    });

    it('two processes ingesting at once (two pools, one schema) store every article once, in whole stories', async () => {
      const schema = db.freshSchema();
      const one = db.pool(schema);
      const two = db.pool(schema);
      try {
        const a = createPgStore(one, { schema });
        const b = createPgStore(two, { schema });
        await Promise.all([a.init(), b.init()]);
        const pa = createPipeline({ store: a, now: () => NOW });
        const pb = createPipeline({ store: b, now: () => NOW });
        // Both get every draft, in batches and one by one: each url is stored once whoever wins.
        const [batch, single] = await Promise.all([
          pa.ingestMany(drafts),
          (async () => {
            const out: IngestOutcome[] = [];
            for (const { draft, input } of [...drafts].reverse()) out.push(await pb.ingest(draft, input));
            return out;
          })(),
        ]);
        await Promise.all([pa.flush(), pb.flush()]);
        expect([...batch, ...single].filter((o) => o.status === 'added')).toHaveLength(drafts.length);
        expect([...batch, ...single].filter((o) => o.status === 'duplicate')).toHaveLength(drafts.length);
        expect(await a.countArticles()).toBe(drafts.length);
        const all = await stories(b);
        expect(all.reduce((n, s) => n + s.articleCount, 0)).toBe(drafts.length);
        for (const s of all) expect(s.urls).toHaveLength(s.articleCount);
        expect((await a.loadTermStats()).docs).toBe(drafts.length);
      } finally {
        await one.end();
        await two.end();
      }
    });
  });

  describe('PostgreSQL and SQLite: every local fixture and example (files, feeds, HTML), twice', () => {
    it('gives the same outcomes, stories and briefings of every story', async () => {
      const root = resolve(import.meta.dirname, '../..');
      const inputs = ['gaza', 'trade', 'story-posts', 'ingest'].map((f) => join(fixtures, f)).concat([join(root, 'examples')]);
      const drafts: Array<{ draft: ArticleDraft; input: string }> = [];
      for await (const item of collect(inputs, { now: NOW })) if (item.kind === 'article') drafts.push({ draft: item.draft, input: item.input });
      expect(drafts.length).toBeGreaterThan(15);
      const dir = mkdtempSync(join(tmpdir(), 'newsbrief-parity-all-'));
      const schema = db.freshSchema();
      const pool = db.pool(schema);
      const lite = createSqliteStore(join(dir, 'all.db'));
      const store = createPgStore(pool, { schema });
      try {
        await lite.init();
        await store.init();
        // Twice: the second run's articles are all duplicates, by url, the same in both.
        for (let run = 0; run < 2; run++) {
          const a = await ingestAll(lite, drafts);
          const b = await ingestAll(store, drafts);
          expect(b.outcomes).toEqual(a.outcomes);
        }
        expect(await stories(store)).toEqual(await stories(lite));
        for (const s of await lite.listStories()) {
          // A story too thin to brief is refused the same way by both.
          const brief = (st: Store) => briefStory(svc(st), s.id).then((r) => r.briefing, (err: Error) => err.message);
          expect(await brief(store), `story ${s.id}`).toEqual(await brief(lite));
        }
      } finally {
        await lite.close();
        await pool.end();
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  });
} else {
  it.skip('PostgreSQL and SQLite parity (no server)', () => {});
}
