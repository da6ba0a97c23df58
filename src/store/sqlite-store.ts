// SQLite implementation of the Store port (embedded mode), on better-sqlite3.
// better-sqlite3 is synchronous; the async facade serialises writers so that a transaction opened
// by one caller never swallows another caller's writes.
import Database from 'better-sqlite3';
import type { Article, Story, StoryWithArticles, Storyline } from '../domain/types.js';
import { UserError } from '../domain/errors.js';
import { isStopword, words } from '../analyze/text.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { RecentKeyIndex } from './recent-key-index.js';
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
  TermVector,
  Validators,
} from './store.js';

import { iso, num, packSignature, str, toArticle, toStory, unpackSignature, type Row } from './rows.js';



/** FTS5 query from free text: each word quoted (so operators and quotes are plain text), ORed. */
export function ftsQuery(topic: string): string | undefined {
  const all = [...new Set(words(topic))].filter((w) => w.length > 1 || /\d/.test(w));
  const content = all.filter((w) => !isStopword(w));
  const chosen = (content.length ? content : all).slice(0, 32);
  if (!chosen.length) return undefined;
  return chosen.map((w) => `"${w.replace(/"/g, '""')}"`).join(' OR ');
}

const STORY_COLS = 'id, headline, storyline_id, created_at, updated_at, first_seen_at, last_seen_at, article_count, event_to';

/** Articles read per LSH key: a text copied a thousand times must not make every lookup slow. */
const LSH_POSTINGS = 200;
/**
 * Near-copy lookups cover this many of the most recent articles (their LSH keys are indexed in
 * memory, ~20 MB at most): syndicated copies follow the original within days.
 */
export const NEAR_COPY_WINDOW = 20_000;
/**
 * A topic search ranks at most this many matching articles, the newest: ranking (bm25) re-reads
 * and tokenises each matching article (the index keeps no positions, detail=column), ~25 us each,
 * so a word in every article would take seconds at 100,000 articles and block the bot's event
 * loop. A topic with fewer matches ranks them all, as before; the article queries (actor, phase,
 * timeline) read the newest matches too.
 */
export const SEARCH_RANKED = 5000;
/** Parsed story profiles kept in memory: scoring reads ~20 candidate profiles per article. */
const PROFILE_CACHE = 2048;

class SqliteStoreImpl {
  readonly db: Database.Database;
  private st!: ReturnType<SqliteStoreImpl['prepareAll']>;
  private ready = false;
  /** Open transaction levels: 0 none, 1 a transaction, more: savepoints inside it. */
  private depth = 0;
  /**
   * Full-text rows of articles inserted in the open transaction, indexed just before COMMIT: FTS5
   * flushes its pending index at every savepoint, so indexing per article costs a segment each.
   */
  private ftsQueue: Array<[number, string, string]> = [];
  /** LRU (Map order) of parsed profiles; entries are dropped on write and all of it on rollback. */
  private profileCache = new Map<number, StoryProfile>();
  private updateStatements = new Map<string, Database.Statement>();
  /** data_version when the cache was last known good: it changes when another connection commits. */
  private dataVersion = -1;
  /** LSH keys of the recent articles, loaded on first use from article_lsh_log; cleared on rollback. */
  private nearIndex = new RecentKeyIndex(NEAR_COPY_WINDOW);
  private nearLoaded = false;
  private nearVersion = -1;

  constructor(private readonly path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // WAL + NORMAL: a commit is durable against a process crash; an OS crash may lose the last one.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('cache_size = -65536');
    this.db.pragma('temp_store = MEMORY');
    // Checkpoint every ~40 MB of WAL rather than 4 MB: a page rewritten by many commits (index
    // pages are) is copied back once, and the checkpoint's fsync is paid 10x less often.
    this.db.pragma('wal_autocheckpoint = 10000');
  }

