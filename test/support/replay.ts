// The check that several ingest processes acted as one writer: the articles of an archive, read in
// the order they were stored, ingested again by one pipeline into a fresh store, must fall into the
// same stories. Two writers deciding on one event at once would have split it (or merged others).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createPipeline, textDraft } from '../../src/pipeline.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';

export interface StoredArticle {
  id: number;
  url: string;
  storyId: number;
}

export function storedArticles(db: string): StoredArticle[] {
  const d = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return d.prepare('SELECT id, url, story_id AS storyId FROM articles ORDER BY id').all() as StoredArticle[];
  } finally {
    d.close();
  }
}

export function countArticles(db: string): number {
  const d = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return (d.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  } finally {
    d.close();
  }
}

export interface ArticleRow {
  url: string;
  title: string;
  text: string;
  publishedAt: string | null;
  outlet: string | null;
  storyId: number;
}

const ROWS_SQL = 'SELECT url, title, text, published_at AS "publishedAt", outlet, story_id AS "storyId" FROM articles ORDER BY id';

/** Every article of a SQLite archive, in the order stored. */
export function sqliteRows(db: string): ArticleRow[] {
  const d = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return d.prepare(ROWS_SQL).all() as ArticleRow[];
  } finally {
    d.close();
  }
}

/** Every article of a PostgreSQL archive, in the order stored. */
export async function postgresRows(pool: { query(sql: string): Promise<{ rows: unknown[] }> }): Promise<ArticleRow[]> {
  return (await pool.query(ROWS_SQL)).rows.map((r) => {
    const row = r as ArticleRow;
    return { ...row, storyId: Number(row.storyId) };
  });
}

/** The stories (as sorted url groups) of an archive, and of one writer replaying its articles in stored order. */
export async function storiesAndReplay(db: string | ArticleRow[], dir: string): Promise<{ stored: string[][]; replayed: string[][] }> {
  const rows = typeof db === 'string' ? sqliteRows(db) : db;
  const store = createSqliteStore(join(dir, `replay-${Date.now()}.db`));
  await store.init();
  const pipeline = createPipeline({ store });
  const replayed: Array<[string, number]> = [];
  for (const r of rows) {
    const o = await pipeline.ingest(textDraft({ url: r.url, title: r.title, text: r.text, ...(r.publishedAt ? { publishedAt: r.publishedAt } : {}), ...(r.outlet ? { outlet: r.outlet } : {}) }));
    if (o.status !== 'added') throw new Error(`replay of ${r.url}: ${o.status}`);
    replayed.push([r.url, o.storyId]);
  }
  await pipeline.flush();
  await store.close();
  return { stored: partition(rows.map((r) => [r.url, r.storyId])), replayed: partition(replayed) };
}

/** The groups of a url -> story mapping, whatever the story ids: sorted lists of urls. */
export function partition(pairs: Array<[string, number]>): string[][] {
  const groups = new Map<number, string[]>();
  for (const [url, story] of pairs) groups.set(story, [...(groups.get(story) ?? []), url]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

export function* take<T>(it: Iterator<T>, n: number): Generator<T> {
  for (let i = 0; i < n; i++) {
    const r = it.next();
    if (r.done) return;
    yield r.value;
  }
}
