// The main Store port over PostgreSQL (ADR 023, "The main Store"), held to test/store/contract.ts
// as the SQLite store is, with the same answers: the same articles give the same stories.
//
// Writes: every write outside a transaction runs as a transaction of its own (a story's row and
// its index terms together). Transactions run one at a time in the process (a queue, as the
// SQLite facade's) and across processes (a transaction advisory lock per schema, as SQLite's
// BEGIN IMMEDIATE), so clustering's read-decide-write never interleaves with another writer's.
// Reads outside a transaction go to the pool. A transaction nests as a SAVEPOINT on its connection.
// No profile cache: another process may change any story (SQLite checks data_version for that).
import { isStopword, words } from '../../analyze/text.js';
import type { Article, Story, StoryWithArticles, Storyline } from '../../domain/types.js';
import type {
  NearCopyCandidate,
  NewArticle,
  NewStory,
  Store,
  StoryCandidateQuery,
  StoryProfile,
  StorylineProfile,
  StoryQuery,
  StoryUpdate,
  TermStats,
  Validators,
} from '../store.js';
import { migratePostgres } from './migrations.js';
import { withTransaction, type PgClient, type PgPool } from './pool.js';

import { iso, num, packSignature, str, toArticle, toStory, unpackSignature, type Row } from '../rows.js';

/** What runs a query: the pool (outside a transaction) or the transaction's connection. */
interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: Row[]; rowCount: number | null }>;
}


/** json columns come back parsed by pg; text is parsed here (either way the same value). */
function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}


/** The words a topic searches for, as the SQLite store's ftsQuery picks them (ORed there and here). */
export function searchWords(topic: string): string[] {
  const all = [...new Set(words(topic))].filter((w) => w.length > 1 || /\d/.test(w));
  const content = all.filter((w) => !isStopword(w));
  return (content.length ? content : all).slice(0, 32);
}

/** PostgreSQL text holds no NUL character (SQLite's does): dropped, as nothing reads it. */
const noNul = (s: string): string => (s.includes('\u0000') ? s.replace(/\u0000/g, '') : s);

/** Tokens as FTS5's unicode61 tokenizer counts them (letters, digits, marks; all else separates). */
export function tokenCount(text: string): number {
  return text.match(/[\p{L}\p{N}\p{M}]+/gu)?.length ?? 0;
}

const STORY_COLS = 'id, headline, storyline_id, created_at, updated_at, first_seen_at, last_seen_at, article_count, event_to';
const ARTICLE_COLS = 'id, url, outlet, title, text, published_at, language, content_hash, via, ingested_at, story_id, near_copy_of';

/** Articles read per LSH key (as SQLite's): a text copied a thousand times must not make every lookup slow. */
const LSH_POSTINGS = 200;
/** Near-copy lookups cover the articles among this many most recent ids (SQLite: NEAR_COPY_WINDOW). */
export const NEAR_COPY_WINDOW = 20_000;
/** A topic search ranks at most this many matching articles, the newest (SQLite: SEARCH_RANKED). */
export const SEARCH_RANKED = 5000;
/** Of those, ts_rank shortlists this many for the exact bm25 (SQLite scores all and keeps its best 1000). */
const SEARCH_SCORED = 1000;
/** Term statistics rows per INSERT (a flush may carry tens of thousands of terms). */
const TERM_BATCH = 5000;

/** The transactions' advisory lock: first key ours, second the schema (stores in other schemas do not wait). */
const WRITE_LOCK = 0x6e627773; // "nbws"
const SCHEMA_KEY = "hashtext(coalesce(current_schema(), ''))";

export interface PgStoreOptions {
  /** The schema the pool's search_path names (createPgPool's `schema`): created by init when missing. */
  schema?: string;
  /** Where the database is, for messages (a URL: its password is hidden). */
  where?: string;
}

/** The queries of the Store, run on `db` (the pool, or a transaction's connection). */
class Ops {
  constructor(private readonly db: Queryable) {}