  /**
   * Run fn in a transaction, or in a savepoint when one is open: a failing nested call rolls back
   * its own writes only. Nested calls must run one after another (the pipeline's batch does).
   */
  async atomically<T>(fn: () => Promise<T>): Promise<T> {
    const top = this.depth === 0;
    const name = `sp${this.depth}`;
    const mark = this.ftsQueue.length;
    this.db.exec(top ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${name}`);
    this.depth++;
    try {
      const result = await fn();
      if (top) {
        this.flushFts();
        this.db.exec('COMMIT');
      } else {
        this.db.exec(`RELEASE ${name}`);
      }
      return result;
    } catch (err) {
      this.profileCache.clear();
      // Rolled-back articles may be in it: rebuilt from the database on next use.
      this.nearIndex.clear();
      this.nearLoaded = false;
      if (top) {
        this.ftsQueue = [];
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
      } else {
        this.ftsQueue.length = mark;
        // SQLite may already have rolled back the whole transaction (e.g. disk full): then the
        // enclosing COMMIT fails too and the caller learns of it there.
        if (this.db.inTransaction) {
          this.db.exec(`ROLLBACK TO ${name}`);
          this.db.exec(`RELEASE ${name}`);
        }
      }
      throw err;
    } finally {
      this.depth--;
    }
  }

  private flushFts(): void {
    for (const [id, title, text] of this.ftsQueue) this.s.insertFts.run(id, title, text);
    this.ftsQueue = [];
  }

  /** Cache a profile; its centroid and title terms are frozen (shared with every reader). */
  private cacheProfile(p: StoryProfile): void {
    Object.freeze(p.centroid);
    Object.freeze(p.titleTerms);
    this.profileCache.delete(p.storyId);
    this.profileCache.set(p.storyId, p);
    if (this.profileCache.size > PROFILE_CACHE) this.profileCache.delete(this.profileCache.keys().next().value!);
  }

  /** Write-through: a cached profile gets the change just written (not re-read and re-parsed). */
  private patchProfile(id: number, patch: Partial<StoryProfile>): void {
    const old = this.profileCache.get(id);
    if (old) this.cacheProfile({ ...old, ...patch });
  }

  init(migrations: readonly Migration[] = MIGRATIONS): void {
    this.db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const applied = new Set(
      (this.db.prepare('SELECT version FROM schema_migrations').all() as Row[]).map((r) => Number(r.version)),
    );
    // A database a newer release has migrated: its schema is not ours to read or write.
    const known = new Set(migrations.map((m) => m.version));
    const unknown = [...applied].filter((v) => !known.has(v));
    if (unknown.length > 0) {
      throw new UserError(
        'unavailable',
        `${this.path}: written by a newer newsbrief (schema version ${Math.max(...applied)}, this release knows up to ${Math.max(0, ...known)}); upgrade newsbrief or use another --db`,
      );
    }
    const record = this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const isApplied = this.db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
    // IMMEDIATE, and looked up again inside: processes starting together on a new file (queue
    // mode's workers) apply each migration once; the others find it applied and go on.
    const apply = this.db.transaction((m: Migration) => {
      if (isApplied.get(m.version)) return;
      this.db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    });
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      apply.immediate(m);
    }
    if (!this.ready) {
      this.st = this.prepareAll();
      this.ready = true;
    }
  }

  private prepareAll() {
    const p = (sql: string) => this.db.prepare(sql);
    return {
      insertArticle: p(`INSERT INTO articles (url, outlet, title, text, published_at, language, content_hash, via,
        ingested_at, near_copy_of, minhash, story_id) VALUES (@url, @outlet, @title, @text, @publishedAt, @language,
        @contentHash, @via, @ingestedAt, @nearCopyOf, @minhash, @storyId)`),
      insertFts: p('INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)'),
      insertLshLog: p('INSERT INTO article_lsh_log (article_id, keys) VALUES (?, ?)'),
      lshLogAfter: p('SELECT article_id, keys FROM article_lsh_log WHERE article_id > ? ORDER BY article_id'),
      lshLogRecent: p(`SELECT article_id, keys FROM
        (SELECT article_id, keys FROM article_lsh_log ORDER BY article_id DESC LIMIT ?) ORDER BY article_id`),
      articleById: p('SELECT * FROM articles WHERE id = ?'),
      articleByUrl: p('SELECT * FROM articles WHERE url = ?'),
      articleByHash: p('SELECT * FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1'),
      dataVersion: p('PRAGMA data_version').pluck(),
      articleSignature: p('SELECT story_id, minhash FROM articles WHERE id = ?'),
      countArticles: p('SELECT count(*) AS n FROM articles'),
      countStories: p('SELECT count(*) FROM stories').pluck(),
      lastArticleId: p('SELECT coalesce(max(id), 0) FROM articles').pluck(),
      insertStory: p(`INSERT INTO stories (headline, headline_score, created_at, updated_at, first_seen_at,
        last_seen_at, article_count, centroid, title_terms, event_from, event_to)
        VALUES (@headline, @headlineScore, @createdAt, @createdAt, @createdAt, @createdAt, 0, @centroid,
        @titleTerms, @eventFrom, @eventTo)`),
      storyRow: p('SELECT * FROM stories WHERE id = ?'),
      setArticleStory: p('UPDATE articles SET story_id = ? WHERE id = ?'),
      storyDates: p(`UPDATE stories SET article_count = article_count + 1, updated_at = @updatedAt,
        first_seen_at = @first, last_seen_at = @last, last_article_id = max(last_article_id, @articleId) WHERE id = @id`),
      storyArticles: p('SELECT * FROM articles WHERE story_id = ? ORDER BY coalesce(published_at, ingested_at), id'),
      deleteStoryTerms: p('DELETE FROM story_terms WHERE story_id = ?'),
      storyTerms: p('SELECT term, t FROM story_terms WHERE story_id = ?'),
      deleteStoryTerm: p('DELETE FROM story_terms WHERE term = ? AND t = ? AND story_id = ?'),
      articleDates: p('SELECT published_at, ingested_at, story_id FROM articles WHERE id = ?'),
      storyDatesRow: p('SELECT article_count, first_seen_at, last_seen_at, updated_at, last_article_id FROM stories WHERE id = ?'),
      insertStoryTerm: p('INSERT OR IGNORE INTO story_terms (term, t, story_id) VALUES (?, ?, ?)'),
      termPostings: p('SELECT story_id FROM story_terms WHERE term = ? AND t BETWEEN ? AND ? ORDER BY t DESC LIMIT ?').pluck(),
      profiles: p(`SELECT id, storyline_id, headline, headline_score, centroid, title_terms, article_count, event_from,
        event_to, last_article_id FROM stories WHERE id IN (SELECT value FROM json_each(?))`),
      listAll: p(`SELECT ${STORY_COLS} FROM stories WHERE updated_at >= ? ORDER BY updated_at DESC, id DESC LIMIT ?`),
      // The oldest of the newest SEARCH_RANKED matches (none when fewer match): the doclist in rowid
      // order, no ranking, milliseconds. The search orders by bm25() (what `rank` is) rather than
      // `rank`: FTS5's ORDER BY rank plan ranks every match and ignores the rowid bound.
      searchFloor: p(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ${SEARCH_RANKED - 1}`).pluck(),
      search: p(`SELECT s.id, s.headline, s.storyline_id, s.created_at, s.updated_at, s.first_seen_at, s.last_seen_at, s.event_to,
          s.article_count, max(m.score) + 0.25 * ln(count(*)) AS score
        FROM (SELECT a.story_id AS story_id, -bm25(articles_fts, 4.0, 1.0) AS score
              FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
              WHERE articles_fts MATCH ? AND articles_fts.rowid >= ? ORDER BY bm25(articles_fts) LIMIT 1000) m
        JOIN stories s ON s.id = m.story_id
        GROUP BY s.id ORDER BY score DESC, s.updated_at DESC LIMIT ?`),
      insertStoryline: p(`INSERT INTO storylines (title, created_at, updated_at) VALUES (?, ?, ?)`),
      storylineRow: p('SELECT * FROM storylines WHERE id = ?'),
      linkStory: p('UPDATE stories SET storyline_id = ? WHERE id = ?'),
      widenStorylineOfStory: p(`UPDATE storylines SET
          event_from = CASE WHEN s.event_from IS NULL THEN storylines.event_from
            ELSE min(coalesce(storylines.event_from, s.event_from), s.event_from) END,
          event_to = CASE WHEN s.event_to IS NULL THEN storylines.event_to
            ELSE max(coalesce(storylines.event_to, s.event_to), s.event_to) END,
          updated_at = max(storylines.updated_at, s.updated_at)
        FROM (SELECT storyline_id, event_from, event_to, updated_at FROM stories WHERE id = ?) s
        WHERE storylines.id = s.storyline_id`),
      storylineStories: p(`SELECT ${STORY_COLS} FROM stories WHERE storyline_id = ? ORDER BY first_seen_at, id`),
      allTermStats: p('SELECT term, df FROM term_stats'),
      addTermStat: p('INSERT INTO term_stats (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df'),
      getMeta: p('SELECT value FROM meta WHERE key = ?'),
      setMeta: p('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      getValidators: p('SELECT etag, last_modified FROM http_validators WHERE url = ?'),
      setValidators: p(`INSERT INTO http_validators (url, etag, last_modified) VALUES (?, ?, ?)
        ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified`),
    };
  }

