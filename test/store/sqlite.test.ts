import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { describeStoreContract, newArticle, newStory } from './contract.js';

const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-store-'));
  dirs.push(dir);
  return join(dir, 'test.db');
}
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

describeStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-contract-'));
  const store = createSqliteStore(join(dir, 'contract.db'));
  await store.init();
  return {
    store,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('sqlite store', () => {
  it('sees story changes another process made to the same file (no stale cached profile)', async () => {
    const path = tempDb();
    const bot = createSqliteStore(path);
    await bot.init();
    const sid = await bot.createStory(newStory({ headline: 'Harbour strike ends' }));
    expect((await bot.getStoryProfiles([sid]))[0]?.headline).toBe('Harbour strike ends');
    const cli = createSqliteStore(path);
    await cli.init();
    await cli.updateStory(sid, { headline: 'Strike over', centroid: { port: 1 } });
    await cli.close();
    expect((await bot.getStoryProfiles([sid]))[0]).toMatchObject({ headline: 'Strike over', centroid: { port: 1 } });
    await bot.close();
  });

  it('finds near-copy candidates after a reopen, from another process, and never a rolled-back article', async () => {
    const path = tempDb();
    const first = createSqliteStore(path);
    await first.init();
    const original = await first.insertArticle(newArticle({ lshKeys: ['0:wire', '1:wire'], minhash: [5, 6] }));
    expect((await first.findNearCopyCandidates(['1:wire'])).map((c) => c.articleId)).toEqual([original]);
    await first.transaction(async (tx) => {
      await tx.insertArticle(newArticle({ lshKeys: ['0:wire'] }));
      throw new Error('write failed');
    }).catch(() => undefined);
    expect((await first.findNearCopyCandidates(['0:wire'])).map((c) => c.articleId)).toEqual([original]);
    // Another process (a CLI run) stores a copy: the first store sees it on its next lookup.
    const cli = createSqliteStore(path);
    await cli.init();
    const copy = await cli.insertArticle(newArticle({ lshKeys: ['0:wire'] }));
    await cli.close();
    expect((await first.findNearCopyCandidates(['0:wire'])).map((c) => c.articleId)).toEqual([original, copy]);
    await first.close();
    const reopened = createSqliteStore(path);
    await reopened.init();
    expect(await reopened.findNearCopyCandidates(['1:wire'])).toEqual([{ articleId: original, minhash: [5, 6] }]);
    await reopened.close();
  });

  it('records each migration once, in order, and re-running init changes nothing', async () => {
    const path = tempDb();
    const store = createSqliteStore(path);
    await store.init();
    await store.insertArticle(newArticle());
    await store.init();
    await store.close();
    const again = createSqliteStore(path);
    await again.init();
    expect(await again.countArticles()).toBe(1);
    await again.close();
    const db = new Database(path, { readonly: true });
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as Array<{ version: number; name: string }>;
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('applies a new migration to an existing database, and rolls back a failing one whole', async () => {
    const path = tempDb();
    const store = createSqliteStore(path);
    await store.init();
    await store.close();
    // The next free number: versions need not be contiguous (migration 8 may land before 7).
    const next = Math.max(...MIGRATIONS.map((m) => m.version)) + 1;
    const extra = { version: next, name: 'tags', sql: 'CREATE TABLE tags (name TEXT PRIMARY KEY);' };
    const upgraded = createSqliteStore(path, [...MIGRATIONS, extra]);
    await upgraded.init();
    await upgraded.close();
    const broken = { version: next + 1, name: 'broken', sql: 'CREATE TABLE half (x INTEGER); THIS IS NOT SQL;' };
    const failing = createSqliteStore(path, [...MIGRATIONS, extra, broken]);
    await expect(failing.init()).rejects.toThrow();
    await failing.close();
    const db = new Database(path, { readonly: true });
    const versions = (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version);
    expect(versions).toContain(extra.version);
    expect(versions).not.toContain(broken.version);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });

  it('upgrades a version-3 database whose actor_aliases table an older query adapter made, keeping its aliases', async () => {
    const path = tempDb();
    const old = createSqliteStore(path, MIGRATIONS.filter((m) => m.version <= 3));
    await old.init();
    await old.close();
    const db = new Database(path);
    db.exec('CREATE TABLE actor_aliases (alias TEXT PRIMARY KEY COLLATE NOCASE, canonical TEXT NOT NULL, created_at TEXT NOT NULL)');
    db.prepare('INSERT INTO actor_aliases VALUES (?, ?, ?)').run('Abu Obeida', 'Hamas', '2026-06-01T00:00:00Z');
    db.close();
    const store = createSqliteStore(path);
    await store.init();
    await store.close();
    const after = new Database(path, { readonly: true });
    expect(after.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: MIGRATIONS.at(-1)!.version });
    expect(after.prepare('SELECT alias, canonical FROM actor_aliases').all()).toEqual([{ alias: 'Abu Obeida', canonical: 'Hamas' }]);
    after.close();
  });

  it('keeps everything across close and reopen', async () => {
    const path = tempDb();
    const store = createSqliteStore(path);
    await store.init();
    const aid = await store.insertArticle(newArticle({ title: 'Cairo talks open', text: 'Talks open in Cairo.' }));
    const sid = await store.createStory(newStory({ headline: 'Cairo talks open' }));
    await store.addArticleToStory(sid, aid);
    await store.setValidators('https://feed.test/a', { etag: 'x' });
    await store.close();
    const reopened = createSqliteStore(path);
    await reopened.init();
    expect((await reopened.getStory(sid))?.articles.map((a) => a.id)).toEqual([aid]);
    expect((await reopened.searchStories('cairo'))[0]?.id).toBe(sid);
    expect(await reopened.getValidators('https://feed.test/a')).toEqual({ etag: 'x' });
    await reopened.close();
  });

  it('needs init before use', async () => {
    const store = createSqliteStore(tempDb());
    await expect(store.countArticles()).rejects.toThrow(/init/);
    await store.close();
  });
});