  private async q(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.db.query(sql, params)).rows;
  }

  async insertArticle(a: NewArticle): Promise<number> {
    const docLen = tokenCount(a.title) + tokenCount(a.text);
    // One round trip: the row, its LSH keys, and the archive's token and article totals (bm25's
    // average length, countArticles), all in one statement (its FK checks run at its end).
    const [row] = await this.q(
      `WITH a AS (
         INSERT INTO articles (url, outlet, title, text, published_at, language, content_hash, via, ingested_at, near_copy_of, minhash, story_id, doc_len)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id),
       lsh AS (
         INSERT INTO article_lsh (key, article_id) SELECT DISTINCT k, a.id FROM unnest($14::text[]) AS k, a ON CONFLICT DO NOTHING),
       totals AS (
         INSERT INTO meta (key, value) VALUES ('doc_tokens', $13::bigint::text), ('doc_count', '1')
         ON CONFLICT (key) DO UPDATE SET value = (meta.value::bigint + excluded.value::bigint)::text)
       SELECT id FROM a`,
      [a.url, a.outlet !== undefined ? noNul(a.outlet) : null, noNul(a.title), noNul(a.text), a.publishedAt ?? null, a.language, a.contentHash, a.via, a.ingestedAt, a.nearCopyOf ?? null, a.minhash.length ? packSignature(a.minhash) : null, a.storyId ?? null, docLen, a.lshKeys],
    );
    const id = Number(row!.id);
    return id;
  }

  async getArticle(id: number): Promise<Article | undefined> {
    const [r] = await this.q(`SELECT ${ARTICLE_COLS} FROM articles WHERE id = $1`, [id]);
    return r && toArticle(r);
  }

  async findArticleByUrl(url: string): Promise<Article | undefined> {
    const [r] = await this.q(`SELECT ${ARTICLE_COLS} FROM articles WHERE url = $1`, [url]);
    return r && toArticle(r);
  }

  async findArticleByHash(hash: string): Promise<Article | undefined> {
    const [r] = await this.q(`SELECT ${ARTICLE_COLS} FROM articles WHERE content_hash = $1 ORDER BY id LIMIT 1`, [hash]);
    return r && toArticle(r);
  }

  async findNearCopyCandidates(keys: string[], limit = 20): Promise<NearCopyCandidate[]> {
    if (!keys.length) return [];
    // Per key its oldest postings in the window (as SQLite's in-memory index reads them), bounded.
    const rows = await this.q(
      `WITH floor AS (SELECT coalesce(max(id), 0) - $2::bigint AS id FROM articles),
       hits AS (
         SELECT l.article_id, count(*) AS shared
         FROM (SELECT DISTINCT k FROM unnest($1::text[]) AS k) keys
         CROSS JOIN LATERAL (
           SELECT article_id FROM article_lsh
           WHERE key = keys.k AND article_id > (SELECT id FROM floor)
           ORDER BY article_id LIMIT ${LSH_POSTINGS}) l
         GROUP BY l.article_id
         ORDER BY shared DESC, l.article_id
         LIMIT $3)
       SELECT a.id, a.story_id, a.minhash FROM hits JOIN articles a ON a.id = hits.article_id
       ORDER BY hits.shared DESC, a.id`,
      [keys, NEAR_COPY_WINDOW, limit],
    );
    return rows.map((r) => {
      const c: NearCopyCandidate = { articleId: Number(r.id), minhash: unpackSignature(r.minhash) };
      const storyId = num(r.story_id);
      if (storyId !== undefined) c.storyId = storyId;
      return c;
    });
  }

  /** Counters kept in meta with each insert (count(*) reads the whole table: /metrics asks often). */
  private async counter(key: string): Promise<number> {
    const [r] = await this.q('SELECT value FROM meta WHERE key = $1', [key]);
    return Number(r?.value ?? 0);
  }

  async countArticles(): Promise<number> {
    return this.counter('doc_count');
  }

  async countStories(): Promise<number> {
    return this.counter('story_count');
  }

  async lastArticleId(): Promise<number> {
    return Number((await this.q('SELECT coalesce(max(id), 0) AS n FROM articles'))[0]!.n);
  }

  async createStory(s: NewStory): Promise<number> {
    // One round trip: the row, the story count, and its index terms (a new story has none to replace).
    const [row] = await this.q(
      `WITH s AS (
         INSERT INTO stories (headline, headline_score, created_at, updated_at, first_seen_at, last_seen_at, article_count,
           centroid, title_terms, event_from, event_to)
         VALUES ($1, $2, $3, $3, $3, $3, 0, $4, $5, $6, $7) RETURNING id),
       counted AS (
         INSERT INTO meta (key, value) VALUES ('story_count', '1')
         ON CONFLICT (key) DO UPDATE SET value = (meta.value::bigint + 1)::text),
       indexed AS (
         INSERT INTO story_terms (term, t, story_id) SELECT DISTINCT k, $8::bigint, s.id FROM unnest($9::text[]) AS k, s)
       SELECT id FROM s`,
      [s.headline, s.headlineScore, s.createdAt, JSON.stringify(s.centroid), JSON.stringify(s.titleTerms), s.eventFrom ?? null, s.eventTo ?? null, Math.round(s.indexTime), s.indexTerms],
    );
    return Number(row!.id);
  }

  /** Replace a story's index terms, touching only the rows that change. No time: keep the one it is indexed at. */
  private async indexStory(id: number, terms: string[], time: number | undefined): Promise<void> {
    let t: number;
    if (time !== undefined) t = Math.round(time);
    else {
      const [r] = await this.q('SELECT t FROM story_terms WHERE story_id = $1 LIMIT 1', [id]);
      t = r ? Number(r.t) : Date.now();
    }
    const wanted = [...new Set(terms)];
    await this.q('DELETE FROM story_terms WHERE story_id = $1 AND (t <> $2 OR NOT (term = ANY($3::text[])))', [id, t, wanted]);
    if (wanted.length) {
      await this.q('INSERT INTO story_terms (term, t, story_id) SELECT k, $2, $3 FROM unnest($1::text[]) AS k ON CONFLICT DO NOTHING', [wanted, t, id]);
    }
  }

  async addArticleToStory(storyId: number, articleId: number): Promise<void> {
    const [article] = await this.q('SELECT published_at, ingested_at, story_id FROM articles WHERE id = $1', [articleId]);
    if (!article) throw new Error(`no article ${articleId}`);
    const seen = iso(String(article.published_at ?? article.ingested_at));
    const ingestedAt = iso(String(article.ingested_at));
    // One statement: the SET expressions all read the row as it was (article_count before the +1).
    const res = await this.db.query(
      `UPDATE stories SET
         first_seen_at = CASE WHEN article_count = 0 THEN $2 ELSE least(first_seen_at, $2) END,
         last_seen_at = CASE WHEN article_count = 0 THEN $2 ELSE greatest(last_seen_at, $2) END,
         updated_at = CASE WHEN article_count = 0 OR $3 > updated_at THEN $3 ELSE updated_at END,
         article_count = article_count + 1,
         last_article_id = greatest(last_article_id, $4)
       WHERE id = $1`,
      [storyId, seen, ingestedAt, articleId],
    );
    if (!res.rowCount) throw new Error(`no story ${storyId}`);
    // Set at insert when the story was known then: no second write of the row.
    if (num(article.story_id) !== storyId) await this.q('UPDATE articles SET story_id = $1 WHERE id = $2', [storyId, articleId]);
  }

  async updateStory(id: number, u: StoryUpdate): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    const set = (col: string, value: unknown) => {
      params.push(value);
      sets.push(`${col} = $${params.length}`);
    };
    if (u.headline !== undefined) set('headline', u.headline);
    if (u.headlineScore !== undefined) set('headline_score', u.headlineScore);
    if (u.centroid !== undefined) set('centroid', JSON.stringify(u.centroid));
    if (u.titleTerms !== undefined) set('title_terms', JSON.stringify(u.titleTerms));
    if (u.eventFrom !== undefined) set('event_from', u.eventFrom);
    if (u.eventTo !== undefined) set('event_to', u.eventTo);
    if (sets.length) {
      const res = await this.db.query(`UPDATE stories SET ${sets.join(', ')} WHERE id = $1`, params);
      if (!res.rowCount) throw new Error(`no story ${id}`);
    }
    if (u.indexTerms !== undefined) await this.indexStory(id, u.indexTerms, u.indexTime);
    if (u.eventFrom !== undefined || u.eventTo !== undefined) await this.widenStorylineOfStory(id);
  }

  /** The story's storyline covers the story's dates (least/greatest skip NULLs: a side not dated keeps its own). */
  private async widenStorylineOfStory(storyId: number): Promise<void> {
    await this.q(
      `UPDATE storylines SET
         event_from = least(storylines.event_from, s.event_from),
         event_to = greatest(storylines.event_to, s.event_to),
         updated_at = greatest(storylines.updated_at, s.updated_at)
       FROM (SELECT storyline_id, event_from, event_to, updated_at FROM stories WHERE id = $1) s
       WHERE storylines.id = s.storyline_id`,
      [storyId],
    );
  }

  async getStory(id: number): Promise<StoryWithArticles | undefined> {
    const [r] = await this.q(`SELECT ${STORY_COLS} FROM stories WHERE id = $1`, [id]);
    if (!r) return undefined;
    const articles = await this.q(`SELECT ${ARTICLE_COLS} FROM articles WHERE story_id = $1 ORDER BY coalesce(published_at, ingested_at), id`, [id]);
    return { ...toStory(r), articles: articles.map(toArticle) };
  }

  async listStories(q: StoryQuery = {}): Promise<Story[]> {
    const since = q.since ? iso(q.since) : '';
    const rows = await this.q(`SELECT ${STORY_COLS} FROM stories WHERE updated_at >= $1 ORDER BY updated_at DESC, id DESC LIMIT $2`, [since, q.limit ?? null]);
    return rows.map(toStory);
  }

  async searchStories(topic: string, limit = 10): Promise<Story[]> {
    const chosen = searchWords(topic);
    if (!chosen.length) return [];
    // Each word a query of its own (stemmed, its stopwords dropped), ORed: the words are data,
    // never query syntax. The newest SEARCH_RANKED matches are ranked, their best SEARCH_SCORED
    // make the story scores, as over SQLite: a story's best article, plus a little for each
    // further match. An article's score is FTS5's bm25 (k1 1.2, b 0.75, title hits 4x the text's):
    // a word's hits per column from the tsvector's positions (A title, B text), its IDF from the
    // articles holding it (counted up to SEARCH_RANKED), lengths in tokens as FTS5 counts them.
    const rows = await this.q(
      `WITH terms AS (
         SELECT i, q, tsvector_to_array(to_tsvector('english', w)) AS lex
         FROM unnest($1::text[]) WITH ORDINALITY AS u(w, i), plainto_tsquery('english', w) AS q WHERE numnode(q) > 0),
       query AS (
         SELECT (SELECT array_to_string(array_agg('(' || q::text || ')'), ' | ') FROM terms)::tsquery AS q
         WHERE EXISTS (SELECT 1 FROM terms)),
       total AS (
         SELECT coalesce((SELECT value::float8 FROM meta WHERE key = 'doc_count'), 0) AS docs,
           coalesce((SELECT value::float8 FROM meta WHERE key = 'doc_tokens'), 0) AS tokens),
       weighted AS (
         SELECT terms.i, terms.lex, greatest(ln((total.docs - df.n + 0.5) / (df.n + 0.5)), 1e-6) AS idf
         FROM terms, total,
           LATERAL (SELECT count(*) AS n FROM (SELECT 1 FROM articles a WHERE a.search @@ terms.q LIMIT ${SEARCH_RANKED}) x) df),
       newest AS (
         SELECT a.id, a.story_id, a.search, a.doc_len FROM articles a, query
         WHERE a.search @@ query.q AND a.story_id IS NOT NULL
         ORDER BY a.id DESC LIMIT ${SEARCH_RANKED}),
       -- ts_rank (C, cheap) picks the SEARCH_SCORED worth scoring exactly; fewer matches: all of them.
       shortlist AS (
         SELECT n.* FROM newest n, query ORDER BY ts_rank('{0.1, 0.1, 0.25, 1.0}', n.search, query.q, 1) DESC, n.id DESC
         LIMIT ${SEARCH_SCORED}),
       hits AS (
         SELECT n.id, n.story_id, n.doc_len, u.lexeme,
           4 * coalesce(cardinality(array_positions(u.weights, 'A')), 0) + coalesce(cardinality(array_positions(u.weights, 'B')), 0) AS f
         FROM shortlist n, LATERAL unnest(n.search) u
         WHERE u.lexeme = ANY(array(SELECT l FROM weighted, unnest(weighted.lex) AS l))),
       per_word AS (
         SELECT h.id, h.story_id, h.doc_len, w.idf, min(h.f) AS f
         FROM hits h JOIN weighted w ON h.lexeme = ANY(w.lex)
         GROUP BY h.id, h.story_id, h.doc_len, w.i, w.idf, w.lex
         HAVING count(*) = cardinality(w.lex)),
       scored AS (
         SELECT p.story_id,
           sum(p.idf * p.f * 2.2 / (p.f + 1.2 * (0.25 + 0.75 * p.doc_len / greatest(total.tokens / greatest(total.docs, 1), 1)))) AS score
         FROM per_word p, total
         GROUP BY p.id, p.story_id)
       SELECT s.id, s.headline, s.storyline_id, s.created_at, s.updated_at, s.first_seen_at, s.last_seen_at, s.event_to,
         s.article_count, max(m.score) + 0.25 * ln(count(*)) AS score
       FROM scored m JOIN stories s ON s.id = m.story_id
       GROUP BY s.id ORDER BY score DESC, s.updated_at DESC, s.id DESC LIMIT $2`,
      [chosen, limit],
    );
    return rows.map(toStory);
  }

  async findStoryCandidates(q: StoryCandidateQuery): Promise<Array<{ storyId: number; hits: number }>> {
    const terms = [...new Set(q.terms)];
    if (!terms.length) return [];
    const rows = await this.q(
      `SELECT p.story_id, count(*) AS hits
       FROM unnest($1::text[]) AS k
       CROSS JOIN LATERAL (
         SELECT story_id FROM story_terms WHERE term = k AND t BETWEEN $2 AND $3
         ORDER BY t DESC, story_id DESC LIMIT $4) p
       GROUP BY p.story_id`,
      [terms, q.from ?? Number.MIN_SAFE_INTEGER, q.to ?? Number.MAX_SAFE_INTEGER, q.perTerm],
    );
    return rows.map((r) => ({ storyId: Number(r.story_id), hits: Number(r.hits) })).sort((a, b) => b.hits - a.hits || b.storyId - a.storyId);
  }

  async getStoryProfiles(ids: number[]): Promise<StoryProfile[]> {
    if (!ids.length) return [];
    const rows = await this.q(
      `SELECT id, storyline_id, headline, headline_score, centroid, title_terms, article_count, event_from, event_to, last_article_id
       FROM stories WHERE id = ANY($1::bigint[])`,
      [[...new Set(ids)]],
    );
    const byId = new Map<number, StoryProfile>();
    for (const r of rows) {
      const p: StoryProfile = {
        storyId: Number(r.id),
        headline: String(r.headline),
        headlineScore: Number(r.headline_score),
        centroid: json<Record<string, number>>(r.centroid),
        titleTerms: json<string[]>(r.title_terms),
        articleCount: Number(r.article_count),
        lastArticleId: Number(r.last_article_id),
      };
      const line = num(r.storyline_id);
      if (line !== undefined) p.storylineId = line;
      const from = num(r.event_from);
      if (from !== undefined) p.eventFrom = from;
      const to = num(r.event_to);
      if (to !== undefined) p.eventTo = to;
      byId.set(p.storyId, p);
    }
    // In the order asked for, as the SQLite store answers (a repeated id: one copy each time).
    return ids.flatMap((id) => {
      const p = byId.get(id);
      return p ? [{ ...p, centroid: { ...p.centroid }, titleTerms: [...p.titleTerms] }] : [];
    });
  }

  async createStoryline(title: string, createdAt: string): Promise<number> {
    const [r] = await this.q('INSERT INTO storylines (title, created_at, updated_at) VALUES ($1, $2, $2) RETURNING id', [title, createdAt]);
    return Number(r!.id);
  }

  async linkStoryToStoryline(storyId: number, storylineId: number): Promise<void> {
    const [line] = await this.q('SELECT id FROM storylines WHERE id = $1', [storylineId]);
    if (!line) throw new Error(`no storyline ${storylineId}`);
    const res = await this.db.query('UPDATE stories SET storyline_id = $1 WHERE id = $2', [storylineId, storyId]);
    if (!res.rowCount) throw new Error(`no story ${storyId}`);
    await this.widenStorylineOfStory(storyId);
  }

  async getStoryline(id: number): Promise<Storyline | undefined> {
    const [r] = await this.q('SELECT id, title, created_at, updated_at FROM storylines WHERE id = $1', [id]);
    return r && { id: Number(r.id), title: String(r.title), createdAt: String(r.created_at), updatedAt: String(r.updated_at) };
  }

  async getStorylineProfile(id: number): Promise<StorylineProfile | undefined> {
    const [r] = await this.q('SELECT event_from, event_to FROM storylines WHERE id = $1', [id]);
    if (!r) return undefined;
    const p: StorylineProfile = { storylineId: id };
    const from = num(r.event_from);
    if (from !== undefined) p.eventFrom = from;
    const to = num(r.event_to);
    if (to !== undefined) p.eventTo = to;
    return p;
  }

  async listStorylineStories(id: number): Promise<Story[]> {
    return (await this.q(`SELECT ${STORY_COLS} FROM stories WHERE storyline_id = $1 ORDER BY first_seen_at, id`, [id])).map(toStory);
  }

  async loadTermStats(): Promise<TermStats> {
    const df = new Map<string, number>();
    for (const r of await this.q('SELECT term, df FROM term_stats')) df.set(String(r.term), Number(r.df));
    const [docs] = await this.q("SELECT value FROM meta WHERE key = 'docs'");
    return { docs: Number(docs?.value ?? 0), df };
  }

  /** In batches of TERM_BATCH rows, terms in byte order (two writers lock rows in one order). */
  async addTermStats(docs: number, delta: Map<string, number>): Promise<void> {
    await this.q(
      `INSERT INTO meta (key, value) VALUES ('docs', $1::bigint::text)
       ON CONFLICT (key) DO UPDATE SET value = (meta.value::bigint + excluded.value::bigint)::text`,
      [docs],
    );
    const terms = [...delta.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (let i = 0; i < terms.length; i += TERM_BATCH) {
      const batch = terms.slice(i, i + TERM_BATCH);
      await this.q(
        `INSERT INTO term_stats (term, df) SELECT * FROM unnest($1::text[], $2::bigint[])
         ON CONFLICT (term) DO UPDATE SET df = term_stats.df + excluded.df`,
        [batch, batch.map((t) => delta.get(t)!)],
      );
    }
  }

  async getValidators(url: string): Promise<Validators | undefined> {
    const [r] = await this.q('SELECT etag, last_modified FROM http_validators WHERE url = $1', [url]);
    if (!r) return undefined;
    const v: Validators = {};
    const etag = str(r.etag);
    if (etag !== undefined) v.etag = etag;
    const lastModified = str(r.last_modified);
    if (lastModified !== undefined) v.lastModified = lastModified;
    return v;
  }

  async setValidators(url: string, v: Validators): Promise<void> {
    await this.q(
      `INSERT INTO http_validators (url, etag, last_modified) VALUES ($1, $2, $3)
       ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified`,
      [url, v.etag ?? null, v.lastModified ?? null],
    );
  }
}