  private get s() {
    if (!this.ready) throw new Error('store not initialised: call init() first');
    return this.st;
  }

  insertArticle(a: NewArticle): number {
    // Another process's articles come before this one in the key index (ids ascend).
    if (this.nearLoaded) this.syncNearIndex();
    const info = this.s.insertArticle.run({
      url: a.url,
      outlet: a.outlet ?? null,
      title: a.title,
      text: a.text,
      publishedAt: a.publishedAt ?? null,
      language: a.language,
      contentHash: a.contentHash,
      via: a.via,
      ingestedAt: a.ingestedAt,
      nearCopyOf: a.nearCopyOf ?? null,
      minhash: a.minhash.length ? packSignature(a.minhash) : null,
      storyId: a.storyId ?? null,
    });
    const id = Number(info.lastInsertRowid);
    if (this.depth > 0) this.ftsQueue.push([id, a.title, a.text]);
    else this.s.insertFts.run(id, a.title, a.text);
    if (a.lshKeys.length) {
      this.s.insertLshLog.run(id, JSON.stringify(a.lshKeys));
      if (this.nearLoaded) this.nearIndex.add(id, a.lshKeys);
    }
    return id;
  }

  getArticle(id: number): Article | undefined {
    const r = this.s.articleById.get(id) as Row | undefined;
    return r && toArticle(r);
  }

