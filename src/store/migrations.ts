// Versioned schema migrations for the SQLite store. Append only: never edit a released migration,
// add a new one with the next number. Each is applied once, in order, inside a transaction.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'core tables',
    sql: `
      CREATE TABLE storylines (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        event_from INTEGER,
        event_to INTEGER
      );
      CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        headline TEXT NOT NULL,
        headline_score REAL NOT NULL DEFAULT 0,
        storyline_id INTEGER REFERENCES storylines(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        article_count INTEGER NOT NULL DEFAULT 0,
        centroid TEXT NOT NULL DEFAULT '{}',
        title_terms TEXT NOT NULL DEFAULT '[]',
        event_from INTEGER,
        event_to INTEGER,
        last_article_id INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX stories_updated_at ON stories(updated_at);
      CREATE INDEX stories_storyline ON stories(storyline_id);
      CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        outlet TEXT,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        published_at TEXT,
        language TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        via TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        story_id INTEGER REFERENCES stories(id),
        near_copy_of INTEGER REFERENCES articles(id),
        minhash BLOB
      );
      CREATE INDEX articles_content_hash ON articles(content_hash);
      CREATE INDEX articles_story ON articles(story_id);
      -- LSH band keys of each article's MinHash signature: near-copy lookup is an index probe.
      CREATE TABLE article_lsh (
        key TEXT NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (key, article_id)
      ) WITHOUT ROWID;
      -- Inverted index: story top centroid terms, ordered by the story's time (bounded lookups).
      CREATE TABLE story_terms (
        term TEXT NOT NULL,
        t INTEGER NOT NULL,
        story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        PRIMARY KEY (term, t, story_id)
      ) WITHOUT ROWID;
      CREATE INDEX story_terms_story ON story_terms(story_id);
      CREATE TABLE term_stats (
        term TEXT PRIMARY KEY,
        df INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE http_validators (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'full-text search over articles',
    sql: `
      CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text,
        content='articles', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2',
        detail='column'
      );
    `,
  },
  {
    version: 3,
    name: 'near-copy keys as an append-only log per article',
    // One row per article, appended in id order (cheap to write, at any archive size); the store
    // indexes the keys of its recent articles in memory. A (key, article) B-tree took ~6 random
    // inserts per article into an index that grows with the archive.
    sql: `
      CREATE TABLE article_lsh_log (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        keys TEXT NOT NULL
      );
      INSERT INTO article_lsh_log (article_id, keys)
        SELECT article_id, json_group_array(key) FROM article_lsh GROUP BY article_id;
      DROP TABLE article_lsh;
    `,
  },
  {
    version: 4,
    name: 'actor aliases',
    // Admin aliases for actor names (`alias` command). Earlier versions had the query adapter
    // create this table on first use: IF NOT EXISTS keeps what such a database already holds.
    sql: `
      CREATE TABLE IF NOT EXISTS actor_aliases (
        alias TEXT PRIMARY KEY COLLATE NOCASE,
        canonical TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'chat channels: sources, subscriptions, settings',
    // A channel is platform + workspace (guild, team) + channel id, as the platform gives them.
    sql: `
      CREATE TABLE channel_sources (
        platform TEXT NOT NULL,
        workspace_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        url TEXT NOT NULL,
        added_by TEXT,
        added_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace_id, channel_id, url)
      );
      CREATE TABLE channel_subscriptions (
        platform TEXT NOT NULL,
        workspace_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('topic', 'actor', 'all')),
        value TEXT NOT NULL COLLATE NOCASE,
        added_by TEXT,
        added_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace_id, channel_id, kind, value)
      );
      CREATE TABLE channel_settings (
        platform TEXT NOT NULL,
        workspace_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        digest_time TEXT,
        time_zone TEXT,
        quiet_days TEXT CHECK (quiet_days IN ('post', 'skip')),
        updated_by TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace_id, channel_id)
      );
    `,
  },
  {
    version: 6,
    name: 'delivery ledger and per-channel digest cursors',
    // One row per post the bot means to make (ADR 017): claimed before the platform call, sent
    // (with the platform's message id) after it, failed (retry_at) or dead. The digest cursor is
    // the time of a channel's previous digest: the next one covers what moved since.
    sql: `
      CREATE TABLE deliveries (
        key TEXT PRIMARY KEY,
        state TEXT NOT NULL CHECK (state IN ('claimed', 'sent', 'failed', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 1,
        message_id TEXT,
        last_error TEXT,
        claimed_at TEXT NOT NULL,
        sent_at TEXT,
        retry_at TEXT
      ) WITHOUT ROWID;
      CREATE INDEX deliveries_state ON deliveries(state, claimed_at);
      CREATE TABLE digest_cursors (
        channel TEXT PRIMARY KEY,
        last_digest_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 7,
    name: 'per-source poll state',
    // One row per followed source (normalized URL; a file:// URL for a path), whoever follows it
    // (ADR 018): its interval (the shortest any follower asks), when it is next due, when it was
    // last polled and last succeeded, and how many polls in a row failed, with the last error, for
    // the backoff and for `sources list`. A channel's source may ask its own interval (NULL: the
    // default, NEWSBRIEF_POLL_INTERVAL).
    sql: `
      ALTER TABLE channel_sources ADD COLUMN poll_every_ms INTEGER;
      CREATE TABLE source_polls (
        url TEXT PRIMARY KEY,
        interval_ms INTEGER NOT NULL,
        next_due_at TEXT NOT NULL,
        last_polled_at TEXT,
        last_success_at TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
      ) WITHOUT ROWID;
      CREATE INDEX source_polls_due ON source_polls(next_due_at);
    `,
  },
  {
    version: 8,
    name: 'briefing cache and model token usage',
    // A model engine's briefings, keyed by hash(story content + prompt version + model) (issue 11),
    // and one row per model call: the daily budgets sum them, `newsbrief usage` shows them.
    sql: `
      CREATE TABLE briefing_cache (
        key TEXT PRIMARY KEY,
        briefing TEXT NOT NULL,
        model TEXT NOT NULL,
        prompt_version TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE model_usage (
        id INTEGER PRIMARY KEY,
        day TEXT NOT NULL,
        at TEXT NOT NULL,
        model TEXT NOT NULL,
        workspace TEXT NOT NULL DEFAULT '',
        tokens_in INTEGER NOT NULL,
        tokens_out INTEGER NOT NULL
      );
      CREATE INDEX model_usage_day ON model_usage(day, workspace);
    `,
  },
  {
    version: 9,
    name: 'story posts and their thread updates per channel',
    // A story posted to a channel by itself (issue 10 item 3, ADR 021): the post's message id (a
    // Discord thread started on it has the same id; a Slack thread is its ts), the takeaways shown
    // so far and the articles the channel had them from (an update posts only points none of those
    // held), and when it last posted (updates at most hourly).
    // story_post_channels: the newest story stored when a channel started getting story posts;
    // stories up to it are its digest's (story ids grow as stories are made).
    sql: `
      CREATE TABLE story_posts (
        channel TEXT NOT NULL,
        story_id INTEGER NOT NULL,
        message_id TEXT NOT NULL,
        thread_id TEXT,
        takeaways TEXT NOT NULL,
        article_ids TEXT NOT NULL,
        version INTEGER NOT NULL,
        last_post_at TEXT NOT NULL,
        seen_updated_at TEXT NOT NULL,
        PRIMARY KEY (channel, story_id)
      ) WITHOUT ROWID;
      CREATE TABLE story_post_channels (
        channel TEXT PRIMARY KEY,
        after_story_id INTEGER NOT NULL,
        started_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 10,
    name: 'story posts on or off per channel',
    // NULL follows the default (on); 'off' keeps a channel to its digest (ADR 021).
    sql: `ALTER TABLE channel_settings ADD COLUMN story_posts TEXT CHECK (story_posts IN ('on', 'off'));`,
  },
];