const READS = [
  'getArticle', 'findArticleByUrl', 'findArticleByHash', 'findNearCopyCandidates', 'countArticles', 'lastArticleId', 'getStory',
  'listStories', 'countStories', 'searchStories', 'findStoryCandidates', 'getStoryProfiles', 'getStoryline', 'getStorylineProfile',
  'listStorylineStories', 'loadTermStats', 'getValidators',
] as const;
const WRITES = [
  'insertArticle', 'createStory', 'addArticleToStory', 'updateStory', 'createStoryline', 'linkStoryToStoryline',
  'addTermStats', 'setValidators',
] as const;

type Method = (...args: unknown[]) => Promise<unknown>;

/**
 * A Store over `pool`; the pool is the caller's (close() leaves it open). Call init() before use:
 * it applies the PostgreSQL migrations (this one's tables with the small ports').
 */
export function createPgStore(pool: PgPool, opts: PgStoreOptions = {}): Store {
  // Top-level transactions (and writes outside one) queue behind each other in this process.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  /** The Store inside a transaction: everything on its connection; a nested call is a savepoint. */
  const txStore = (client: PgClient, depth: { n: number }): Store => {
    const ops = new Ops(client as unknown as Queryable);
    const facade: Record<string, unknown> = {};
    for (const name of [...READS, ...WRITES]) facade[name] = (...args: unknown[]) => (ops[name] as unknown as Method).apply(ops, args);
    facade.init = async () => {};
    facade.close = async () => {};
    facade.transaction = async <T>(fn: (tx: Store) => Promise<T>): Promise<T> => {
      const name = `sp${++depth.n}`;
      await client.query(`SAVEPOINT ${name}`);
      try {
        const result = await fn(facade as unknown as Store);
        await client.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (err) {
        // A connection the enclosing transaction lost (the server gone): its COMMIT fails and says so.
        await client.query(`ROLLBACK TO SAVEPOINT ${name}`).then(() => client.query(`RELEASE SAVEPOINT ${name}`), () => undefined);
        throw err;
      } finally {
        depth.n--;
      }
    };
    return facade as unknown as Store;
  };

  const transaction = <T>(fn: (tx: Store) => Promise<T>): Promise<T> =>
    serial(() =>
      withTransaction(pool, async (client) => {
        // One writer at a time in the schema, whatever process it is in (SQLite: BEGIN IMMEDIATE).
        await client.query(`SELECT pg_advisory_xact_lock($1, ${SCHEMA_KEY})`, [WRITE_LOCK]);
        return fn(txStore(client, { n: 0 }));
      }),
    );

  const reads = new Ops(pool as unknown as Queryable);
  const facade: Record<string, unknown> = {};
  for (const name of READS) facade[name] = (...args: unknown[]) => (reads[name] as unknown as Method).apply(reads, args);
  for (const name of WRITES) {
    // A write of its own: a transaction of its own (a story and its index terms together).
    facade[name] = (...args: unknown[]) => transaction((tx) => (tx[name] as unknown as Method).apply(tx, args));
  }
  facade.init = async () => {
    await migratePostgres(pool, { ...(opts.schema !== undefined ? { schema: opts.schema } : {}), ...(opts.where !== undefined ? { where: opts.where } : {}) });
  };
  // Waits for the writes queued before it; the pool stays open (its owner ends it).
  facade.close = () => serial(async () => {});
  facade.transaction = transaction;
  return facade as unknown as Store;
}
