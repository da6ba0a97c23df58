// Versioned schema migrations for the PostgreSQL store (ADR 023): numbered on their own (the SQLite
// file's numbers are its own), recorded in schema_migrations. Append only: never edit a released
// migration, add the next number. Each runs in its own transaction (PostgreSQL's DDL is
// transactional), under an advisory lock so that processes starting together migrate once.
//
// Times are TEXT holding the caller's ISO strings, as in SQLite: they come back exactly as given,
// and compare as times in the one form toISOString writes. Text that is ordered or compared is
// COLLATE "C" (byte order, as SQLite's), never the database's locale. JSON arrays are jsonb.
import { UserError } from '../../domain/errors.js';
import { checkSchemaName, redactUrl, type PgPool } from './pool.js';

export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'channels, delivery ledger, source polls, briefing cache and model usage, story posts',
    // The small ports first (SQLite migrations 5-10 in one); the archive (articles, stories,
    // full-text search) comes in later migrations.
    sql: `
      CREATE TABLE channel_sources (
        platform TEXT COLLATE "C" NOT NULL,
        workspace_id TEXT COLLATE "C" NOT NULL,
        channel_id TEXT COLLATE "C" NOT NULL,
        url TEXT COLLATE "C" NOT NULL,
        added_by TEXT,
        added_at TEXT COLLATE "C" NOT NULL,
        poll_every_ms INTEGER,
        -- Insertion order among sources added at the same time (SQLite's rowid).
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (platform, workspace_id, channel_id, url)
      );
      CREATE TABLE channel_subscriptions (
        platform TEXT COLLATE "C" NOT NULL,
        workspace_id TEXT COLLATE "C" NOT NULL,
        channel_id TEXT COLLATE "C" NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('topic', 'actor', 'all')),
        value TEXT COLLATE "C" NOT NULL,
        added_by TEXT,
        added_at TEXT COLLATE "C" NOT NULL,
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (platform, workspace_id, channel_id, kind, value)
      );
      -- A value matches without regard to case. lower() under "C" folds ASCII only, as SQLite's
      -- NOCASE does: values SQLite kept apart stay apart here (an archive carried over fits).
      CREATE UNIQUE INDEX channel_subscriptions_nocase ON channel_subscriptions (platform, workspace_id, channel_id, kind, lower(value));
      CREATE INDEX channel_subscriptions_channel ON channel_subscriptions (platform, workspace_id, channel_id);
      CREATE TABLE channel_settings (
        platform TEXT COLLATE "C" NOT NULL,
        workspace_id TEXT COLLATE "C" NOT NULL,
        channel_id TEXT COLLATE "C" NOT NULL,
        digest_time TEXT,
        time_zone TEXT,
        quiet_days TEXT CHECK (quiet_days IN ('post', 'skip')),
        story_posts TEXT CHECK (story_posts IN ('on', 'off')),
        updated_by TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace_id, channel_id)
      );

      CREATE TABLE deliveries (
        key TEXT COLLATE "C" PRIMARY KEY,
        state TEXT NOT NULL CHECK (state IN ('claimed', 'sent', 'failed', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 1,
        message_id TEXT,
        last_error TEXT,
        claimed_at TEXT COLLATE "C" NOT NULL,
        sent_at TEXT,
        retry_at TEXT
      );
      CREATE INDEX deliveries_claimed ON deliveries (claimed_at DESC, key);
      CREATE INDEX deliveries_failed ON deliveries (claimed_at DESC, key) WHERE state IN ('failed', 'dead');
      CREATE TABLE digest_cursors (
        channel TEXT COLLATE "C" PRIMARY KEY,
        last_digest_at TEXT COLLATE "C" NOT NULL
      );

      CREATE TABLE source_polls (
        url TEXT COLLATE "C" PRIMARY KEY,
        -- BIGINT: NEWSBRIEF_POLL_INTERVAL has no upper bound, and 25 days of ms pass INTEGER's.
        interval_ms BIGINT NOT NULL,
        next_due_at TEXT COLLATE "C" NOT NULL,
        last_polled_at TEXT,
        last_success_at TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
      );
      CREATE INDEX source_polls_due ON source_polls (next_due_at, url);

      CREATE TABLE briefing_cache (
        key TEXT PRIMARY KEY,
        briefing JSONB NOT NULL,
        model TEXT NOT NULL,
        prompt_version TEXT NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX briefing_cache_created ON briefing_cache (created_at);
      CREATE TABLE model_usage (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        day TEXT COLLATE "C" NOT NULL,
        at TEXT NOT NULL,
        model TEXT COLLATE "C" NOT NULL,
        workspace TEXT COLLATE "C" NOT NULL DEFAULT '',
        tokens_in INTEGER NOT NULL,
        tokens_out INTEGER NOT NULL
      );
      CREATE INDEX model_usage_day ON model_usage (day, workspace);

      CREATE TABLE story_posts (
        channel TEXT COLLATE "C" NOT NULL,
        story_id BIGINT NOT NULL,
        message_id TEXT NOT NULL,
        thread_id TEXT,
        takeaways JSONB NOT NULL,
        article_ids JSONB NOT NULL,
        version INTEGER NOT NULL,
        last_post_at TEXT NOT NULL,
        seen_updated_at TEXT NOT NULL,
        PRIMARY KEY (channel, story_id)
      );
      CREATE TABLE story_post_channels (
        channel TEXT COLLATE "C" PRIMARY KEY,
        after_story_id BIGINT NOT NULL,
        started_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'the archive: articles, stories, storylines, story term index, cluster statistics, near-copy keys, HTTP validators',
    // The main Store (SQLite migrations 1-3 in one; ADR 023 "The main Store"). Ids are identities
    // (arrival order, as SQLite's rowids). Story and storyline dates are epoch ms (BIGINT); the
    // centroid and title terms are json (not jsonb: the text comes back as written, keys in their
    // order, so clustering sums the same floats in the same order as over SQLite).
    sql: `
      CREATE TABLE storylines (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        title TEXT NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL,
        updated_at TEXT COLLATE "C" NOT NULL,
        event_from BIGINT,
        event_to BIGINT
      );
      CREATE TABLE stories (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        headline TEXT NOT NULL,
        headline_score DOUBLE PRECISION NOT NULL DEFAULT 0,
        storyline_id BIGINT REFERENCES storylines(id),
        created_at TEXT COLLATE "C" NOT NULL,
        updated_at TEXT COLLATE "C" NOT NULL,
        first_seen_at TEXT COLLATE "C" NOT NULL,
        last_seen_at TEXT COLLATE "C" NOT NULL,
        article_count INTEGER NOT NULL DEFAULT 0,
        centroid JSON NOT NULL DEFAULT '{}',
        title_terms JSON NOT NULL DEFAULT '[]',
        event_from BIGINT,
        event_to BIGINT,
        last_article_id BIGINT NOT NULL DEFAULT 0
      );
      CREATE INDEX stories_updated_at ON stories (updated_at, id);
      CREATE INDEX stories_storyline ON stories (storyline_id, first_seen_at, id);
      CREATE TABLE articles (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        url TEXT COLLATE "C" NOT NULL UNIQUE,
        outlet TEXT,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        published_at TEXT COLLATE "C",
        language TEXT NOT NULL,
        content_hash TEXT COLLATE "C" NOT NULL,
        via TEXT NOT NULL,
        ingested_at TEXT COLLATE "C" NOT NULL,
        story_id BIGINT REFERENCES stories(id),
        near_copy_of BIGINT REFERENCES articles(id),
        -- The MinHash signature, packed as SQLite packs it (uint32 little-endian).
        minhash BYTEA,
        -- Its length in tokens as FTS5 counts them (bm25's length normalisation).
        doc_len INTEGER NOT NULL DEFAULT 0,
        -- Full-text search (SQLite: FTS5, porter stemmer): title weighted A, text B. The text's
        -- first 300,000 characters: a tsvector holds at most 1 MB, and any text that long stays
        -- under it (FTS5 has no such limit; positions past 16,383 are one position here anyway).
        search TSVECTOR GENERATED ALWAYS AS (
          setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', left(text, 300000)), 'B')) STORED
      );
      CREATE INDEX articles_content_hash ON articles (content_hash, id);
      CREATE INDEX articles_story ON articles (story_id);
      CREATE INDEX articles_search ON articles USING GIN (search);
      -- LSH band keys of each article's signature (near-copy candidates): a key's postings are read
      -- in article order, bounded, within the window of recent ids.
      CREATE TABLE article_lsh (
        key TEXT COLLATE "C" NOT NULL,
        article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (key, article_id)
      );
      CREATE INDEX article_lsh_article ON article_lsh (article_id);
      -- Inverted index: a story's top terms, at the story's time (bounded lookups, newest first).
      CREATE TABLE story_terms (
        term TEXT COLLATE "C" NOT NULL,
        t BIGINT NOT NULL,
        story_id BIGINT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        PRIMARY KEY (term, t, story_id)
      );
      CREATE INDEX story_terms_story ON story_terms (story_id);
      CREATE TABLE term_stats (
        term TEXT COLLATE "C" PRIMARY KEY,
        df BIGINT NOT NULL
      );
      CREATE TABLE meta (
        key TEXT COLLATE "C" PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE http_validators (
        url TEXT COLLATE "C" PRIMARY KEY,
        etag TEXT,
        last_modified TEXT
      );
    `,
  },
  {
    version: 3,
    name: 'actor aliases; the progress of `newsbrief migrate`',
    // Aliases as SQLite's (migration 4): unique without regard to ASCII case (lower() under "C" is
    // NOCASE). archive_import: which SQLite archive is being carried over, and how far each table
    // got, written in the same transaction as each batch, so a rerun continues where one stopped.
    sql: `
      CREATE TABLE actor_aliases (
        alias TEXT COLLATE "C" NOT NULL,
        canonical TEXT NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL
      );
      CREATE UNIQUE INDEX actor_aliases_nocase ON actor_aliases (lower(alias));
      CREATE TABLE archive_import (
        key TEXT COLLATE "C" PRIMARY KEY,
        value JSONB NOT NULL
      );
    `,
  },
];

/** Any constant of ours: the advisory lock's first key (its second: the schema's hash). */
const MIGRATION_LOCK = 0x6e627267; // "nbrg"
/** The lock's second key: the schema (coalesced: a NULL key would take no lock at all). */
const SCHEMA_KEY = "hashtext(coalesce(current_schema(), ''))";

export interface MigrateOptions {
  /** The schema the pool's search_path names (createPgPool's `schema`): created when missing. */
  schema?: string;
  /** Where the database is, for messages: a URL (its password is hidden) or a name. */
  where?: string;
  migrations?: readonly PgMigration[];
}

/**
 * Brings the database up to this release's schema; returns the versions it applied. Refuses a
 * database a newer release has migrated (a UserError 'unavailable'), touching nothing.
 */
export async function migratePostgres(pool: PgPool, opts: MigrateOptions = {}): Promise<number[]> {
  const migrations = [...(opts.migrations ?? PG_MIGRATIONS)].sort((a, b) => a.version - b.version);
  const where = opts.where ? redactUrl(opts.where) : 'the PostgreSQL database';
  const client = await pool.connect();
  let locked = false;
  try {
    if (opts.schema !== undefined) {
      // Under a lock: two processes creating one schema at once would collide (IF NOT EXISTS is no lock).
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1, 0)', [MIGRATION_LOCK]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${checkSchemaName(opts.schema)}`);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
    // A session lock, held across the migrations' own transactions; per schema, so stores in
    // other schemas of the database migrate at the same time.
    await client.query(`SELECT pg_advisory_lock($1, ${SCHEMA_KEY})`, [MIGRATION_LOCK]);
    locked = true;
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version)));
    // A database a newer release has migrated: its schema is not ours to read or write.
    const known = new Set(migrations.map((m) => m.version));
    const unknown = [...applied].filter((v) => !known.has(v));
    if (unknown.length > 0) {
      throw new UserError(
        'unavailable',
        `${where}: written by a newer newsbrief (schema version ${Math.max(...applied)}, this release knows up to ${Math.max(0, ...known)}); upgrade newsbrief or use another DATABASE_URL`,
      );
    }
    const done: number[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`${where}: migration ${m.version} (${m.name}) failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      done.push(m.version);
    }
    return done;
  } finally {
    let broken: Error | undefined;
    if (locked) {
      try {
        await client.query(`SELECT pg_advisory_unlock($1, ${SCHEMA_KEY})`, [MIGRATION_LOCK]);
      } catch (err) {
        // Not given back for reuse: a connection still holding the lock would block the next migrate.
        broken = err instanceof Error ? err : new Error(String(err));
      }
    }
    client.release(broken);
  }
}

/** The schema version the database is at (0: never migrated). */
export async function pgSchemaVersion(pool: PgPool): Promise<number> {
  const exists = await pool.query<{ present: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS present");
  if (!exists.rows[0]?.present) return 0;
  const r = await pool.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return Number(r.rows[0]?.v ?? 0);
}
