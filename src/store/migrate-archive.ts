// `newsbrief migrate --from FILE --to postgres://...`: carries an embedded (SQLite) archive over to
// PostgreSQL, every table, so that PostgreSQL then answers and goes on ingesting as the file would
// have (ADR 023).
//
// Resumable: each table is read in key order (rowid, or its primary key) in batches; a batch is
// written in one PostgreSQL transaction together with how far that table got (archive_import), so
// after an interruption a rerun continues with the next batch. Rows are inserted ON CONFLICT DO
// NOTHING, ids kept. The last step sets the identity sequences past the copied ids and the meta
// counters the PostgreSQL store keeps with each insert (doc_count, story_count, doc_tokens), and
// marks the copy done; until then openArchive refuses the database. The source is only read.
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { UserError } from '../domain/errors.js';
import { MIGRATIONS } from './migrations.js';
import { migratePostgres } from './postgres/migrations.js';
import { tokenCount } from './postgres/pg-store.js';
import { redactUrl, withTransaction, type PgClient, type PgPool } from './postgres/pool.js';

type Row = Record<string, unknown>;

interface TableSpec {
  /** The SQLite table (and the PostgreSQL one, unless `write` says otherwise). */
  name: string;
  cols: string[];
  /** Read order: the rowid, or the primary key's columns (WITHOUT ROWID tables). */
  key: 'rowid' | string[];
  /** The PostgreSQL id is GENERATED ALWAYS: the copied id needs OVERRIDING SYSTEM VALUE. */
  overriding?: boolean;
  /** Extra columns computed for PostgreSQL, and the row's values for them. */
  extra?: { cols: string[]; values: (r: Row) => unknown[] };
  /** Rows written another way than one INSERT of the same columns. */
  write?: (c: PgClient, rows: Row[]) => Promise<void>;
  /** Text columns that may hold NUL (PostgreSQL text cannot: dropped, as the store drops them). */
  noNul?: string[];
}

const dropNul = (v: unknown): unknown => (typeof v === 'string' && v.includes('\u0000') ? v.replace(/\u0000/g, '') : v);

/** In dependency order: storylines before stories before articles (their references). */
const TABLES: readonly TableSpec[] = [
  { name: 'storylines', cols: ['id', 'title', 'created_at', 'updated_at', 'event_from', 'event_to'], key: 'rowid' },
  {
    name: 'stories',
    cols: ['id', 'headline', 'headline_score', 'storyline_id', 'created_at', 'updated_at', 'first_seen_at', 'last_seen_at', 'article_count', 'centroid', 'title_terms', 'event_from', 'event_to', 'last_article_id'],
    key: 'rowid',
  },
  {
    name: 'articles',
    cols: ['id', 'url', 'outlet', 'title', 'text', 'published_at', 'language', 'content_hash', 'via', 'ingested_at', 'story_id', 'near_copy_of', 'minhash'],
    key: 'rowid',
    noNul: ['outlet', 'title', 'text'],
    // bm25's length, counted as the PostgreSQL store counts it at insert.
    extra: { cols: ['doc_len'], values: (r) => [tokenCount(String(dropNul(r.title))) + tokenCount(String(dropNul(r.text)))] },
  },
  {
    // One row of JSON keys per article in SQLite; a (key, article) posting each here.
    name: 'article_lsh_log',
    cols: ['article_id', 'keys'],
    key: ['article_id'],
    write: async (c, rows) => {
      const keys: string[] = [];
      const ids: number[] = [];
      for (const r of rows) {
        for (const k of new Set(JSON.parse(String(r.keys)) as string[])) {
          keys.push(k);
          ids.push(Number(r.article_id));
        }
      }
      if (keys.length) await c.query('INSERT INTO article_lsh (key, article_id) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT DO NOTHING', [keys, ids]);
    },
  },
  { name: 'story_terms', cols: ['term', 't', 'story_id'], key: ['term', 't', 'story_id'] },
  { name: 'term_stats', cols: ['term', 'df'], key: ['term'] },
  { name: 'meta', cols: ['key', 'value'], key: ['key'] },
  { name: 'http_validators', cols: ['url', 'etag', 'last_modified'], key: ['url'] },
  { name: 'actor_aliases', cols: ['alias', 'canonical', 'created_at'], key: 'rowid' },
  // Insertion order is kept: PostgreSQL numbers these rows (seq) as they arrive, in rowid order.
  { name: 'channel_sources', cols: ['platform', 'workspace_id', 'channel_id', 'url', 'added_by', 'added_at', 'poll_every_ms'], key: 'rowid' },
  { name: 'channel_subscriptions', cols: ['platform', 'workspace_id', 'channel_id', 'kind', 'value', 'added_by', 'added_at'], key: 'rowid' },
  { name: 'channel_settings', cols: ['platform', 'workspace_id', 'channel_id', 'digest_time', 'time_zone', 'quiet_days', 'story_posts', 'updated_by', 'updated_at'], key: 'rowid' },
  { name: 'deliveries', cols: ['key', 'state', 'attempts', 'message_id', 'last_error', 'claimed_at', 'sent_at', 'retry_at'], key: ['key'] },
  { name: 'digest_cursors', cols: ['channel', 'last_digest_at'], key: ['channel'] },
  { name: 'source_polls', cols: ['url', 'interval_ms', 'next_due_at', 'last_polled_at', 'last_success_at', 'failures', 'last_error'], key: ['url'] },
  { name: 'briefing_cache', cols: ['key', 'briefing', 'model', 'prompt_version', 'created_at'], key: ['key'] },
  { name: 'model_usage', cols: ['id', 'day', 'at', 'model', 'workspace', 'tokens_in', 'tokens_out'], key: 'rowid', overriding: true },
  { name: 'story_posts', cols: ['channel', 'story_id', 'message_id', 'thread_id', 'takeaways', 'article_ids', 'version', 'last_post_at', 'seen_updated_at'], key: ['channel', 'story_id'] },
  { name: 'story_post_channels', cols: ['channel', 'after_story_id', 'started_at'], key: ['channel'] },
];

