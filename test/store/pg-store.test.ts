// The Store contract on a real PostgreSQL (a fresh database for the file, a fresh schema for each
// test), and what only a shared database has: another process's writes seen at once.
import { expect, it } from 'vitest';
import { openPostgresPorts } from '../../src/store/postgres/index.js';
import { PG_MIGRATIONS, pgSchemaVersion } from '../../src/store/postgres/migrations.js';
import { createPgStore } from '../../src/store/postgres/pg-store.js';
import { usePostgres } from '../support/postgres.js';
import { describeStoreContract, newArticle, newStory } from './contract.js';

const db = await usePostgres();

if (db) {
  describeStoreContract('postgres', async () => {
    const schema = db.freshSchema();
    const pool = db.pool(schema);
    const store = createPgStore(pool, { schema });
    await store.init();
    return {
      store,
      async cleanup() {
        await store.close();
        await pool.end();
      },
    };
  });

  it('postgres store: a second process sees stories and near-copies at once, and two writers keep counts exact', async () => {
    const schema = db.freshSchema();
    const pool = db.pool(schema);
    const other = db.pool(schema);
    try {
      const bot = createPgStore(pool, { schema });
      const cli = createPgStore(other, { schema });
      await Promise.all([bot.init(), cli.init()]);
      const sid = await bot.createStory(newStory({ headline: 'Harbour strike ends' }));
      expect((await bot.getStoryProfiles([sid]))[0]?.headline).toBe('Harbour strike ends');
      await cli.updateStory(sid, { headline: 'Strike over', centroid: { port: 1 } });
      expect((await bot.getStoryProfiles([sid]))[0]).toMatchObject({ headline: 'Strike over', centroid: { port: 1 } });
      const original = await bot.insertArticle(newArticle({ lshKeys: ['0:wire', '1:wire'], minhash: [5, 4294967295] }));
      const copy = await cli.insertArticle(newArticle({ lshKeys: ['0:wire'] }));
      expect(await bot.findNearCopyCandidates(['0:wire', '1:wire'])).toEqual([
        { articleId: original, minhash: [5, 4294967295] },
        { articleId: copy, minhash: [1, 2, 3, 4] },
      ]);
      // Twenty articles added to one story from two processes at once: none lost.
      const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? bot : cli).insertArticle(newArticle())));
      await Promise.all(ids.map((id, i) => (i % 2 ? cli : bot).addArticleToStory(sid, id)));
      await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? cli : bot).addTermStats(1, new Map([['harbour', 1], [`t${i}`, 2]]))));
      expect((await bot.getStory(sid))?.articleCount).toBe(20);
      // The counters kept with the inserts agree with the tables.
      expect(await cli.countArticles()).toBe(Number((await pool.query('SELECT count(*) AS n FROM articles')).rows[0].n));
      expect(await cli.countStories()).toBe(Number((await pool.query('SELECT count(*) AS n FROM stories')).rows[0].n));
      const stats = await cli.loadTermStats();
      expect(stats.docs).toBe(10);
      expect(stats.df.get('harbour')).toBe(10);
    } finally {
      await pool.end();
      await other.end();
    }
  });

  it('postgres store: keeps an article with a NUL character or a text past what a tsvector holds, and finds it', async () => {
    const schema = db.freshSchema();
    const pool = db.pool(schema);
    try {
      const store = createPgStore(pool, { schema });
      await store.init();
      const sid = await store.createStory(newStory({ headline: 'Long read' }));
      // ~2 MB of distinct tokens: its whole tsvector would pass PostgreSQL's 1 MB limit.
      const long = `Zanzibar cloves harvest. ${Array.from({ length: 60_000 }, (_, i) => `w${i.toString(36)}x${(i * 7919).toString(36)}`).join(' ')}`;
      const a1 = await store.insertArticle(newArticle({ title: 'Clove harvest', text: long }));
      const a2 = await store.insertArticle(newArticle({ title: 'Odd\u0000bytes', text: 'Nul\u0000 inside a feed item about saffron.' }));
      await store.addArticleToStory(sid, a1);
      await store.addArticleToStory(sid, a2);
      expect((await store.getArticle(a1))?.text).toBe(long);
      expect((await store.getArticle(a2))?.text).toBe('Nul inside a feed item about saffron.');
      expect((await store.searchStories('zanzibar'))[0]?.id).toBe(sid);
      expect((await store.searchStories('saffron'))[0]?.id).toBe(sid);
    } finally {
      await pool.end();
    }
  });

  it('postgres store: a transaction whose failed statement was caught (no savepoint) is refused at commit, not reported kept', async () => {
    const schema = db.freshSchema();
    const pool = db.pool(schema);
    try {
      const store = createPgStore(pool, { schema });
      await store.init();
      const taken = await store.insertArticle(newArticle({ url: 'https://example.test/taken' }));
      await expect(
        store.transaction(async (tx) => {
          await tx.insertArticle(newArticle({ url: 'https://example.test/kept?' }));
          await tx.insertArticle(newArticle({ url: 'https://example.test/taken' })).catch(() => undefined);
          return 'done';
        }),
      ).rejects.toThrow(/rolled back/);
      expect(await store.findArticleByUrl('https://example.test/kept?')).toBeUndefined();
      expect((await store.findArticleByUrl('https://example.test/taken'))?.id).toBe(taken);
      // The connection went back to the pool clean: the next transaction commits.
      await store.transaction(async (tx) => tx.insertArticle(newArticle({ url: 'https://example.test/next' })));
      expect(await store.countArticles()).toBe(2);
    } finally {
      await pool.end();
    }
  });

  it('postgres store: shares its schema and migrations with the small ports; init again changes nothing', async () => {
    const schema = db.freshSchema();
    const ports = await openPostgresPorts({ url: db.url, schema, max: 2 });
    try {
      const store = createPgStore(ports.pool, { schema });
      await store.init();
      const sid = await store.createStory(newStory());
      await store.init();
      expect(await store.countStories()).toBe(1);
      expect(await ports.storyPosts.startAfter('slack:T:C', sid, '2026-03-08T06:00:00.000Z')).toBe(sid);
      expect(await pgSchemaVersion(ports.pool)).toBe(Math.max(...PG_MIGRATIONS.map((m) => m.version)));
    } finally {
      await ports.close();
    }
  });
} else {
  it.skip('PostgreSQL store (no server)', () => {});
}