  findArticleByUrl(url: string): Article | undefined {
    const r = this.s.articleByUrl.get(url) as Row | undefined;
    return r && toArticle(r);
  }

  findArticleByHash(hash: string): Article | undefined {
    const r = this.s.articleByHash.get(hash) as Row | undefined;
    return r && toArticle(r);
  }

  findNearCopyCandidates(keys: string[], limit = 20): NearCopyCandidate[] {
    if (!keys.length) return [];
    this.syncNearIndex();
    // A key's posting list is read only so far.
    const shared = this.nearIndex.shared(keys, LSH_POSTINGS);
    if (!shared.size) return [];
    const ids = [...shared].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit);
    return ids.flatMap(([id]) => {
      const r = this.s.articleSignature.get(id) as Row | undefined;
      if (!r) return [];
      const c: NearCopyCandidate = { articleId: id, minhash: unpackSignature(r.minhash) };
      const storyId = num(r.story_id);
      if (storyId !== undefined) c.storyId = storyId;
      return [c];
    });
  }

  /** Bring the in-memory key index up to date: load the window once, then what other processes added. */
  private syncNearIndex(): void {
    const version = Number(this.s.dataVersion.get());
    if (this.nearLoaded && version === this.nearVersion) return;
    const rows = (this.nearLoaded
      ? this.s.lshLogAfter.all(this.nearIndex.lastId)
      : this.s.lshLogRecent.all(NEAR_COPY_WINDOW)) as Row[];
    for (const r of rows) this.nearIndex.add(Number(r.article_id), JSON.parse(String(r.keys)) as string[]);
    this.nearLoaded = true;
    this.nearVersion = version;
  }

  countArticles(): number {
    return Number((this.s.countArticles.get() as Row).n);
  }

  countStories(): number {
    return Number(this.s.countStories.get());
  }

  lastArticleId(): number {
    return Number(this.s.lastArticleId.get());
  }

  createStory(s: NewStory): number {
    const info = this.s.insertStory.run({
      headline: s.headline,
      headlineScore: s.headlineScore,
      createdAt: s.createdAt,
      centroid: JSON.stringify(s.centroid),
      titleTerms: JSON.stringify(s.titleTerms),
      eventFrom: s.eventFrom ?? null,
      eventTo: s.eventTo ?? null,
    });
    const id = Number(info.lastInsertRowid);
    this.indexStory(id, s.indexTerms, s.indexTime);
    const p: StoryProfile = {
      storyId: id,
      headline: s.headline,
      headlineScore: s.headlineScore,
      centroid: shared(s.centroid),
      titleTerms: [...s.titleTerms],
      articleCount: 0,
      lastArticleId: 0,
    };
    if (s.eventFrom !== undefined) p.eventFrom = s.eventFrom;
    if (s.eventTo !== undefined) p.eventTo = s.eventTo;
    this.cacheProfile(p);
    return id;
  }

  /**
   * Replace a story's index terms, touching only the rows that change (fewer dirty pages).
   * No time: keep the one it is indexed at.
   */
  private indexStory(id: number, terms: string[], time: number | undefined): void {
    const rows = this.s.storyTerms.all(id) as Row[];
    const t = Math.round(time ?? (rows.length ? Number(rows[0]!.t) : Date.now()));
    const wanted = new Set(terms);
    for (const r of rows) {
      const term = String(r.term);
      if (Number(r.t) === t && wanted.has(term)) wanted.delete(term);
      else this.s.deleteStoryTerm.run(term, r.t, id);
    }
    for (const term of wanted) this.s.insertStoryTerm.run(term, t, id);
  }

  addArticleToStory(storyId: number, articleId: number): void {
    const story = this.s.storyDatesRow.get(storyId) as Row | undefined;
    const article = this.s.articleDates.get(articleId) as Row | undefined;
    if (!story) throw new Error(`no story ${storyId}`);
    if (!article) throw new Error(`no article ${articleId}`);
    const seen = iso(String(article.published_at ?? article.ingested_at));
    const first = Number(story.article_count) === 0 ? seen : [String(story.first_seen_at), seen].sort()[0]!;
    const last = Number(story.article_count) === 0 ? seen : [String(story.last_seen_at), seen].sort()[1]!;
    const ingestedAt = iso(String(article.ingested_at));
    const empty = Number(story.article_count) === 0;
    const updatedAt = empty || ingestedAt > String(story.updated_at) ? ingestedAt : String(story.updated_at);
    // Set at insert when the story was known then: rewriting a 5 KB row costs its overflow pages.
    if (num(article.story_id) !== storyId) this.s.setArticleStory.run(storyId, articleId);
    this.s.storyDates.run({ id: storyId, updatedAt, first, last, articleId });
    this.patchProfile(storyId, {
      articleCount: Number(story.article_count) + 1,
      lastArticleId: Math.max(Number(story.last_article_id), articleId),
    });
  }

  updateStory(id: number, u: StoryUpdate): void {
    const sets: string[] = [];
    const params: Record<string, unknown> = { id };
    const set = (col: string, key: string, value: unknown) => {
      sets.push(`${col} = @${key}`);
      params[key] = value;
    };
    if (u.headline !== undefined) set('headline', 'headline', u.headline);
    if (u.headlineScore !== undefined) set('headline_score', 'headlineScore', u.headlineScore);
    if (u.centroid !== undefined) set('centroid', 'centroid', JSON.stringify(u.centroid));
    if (u.titleTerms !== undefined) set('title_terms', 'titleTerms', JSON.stringify(u.titleTerms));
    if (u.eventFrom !== undefined) set('event_from', 'eventFrom', u.eventFrom);
    if (u.eventTo !== undefined) set('event_to', 'eventTo', u.eventTo);
    if (sets.length) {
      const sql = `UPDATE stories SET ${sets.join(', ')} WHERE id = @id`;
      let stmt = this.updateStatements.get(sql);
      if (!stmt) this.updateStatements.set(sql, (stmt = this.db.prepare(sql)));
      const info = stmt.run(params);
      if (info.changes === 0) throw new Error(`no story ${id}`);
    }
    this.patchProfile(id, {
      ...(u.headline !== undefined ? { headline: u.headline } : {}),
      ...(u.headlineScore !== undefined ? { headlineScore: u.headlineScore } : {}),
      ...(u.centroid !== undefined ? { centroid: shared(u.centroid) } : {}),
      ...(u.titleTerms !== undefined ? { titleTerms: [...u.titleTerms] } : {}),
      ...(u.eventFrom !== undefined ? { eventFrom: u.eventFrom } : {}),
      ...(u.eventTo !== undefined ? { eventTo: u.eventTo } : {}),
    });
    if (u.indexTerms !== undefined) this.indexStory(id, u.indexTerms, u.indexTime);
    if (u.eventFrom !== undefined || u.eventTo !== undefined) this.s.widenStorylineOfStory.run(id);
  }

  getStory(id: number): StoryWithArticles | undefined {
    const r = this.s.storyRow.get(id) as Row | undefined;
    if (!r) return undefined;
    return { ...toStory(r), articles: (this.s.storyArticles.all(id) as Row[]).map(toArticle) };
  }

  listStories(q: StoryQuery = {}): Story[] {
    const since = q.since ? iso(q.since) : '';
    return (this.s.listAll.all(since, q.limit ?? -1) as Row[]).map(toStory);
  }

  searchStories(topic: string, limit = 10): Story[] {
    const match = ftsQuery(topic);
    if (!match) return [];
    const floor = (this.s.searchFloor.get(match) as number | undefined) ?? 0;
    return (this.s.search.all(match, floor, limit) as Row[]).map(toStory);
  }

  findStoryCandidates(q: StoryCandidateQuery): Array<{ storyId: number; hits: number }> {
    const hits = new Map<number, number>();
    const from = q.from ?? Number.MIN_SAFE_INTEGER;
    const to = q.to ?? Number.MAX_SAFE_INTEGER;
    for (const term of new Set(q.terms)) {
      for (const id of this.s.termPostings.all(term, from, to, q.perTerm) as number[]) {
        hits.set(id, (hits.get(id) ?? 0) + 1);
      }
    }
    return [...hits].map(([storyId, n]) => ({ storyId, hits: n })).sort((a, b) => b.hits - a.hits || b.storyId - a.storyId);
  }

  getStoryProfiles(ids: number[]): StoryProfile[] {
    if (!ids.length) return [];
    const byId = new Map<number, StoryProfile>();
    const cache = this.profileCache;
    // Another process (a CLI run beside the bot) may have changed stories: then start over.
    const version = Number(this.s.dataVersion.get());
    if (version !== this.dataVersion) {
      cache.clear();
      this.dataVersion = version;
    }
    const missing: number[] = [];
    for (const id of ids) {
      const hit = cache.get(id);
      if (!hit) {
        missing.push(id);
        continue;
      }
      this.cacheProfile(hit); // re-inserted: most recently used last
      byId.set(id, hit);
    }
    const rows = missing.length ? (this.s.profiles.all(JSON.stringify(missing)) as Row[]) : [];
    for (const r of rows) {
      const p: StoryProfile = {
        storyId: Number(r.id),
        headline: String(r.headline),
        headlineScore: Number(r.headline_score),
        centroid: JSON.parse(String(r.centroid)) as Record<string, number>,
        titleTerms: JSON.parse(String(r.title_terms)) as string[],
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
      this.cacheProfile(p);
    }
    // Shallow copies: the centroid and title terms are frozen, so no caller can change the cache.
    return ids.flatMap((id) => {
      const p = byId.get(id);
      return p ? [{ ...p }] : [];
    });
  }

  createStoryline(title: string, createdAt: string): number {
    return Number(this.s.insertStoryline.run(title, createdAt, createdAt).lastInsertRowid);
  }

  linkStoryToStoryline(storyId: number, storylineId: number): void {
    if (!this.s.storylineRow.get(storylineId)) throw new Error(`no storyline ${storylineId}`);
    const info = this.s.linkStory.run(storylineId, storyId);
    if (info.changes === 0) throw new Error(`no story ${storyId}`);
    this.patchProfile(storyId, { storylineId });
    this.s.widenStorylineOfStory.run(storyId);
  }

  getStoryline(id: number): Storyline | undefined {
    const r = this.s.storylineRow.get(id) as Row | undefined;
    return r && { id: Number(r.id), title: String(r.title), createdAt: String(r.created_at), updatedAt: String(r.updated_at) };
  }

  getStorylineProfile(id: number): StorylineProfile | undefined {
    const r = this.s.storylineRow.get(id) as Row | undefined;
    if (!r) return undefined;
    const p: StorylineProfile = { storylineId: id };
    const from = num(r.event_from);
    if (from !== undefined) p.eventFrom = from;
    const to = num(r.event_to);
    if (to !== undefined) p.eventTo = to;
    return p;
  }

  listStorylineStories(id: number): Story[] {
    return (this.s.storylineStories.all(id) as Row[]).map(toStory);
  }

  loadTermStats(): TermStats {
    const df = new Map<string, number>();
    for (const r of this.s.allTermStats.iterate() as Iterable<Row>) df.set(String(r.term), Number(r.df));
    const docs = Number((this.s.getMeta.get('docs') as Row | undefined)?.value ?? 0);
    return { docs, df };
  }

  addTermStats(docs: number, delta: Map<string, number>): void {
    const write = (): void => {
      const current = Number((this.s.getMeta.get('docs') as Row | undefined)?.value ?? 0);
      this.s.setMeta.run('docs', String(current + docs));
      for (const [term, n] of delta) this.s.addTermStat.run(term, n);
    };
    // Outside a transaction (the flush at close) one commit for all rows, not one per term.
    if (this.depth > 0) write();
    else this.db.transaction(write).immediate();
  }

  getValidators(url: string): Validators | undefined {
    const r = this.s.getValidators.get(url) as Row | undefined;
    if (!r) return undefined;
    const v: Validators = {};
    const etag = str(r.etag);
    if (etag !== undefined) v.etag = etag;
    const lastModified = str(r.last_modified);
    if (lastModified !== undefined) v.lastModified = lastModified;
    return v;
  }

  setValidators(url: string, v: Validators): void {
    this.s.setValidators.run(url, v.etag ?? null, v.lastModified ?? null);
  }
}