/** Tables whose rows make a PostgreSQL database "hold an archive" already. */
const DATA_TABLES = ['articles', 'stories', 'storylines', 'channel_sources', 'channel_subscriptions', 'channel_settings', 'deliveries', 'source_polls', 'briefing_cache', 'model_usage', 'story_posts', 'actor_aliases'];

/** Identity columns to set past the copied ids (PostgreSQL numbers the next rows from there). */
const IDENTITIES: ReadonlyArray<[string, string]> = [['storylines', 'id'], ['stories', 'id'], ['articles', 'id'], ['model_usage', 'id']];

/** Same lock as the PostgreSQL store's writers (pg-store.ts WRITE_LOCK): no ingest interleaves a batch. */
const WRITE_LOCK = 0x6e627773;
const SCHEMA_KEY = "hashtext(coalesce(current_schema(), ''))";

const MAX_BATCH = 2000; // 14 columns a row: well under PostgreSQL's 65,535 parameters a statement
/** About this much data per batch (characters and bytes): a statement of 500 long articles stays bounded. */
const BATCH_BYTES = 16 * 1024 * 1024;

export interface MigrateArchiveOptions {
  /** The SQLite archive file (only read). */
  from: string;
  /** The PostgreSQL database (any schema its search_path names); the caller's, left open. */
  pool: PgPool;
  /** The pool's schema (created by the migrations when missing). */
  schema?: string;
  /** Where the target is, for messages (a URL: its password hidden). */
  where?: string;
  /** Rows per batch (one transaction each); default 500. */
  batchSize?: number;
  /** About this much data per batch at most (default 16 MiB; a batch holds at least one row). */
  batchBytes?: number;
  /** Stop after this many batches, as an interruption would (tests); a rerun continues. */
  maxBatches?: number;
  onProgress?: (p: { table: string; copied: number }) => void;
}

export interface MigrateArchiveResult {
  /** All copied and finished (false: stopped by maxBatches; run again). */
  complete: boolean;
  /** The target held this archive, finished, already: nothing was copied. */
  alreadyDone: boolean;
  /** Rows copied by this run, per table. */
  copied: Record<string, number>;
  /** What the target holds now. */
  articles: number;
  stories: number;
  storylines: number;
}

