// ArticleSearch over the PostgreSQL archive (ADR 023), on the shared pool, held to
// test/queries/article-search-contract.ts as the SQLite adapter is. Phrases are matched with the
// articles' generated tsvector and its GIN index (migration 2); aliases live in actor_aliases
// (migration 3).
//
// Each word goes to PostgreSQL as data: it holds only letters, digits and marks (the split below),
// none of which is tsquery syntax, and plainto_tsquery/to_tsquery stem it as the index did. A
// phrase is the AND of its words, phrases are ORed. Unlike FTS5 (remove_diacritics), the
// `english` configuration keeps diacritics: "Türkiye" finds "Türkiye", not "Turkiye" (ADR 023).
import type { ExtraAlias } from '../../analyze/actor-table.js';
import type { ArticleMatchQuery, ArticleSearch, SearchedArticle, StoryRef, StorylineRef } from '../article-search.js';
import { searchedArticleOf, SEARCHED_ARTICLE_COLS, type Row } from '../rows.js';
import type { PgPool } from './pool.js';

const MAX_PHRASES = 16;
const MAX_WORDS_PER_PHRASE = 8;
const MAX_LIMIT = 1000;
const MAX_ALIAS_CHARS = 200;

const INVISIBLE_RE = /[\p{Cf}\u034F\u115F\u1160\u3164]/gu;


/** Words of a phrase: composed (NFC: "u" + combining diaeresis is "ü", as the text holds it), lower case. */
export function pgWords(phrase: string): string[] {
  return phrase
    .slice(0, 400)
    .normalize('NFC')
    .replace(INVISIBLE_RE, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter(Boolean)
    .slice(0, MAX_WORDS_PER_PHRASE);
}

/**
 * The tsquery expression for "any of these phrases", its words pushed onto `args`; undefined when
 * no phrase has a word. A stopword has no lexeme (PostgreSQL does not index it): it drops out of
 * its phrase, and a phrase of stopwords only matches nothing.
 */
function tsqueryExpression(phrases: readonly string[], prefix: boolean, args: unknown[]): string | undefined {
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const p of phrases.slice(0, MAX_PHRASES)) {
    const ws = pgWords(p);
    const key = ws.join(' ');
    if (!ws.length || seen.has(key)) continue;
    seen.add(key);
    const terms = ws.map((w, i) => {
      args.push(w);
      const n = `$${args.length}`;
      // A prefix: the stemmed word or the word as typed, each a prefix (the stemmer may cut a prefix short of the word's stem).
      return prefix && i === ws.length - 1
        ? `(to_tsquery('english', ${n} || ':*') || to_tsquery('simple', ${n} || ':*'))`
        : `plainto_tsquery('english', ${n})`;
    });
    parts.push(`(${terms.join(' && ')})`);
  }
  return parts.length ? parts.join(' || ') : undefined;
}


class PgArticleSearch implements ArticleSearch {
  constructor(private readonly pool: PgPool) {}

  private async q(sql: string, args: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, args)).rows as Row[];
  }

  async recentMatching(q: ArticleMatchQuery): Promise<SearchedArticle[]> {
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(q.limit) || 1));
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.phrases.length) {
      const match = tsqueryExpression(q.phrases, q.prefix ?? false, args);
      if (!match) return [];
      // The GIN index finds the matches; the newest `limit` of them are read.
      where.push(`a.search @@ (${match})`);
    }
    if (q.storyId !== undefined) {
      args.push(q.storyId);
      where.push(`a.story_id = $${args.length}`);
    }
    if (q.storylineId !== undefined) {
      args.push(q.storylineId);
      where.push(`s.storyline_id = $${args.length}`);
    }
    if (q.since !== undefined) {
      args.push(q.since);
      where.push(`coalesce(a.published_at, a.ingested_at) >= $${args.length}`);
    }
    args.push(limit);
    const sql = `SELECT ${SEARCHED_ARTICLE_COLS} FROM articles a LEFT JOIN stories s ON s.id = a.story_id${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT $${args.length}`;
    return (await this.q(sql, args)).map(searchedArticleOf);
  }

  async stories(ids: number[]): Promise<StoryRef[]> {
    if (!ids.length) return [];
    const rows = await this.q('SELECT id, headline, storyline_id FROM stories WHERE id = ANY($1::bigint[])', [[...new Set(ids.map(Math.trunc))]]);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      const ref: StoryRef = { id: Number(r.id), headline: String(r.headline) };
      if (r.storyline_id != null) ref.storylineId = Number(r.storyline_id);
      return [ref];
    });
  }

  async storylines(ids: number[]): Promise<StorylineRef[]> {
    if (!ids.length) return [];
    const rows = await this.q('SELECT id, title FROM storylines WHERE id = ANY($1::bigint[])', [[...new Set(ids.map(Math.trunc))]]);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      return r ? [{ id: Number(r.id), title: String(r.title) }] : [];
    });
  }

  async storyDates(storyIds: number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    if (!storyIds.length) return out;
    // Per story through its index (articles_story): the story's articles, not the archive.
    const rows = await this.q(
      'SELECT story_id, max(published_at) AS d FROM articles WHERE story_id = ANY($1::bigint[]) AND published_at IS NOT NULL GROUP BY story_id',
      [[...new Set(storyIds.map(Math.trunc))]],
    );
    const byId = new Map(rows.map((r) => [Number(r.story_id), String(r.d)]));
    for (const id of new Set(storyIds)) {
      const d = byId.get(id);
      if (d !== undefined) out.set(id, d);
    }
    return out;
  }

  async listAliases(): Promise<ExtraAlias[]> {
    // SQLite orders the NOCASE alias without regard to ASCII case: lower() under "C" does the same.
    return (await this.q('SELECT alias, canonical FROM actor_aliases ORDER BY created_at, lower(alias), alias')).map((r) => ({
      alias: String(r.alias),
      canonical: String(r.canonical),
    }));
  }

  async addAlias(alias: string, canonical: string): Promise<void> {
    const a = alias.replace(INVISIBLE_RE, '').trim().slice(0, MAX_ALIAS_CHARS).replace(/\u0000/g, '');
    const c = canonical.replace(INVISIBLE_RE, '').trim().slice(0, MAX_ALIAS_CHARS).replace(/\u0000/g, '');
    if (!a || !c) throw new RangeError('an alias and its canonical name must both be non-empty');
    await this.q(
      'INSERT INTO actor_aliases (alias, canonical, created_at) VALUES ($1, $2, $3) ON CONFLICT (lower(alias)) DO UPDATE SET canonical = excluded.canonical',
      [a, c, new Date().toISOString()],
    );
  }

  async close(): Promise<void> {
    // The pool is its owner's.
  }
}

/** ArticleSearch over `pool` (migrated: createPgStore's init or migratePostgres); the pool stays the caller's. */
export function createPgArticleSearch(pool: PgPool): ArticleSearch {
  return new PgArticleSearch(pool);
}
