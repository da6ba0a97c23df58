// ArticleSearch over the SQLite store's file, through its own better-sqlite3 connection: WAL lets
// it read beside the ingest writer. It writes only the `actor_aliases` table (created by migration 4).
//
// FTS5 here indexes with detail='column', which has no phrase queries: a phrase becomes the AND
// of its quoted words, and the query layer checks the exact wording in the text. Every word is
// quoted (inner quotes doubled), so user text never reaches MATCH as syntax.
import type Database from 'better-sqlite3';
import { openSideConnection } from './sqlite-side-connection.js';
import type { ExtraAlias } from '../analyze/actor-table.js';
import type { ArticleMatchQuery, ArticleSearch, SearchedArticle, StoryRef, StorylineRef } from './article-search.js';
import { searchedArticleOf, SEARCHED_ARTICLE_COLS, type Row } from './rows.js';

const MAX_PHRASES = 16;
const MAX_WORDS_PER_PHRASE = 8;
const MAX_LIMIT = 1000;
const MAX_ALIAS_CHARS = 200;

const INVISIBLE_RE = /[\p{Cf}\u034F\u115F\u1160\u3164]/gu;

/** Words of a phrase as the FTS tokenizer (unicode61, diacritics removed) sees them. */
export function ftsWords(phrase: string): string[] {
  return phrase
    .slice(0, 400)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(INVISIBLE_RE, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_WORDS_PER_PHRASE);
}

/** The MATCH expression for "any of these phrases"; undefined when no phrase has a word. */
export function ftsMatchExpression(phrases: readonly string[], prefix = false): string | undefined {
  const parts = new Set<string>();
  for (const p of phrases.slice(0, MAX_PHRASES)) {
    const ws = ftsWords(p);
    // Every word is quoted (no operator can slip in); a prefix query puts FTS5's * after the quote.
    const q = ws.map((w, i) => `"${w.replace(/"/g, '""')}"${prefix && i === ws.length - 1 ? '*' : ''}`);
    if (ws.length) parts.add(`(${q.join(' AND ')})`);
  }
  return parts.size ? [...parts].join(' OR ') : undefined;
}



class SqliteArticleSearch implements ArticleSearch {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(path: string) {
    // The store's migrations create these tables; this adapter only reads them (and writes aliases).
    this.db = openSideConnection(path, ['articles', 'articles_fts', 'actor_aliases'], `${path} has no newsbrief articles yet, or an older schema: ingest something first`);
  }

  private st(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  async recentMatching(q: ArticleMatchQuery): Promise<SearchedArticle[]> {
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(q.limit) || 1));
    const where: string[] = [];
    const args: unknown[] = [];
    let from = 'articles a LEFT JOIN stories s ON s.id = a.story_id';
    let order = 'a.id DESC';
    if (q.phrases.length) {
      const match = ftsMatchExpression(q.phrases, q.prefix);
      if (!match) return [];
      from = 'articles_fts f JOIN articles a ON a.id = f.rowid LEFT JOIN stories s ON s.id = a.story_id';
      where.push('articles_fts MATCH ?');
      args.push(match);
      order = 'f.rowid DESC';
    }
    if (q.storyId !== undefined) {
      where.push('a.story_id = ?');
      args.push(q.storyId);
    }
    if (q.storylineId !== undefined) {
      where.push('s.storyline_id = ?');
      args.push(q.storylineId);
    }
    if (q.since !== undefined) {
      where.push('COALESCE(a.published_at, a.ingested_at) >= ?');
      args.push(q.since);
    }
    const sql = `SELECT ${SEARCHED_ARTICLE_COLS} FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`;
    return (this.st(sql).all(...args, limit) as Row[]).map(searchedArticleOf);
  }

  async stories(ids: number[]): Promise<StoryRef[]> {
    const out: StoryRef[] = [];
    const s = this.st('SELECT id, headline, storyline_id FROM stories WHERE id = ?');
    for (const id of ids) {
      const r = s.get(id) as Row | undefined;
      if (!r) continue;
      const ref: StoryRef = { id: Number(r.id), headline: String(r.headline) };
      if (r.storyline_id != null) ref.storylineId = Number(r.storyline_id);
      out.push(ref);
    }
    return out;
  }

  async storylines(ids: number[]): Promise<StorylineRef[]> {
    const s = this.st('SELECT id, title FROM storylines WHERE id = ?');
    const out: StorylineRef[] = [];
    for (const id of ids) {
      const r = s.get(id) as Row | undefined;
      if (r) out.push({ id: Number(r.id), title: String(r.title) });
    }
    return out;
  }

  async storyDates(storyIds: number[]): Promise<Map<number, string>> {
    const s = this.st('SELECT max(published_at) AS d FROM articles WHERE story_id = ? AND published_at IS NOT NULL');
    const out = new Map<number, string>();
    for (const id of new Set(storyIds)) {
      const r = s.get(id) as Row | undefined;
      if (r?.d != null) out.set(id, String(r.d));
    }
    return out;
  }

  async listAliases(): Promise<ExtraAlias[]> {
    return (this.st('SELECT alias, canonical FROM actor_aliases ORDER BY created_at, alias').all() as Row[]).map((r) => ({
      alias: String(r.alias),
      canonical: String(r.canonical),
    }));
  }

  async addAlias(alias: string, canonical: string): Promise<void> {
    const a = alias.replace(INVISIBLE_RE, '').trim().slice(0, MAX_ALIAS_CHARS);
    const c = canonical.replace(INVISIBLE_RE, '').trim().slice(0, MAX_ALIAS_CHARS);
    if (!a || !c) throw new RangeError('an alias and its canonical name must both be non-empty');
    this.st(
      'INSERT INTO actor_aliases (alias, canonical, created_at) VALUES (?, ?, ?) ON CONFLICT(alias) DO UPDATE SET canonical = excluded.canonical',
    ).run(a, c, new Date().toISOString());
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** Opens the store's database file (it must exist and be migrated) for the query layer. */
export function createSqliteArticleSearch(path: string): ArticleSearch {
  return new SqliteArticleSearch(path);
}