/** Opens the source read-only and checks that it is a newsbrief archive of this release's schema. */
function openSource(path: string): Database.Database {
  if (!existsSync(path) || !statSync(path).isFile()) throw new UserError('not_found', `no such file: ${path}`);
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Row[]).map((r) => String(r.name)));
    if (!tables.has('schema_migrations') || !tables.has('articles')) throw new UserError('bad_input', `${path} is not a newsbrief archive (no newsbrief tables in it)`);
    const version = Number((db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as Row).v ?? 0);
    const latest = Math.max(...MIGRATIONS.map((m) => m.version));
    if (version > latest) throw new UserError('bad_input', `${path} was written by a newer newsbrief (schema version ${version}, this release knows up to ${latest}); upgrade newsbrief`);
    if (version < latest) {
      throw new UserError('bad_input', `${path} is at schema version ${version}, this release's is ${latest}: open it once with this newsbrief (newsbrief stories --db ${path}) to upgrade it, then migrate`);
    }
    return db;
  } catch (err) {
    db?.close();
    if (err instanceof UserError) throw err;
    // Not a database at all (SQLITE_NOTADB), or one we cannot read.
    throw new UserError('bad_input', `${path} is not a newsbrief archive (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** What tells archives apart: their first article, story and channel source (a file renamed is the same archive). */
function fingerprint(db: Database.Database): string {
  const first = (sql: string) => db.prepare(sql).get() ?? null;
  const parts = [
    first('SELECT id, url, content_hash, ingested_at FROM articles ORDER BY id LIMIT 1'),
    first('SELECT id, created_at FROM stories ORDER BY id LIMIT 1'),
    first('SELECT platform, channel_id, url, added_at FROM channel_sources ORDER BY rowid LIMIT 1'),
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

async function lockWrites(c: PgClient): Promise<void> {
  await c.query(`SELECT pg_advisory_xact_lock($1, ${SCHEMA_KEY})`, [WRITE_LOCK]);
}

async function importValue(c: PgClient | PgPool, key: string): Promise<Row | undefined> {
  const r = await c.query('SELECT value FROM archive_import WHERE key = $1', [key]);
  return r.rows[0]?.value as Row | undefined;
}

async function setImportValue(c: PgClient, key: string, value: unknown): Promise<void> {
  await c.query('INSERT INTO archive_import (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, JSON.stringify(value)]);
}

async function counts(pool: PgPool): Promise<{ articles: number; stories: number; storylines: number }> {
  const r = await pool.query('SELECT (SELECT count(*) FROM articles) AS a, (SELECT count(*) FROM stories) AS s, (SELECT count(*) FROM storylines) AS l');
  const row = r.rows[0] as Row;
  return { articles: Number(row.a), stories: Number(row.s), storylines: Number(row.l) };
}

export async function migrateArchive(opts: MigrateArchiveOptions): Promise<MigrateArchiveResult> {
  const batchSize = Math.max(1, Math.min(MAX_BATCH, Math.floor(opts.batchSize ?? 500)));
  const where = opts.where ? redactUrl(opts.where) : 'the PostgreSQL database';
  const src = openSource(opts.from);
  try {
    const print = fingerprint(src);
    await migratePostgres(opts.pool, { where: opts.where ?? where, ...(opts.schema !== undefined ? { schema: opts.schema } : {}) });

    // Claim the target for this archive, or find it claimed by this one (a rerun) or another.
    const state = await withTransaction(opts.pool, async (c) => {
      await lockWrites(c);
      const source = await importValue(c, 'source');
      if (source) {
        if (source.fingerprint !== print) {
          throw new UserError('bad_input', `${where} holds another archive (carried over from ${String(source.file)}); migrate into an empty database`);
        }
        return (await importValue(c, 'done')) ? 'done' : 'resume';
      }
      for (const t of DATA_TABLES) {
        const r = await c.query(`SELECT EXISTS (SELECT 1 FROM ${t}) AS present`);
        if ((r.rows[0] as Row).present) throw new UserError('bad_input', `${where} already holds an archive (rows in ${t}); migrate into an empty database`);
      }
      await setImportValue(c, 'source', { fingerprint: print, file: opts.from, startedAt: new Date().toISOString() });
      return 'new';
    });
    if (state === 'done') return { complete: true, alreadyDone: true, copied: {}, ...(await counts(opts.pool)) };

    const copied: Record<string, number> = {};
    let batches = 0;
    for (const t of TABLES) {
      copied[t.name] = 0;
      const keyCols = t.key === 'rowid' ? ['rowid'] : t.key;
      const keyList = keyCols.join(', ');
      const select = `SELECT ${keyCols.map((k, i) => `${k} AS _k${i}`).join(', ')}, ${t.cols.join(', ')} FROM ${t.name}`;
      const first = src.prepare(`${select} ORDER BY ${keyList} LIMIT ?`);
      const next = src.prepare(`${select} WHERE (${keyList}) > (${keyCols.map(() => '?').join(', ')}) ORDER BY ${keyList} LIMIT ?`);
      // A table an earlier run finished costs no batch (an interrupted run's reruns must progress).
      if ((await importValue(opts.pool, `table:${t.name}`))?.done) continue;
      for (;;) {
        if (opts.maxBatches !== undefined && batches >= opts.maxBatches) return { complete: false, alreadyDone: false, copied, ...(await counts(opts.pool)) };
        const { n, done } = await withTransaction(opts.pool, async (c) => {
          await lockWrites(c);
          // Read under the lock: two migrates at once never copy one batch twice.
          const progress = await importValue(c, `table:${t.name}`);
          if (progress?.done) return { n: 0, done: true };
          const after = progress?.after as unknown[] | undefined;
          const fetched = (after ? next.all(...after, batchSize) : first.all(batchSize)) as Row[];
          const rows = withinBytes(fetched, opts.batchBytes ?? BATCH_BYTES);
          if (rows.length) await writeRows(c, t, rows);
          const last = rows.at(-1);
          const finished = fetched.length < batchSize && rows.length === fetched.length;
          await setImportValue(c, `table:${t.name}`, { after: last ? keyCols.map((_k, i) => last[`_k${i}`]) : (after ?? null), done: finished });
          return { n: rows.length, done: finished };
        });
        batches++;
        const total = (copied[t.name] ?? 0) + n;
        copied[t.name] = total;
        if (n) opts.onProgress?.({ table: t.name, copied: total });
        if (done) break;
      }
    }

    await withTransaction(opts.pool, async (c) => {
      await lockWrites(c);
      for (const [table, col] of IDENTITIES) {
        // is_called false on an empty table: the next id is 1.
        await c.query(`SELECT setval(pg_get_serial_sequence('${table}', '${col}'), coalesce(max(${col}), 1), max(${col}) IS NOT NULL) FROM ${table}`);
      }
      // The counters the PostgreSQL store keeps with each insert (SQLite counts its tables instead).
      await c.query(
        `INSERT INTO meta (key, value) VALUES
           ('doc_count', (SELECT count(*) FROM articles)::text),
           ('story_count', (SELECT count(*) FROM stories)::text),
           ('doc_tokens', (SELECT coalesce(sum(doc_len), 0) FROM articles)::text)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      );
      await setImportValue(c, 'done', { at: new Date().toISOString() });
    });
    return { complete: true, alreadyDone: false, copied, ...(await counts(opts.pool)) };
  } finally {
    src.close();
  }
}

/** A batch's rows up to `max` of values (at least one row): long articles make smaller batches. */
function withinBytes(rows: Row[], max: number): Row[] {
  let bytes = 0;
  for (let i = 0; i < rows.length; i++) {
    for (const v of Object.values(rows[i]!)) bytes += typeof v === 'string' ? v.length : Buffer.isBuffer(v) ? v.length : 8;
    if (bytes > max && i > 0) return rows.slice(0, i);
  }
  return rows;
}

async function writeRows(c: PgClient, t: TableSpec, rows: Row[]): Promise<void> {
  if (t.write) return t.write(c, rows);
  const cols = [...t.cols, ...(t.extra?.cols ?? [])];
  const params: unknown[] = [];
  const tuples = rows.map((r) => {
    const values = [...t.cols.map((col) => (t.noNul?.includes(col) ? dropNul(r[col]) : r[col])), ...(t.extra?.values(r) ?? [])];
    const start = params.length;
    params.push(...values);
    return `(${values.map((_v, i) => `$${start + i + 1}`).join(', ')})`;
  });
  await c.query(`INSERT INTO ${t.name} (${cols.join(', ')})${t.overriding ? ' OVERRIDING SYSTEM VALUE' : ''} VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`, params);
}