/**
 * A vector for the profile cache: a frozen one as it is (no one can change it, and the packed form
 * cosine() keeps for it stays valid), else a copy (the caller may change its own).
 */
function shared(v: TermVector): TermVector {
  return Object.isFrozen(v) ? v : { ...v };
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

/** Open (or create) a SQLite store at `path`. Call init() before use. */
export function createSqliteStore(path: string, migrations: readonly Migration[] = MIGRATIONS): Store {
  const impl = new SqliteStoreImpl(path);
  // Writers queue behind each other; a transaction holds the queue until it commits or rolls back.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => T | Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const build = (inTx: boolean): Store => {
    const facade: Record<string, unknown> = {};
    for (const name of READS) {
      facade[name] = async (...args: unknown[]) => (impl[name] as (...a: unknown[]) => unknown).apply(impl, args);
    }
    for (const name of WRITES) {
      const call = (...args: unknown[]) => (impl[name] as (...a: unknown[]) => unknown).apply(impl, args);
      facade[name] = inTx ? async (...args: unknown[]) => call(...args) : (...args: unknown[]) => serial(() => call(...args));
    }
    facade.init = () => serial(() => impl.init(migrations));
    facade.close = () => serial(() => {
      if (impl.db.open) impl.db.close();
    });
    facade.transaction = inTx
      ? <T>(fn: (tx: Store) => Promise<T>) => impl.atomically(() => fn(txStore)) // nested: a savepoint
      : <T>(fn: (tx: Store) => Promise<T>) => serial(() => impl.atomically(() => fn(txStore)));
    return facade as unknown as Store;
  };
  const txStore: Store = build(true);
  return build(false);
}
