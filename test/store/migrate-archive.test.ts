// `newsbrief migrate`: every table of a real SQLite archive into a real PostgreSQL database; an
// interrupted copy, rerun until done, ends exactly as one uninterrupted run; bad sources and
// targets refused with one line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { migrateArchive } from '../../src/store/migrate-archive.js';
import { migratePostgres } from '../../src/store/postgres/migrations.js';
import type { PgPool } from '../../src/store/postgres/pool.js';
import { fillStore } from '../queries/fixture-db.js';
import { Sink } from '../support/io.js';
import { usePostgres } from '../support/postgres.js';

const fixtures = resolve(import.meta.dirname, '../fixtures');
const pg = await usePostgres();

const TABLES = [
  'storylines', 'stories', 'articles', 'article_lsh', 'story_terms', 'term_stats', 'meta', 'http_validators', 'actor_aliases',
  'channel_sources', 'channel_subscriptions', 'channel_settings', 'deliveries', 'digest_cursors', 'source_polls', 'briefing_cache',
  'model_usage', 'story_posts', 'story_post_channels',
];

/** Rows of every small-port table, written as the SQLite adapters write them. */
function addChannelData(path: string): void {
  const db = new Database(path);
  const t = '2026-06-07T10:00:00.000Z';
  db.exec(`
    INSERT INTO actor_aliases (alias, canonical, created_at) VALUES ('Bibi', 'Benjamin Netanyahu', '${t}'), ('abu', 'Abu Obeida', '${t}');
    INSERT INTO http_validators (url, etag, last_modified) VALUES ('https://a.example/feed', '"e1"', NULL), ('https://b.example/feed', NULL, 'Sun, 07 Jun 2026 10:00:00 GMT');
    INSERT INTO channel_sources (platform, workspace_id, channel_id, url, added_by, added_at, poll_every_ms) VALUES
      ('discord', 'g1', 'c1', 'https://b.example/feed', 'u1', '${t}', NULL), ('discord', 'g1', 'c1', 'https://a.example/feed', 'u1', '${t}', 7200000),
      ('slack', 'T1', 'C1', 'https://a.example/feed', NULL, '${t}', NULL);
    INSERT INTO channel_subscriptions (platform, workspace_id, channel_id, kind, value, added_by, added_at) VALUES
      ('discord', 'g1', 'c1', 'topic', 'Gaza', 'u1', '${t}'), ('discord', 'g1', 'c1', 'actor', 'Petra Holm', 'u1', '${t}'), ('slack', 'T1', 'C1', 'all', '', NULL, '${t}');
    INSERT INTO channel_settings (platform, workspace_id, channel_id, digest_time, time_zone, quiet_days, updated_by, updated_at, story_posts) VALUES
      ('discord', 'g1', 'c1', '08:30', 'Europe/Berlin', 'skip', 'u1', '${t}', 'off');
    INSERT INTO deliveries (key, state, attempts, message_id, last_error, claimed_at, sent_at, retry_at) VALUES
      ('digest:discord/g1/c1:2026-06-07', 'sent', 1, 'm1', NULL, '${t}', '${t}', NULL),
      ('story:discord/g1/c1:3', 'failed', 2, NULL, 'HTTP 503', '${t}', NULL, '2026-06-07T10:05:00.000Z');
    INSERT INTO digest_cursors (channel, last_digest_at) VALUES ('discord/g1/c1', '${t}');
    INSERT INTO source_polls (url, interval_ms, next_due_at, last_polled_at, last_success_at, failures, last_error) VALUES
      ('https://a.example/feed', 7200000, '2026-06-07T12:00:00.000Z', '${t}', '${t}', 0, NULL), ('https://b.example/feed', 900000, '2026-06-07T10:15:00.000Z', '${t}', NULL, 3, 'timeout');
    INSERT INTO briefing_cache (key, briefing, model, prompt_version, created_at) VALUES ('k1', '{"headline":"H","takeaways":["a","b"]}', 'gpt-x', 'p3', '${t}');
    INSERT INTO model_usage (day, at, model, workspace, tokens_in, tokens_out) VALUES ('2026-06-07', '${t}', 'gpt-x', '', 1200, 300), ('2026-06-07', '${t}', 'gpt-x', 'g1', 900, 200);
    INSERT INTO story_posts (channel, story_id, message_id, thread_id, takeaways, article_ids, version, last_post_at, seen_updated_at) VALUES
      ('discord/g1/c1', 1, 'm2', 'm2', '["x"]', '[1,2]', 1, '${t}', '${t}');
    INSERT INTO story_post_channels (channel, after_story_id, started_at) VALUES ('discord/g1/c1', 1, '${t}');
  `);
  db.close();
}

/** Every table of the schema as sorted JSON rows, and its identity sequences. */
async function dump(pool: PgPool, schema: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of TABLES) out[t] = (await pool.query(`SELECT to_jsonb(x)::text AS j FROM ${t} x ORDER BY 1`)).rows.map((r) => String(r.j));
  out.sequences = (await pool.query('SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = $1 ORDER BY 1', [schema])).rows.map((r) => `${r.sequencename}=${r.last_value}`);
  return out;
}

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await runCli(args, { env, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

if (pg) {
  describe('newsbrief migrate', () => {
    let dir: string;
    let file: string;
    let other: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'newsbrief-migrate-'));
      file = join(dir, 'news.db');
      await fillStore(file, [join(fixtures, 'gaza'), join(fixtures, 'trade')], new Date('2026-06-07T12:00:00Z'));
      addChannelData(file);
      other = join(dir, 'other.db');
      await fillStore(other, [join(fixtures, 'trade')], new Date('2026-06-08T12:00:00Z'));
    }, 60_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('copies every table: the same rows as SQLite holds, the counters and sequences set', async () => {
      const schema = pg.freshSchema();
      const pool = pg.pool(schema);
      const r = await migrateArchive({ from: file, pool, schema, batchSize: 4 });
      expect(r).toMatchObject({ complete: true, alreadyDone: false });
      const lite = new Database(file, { readonly: true });
      const count = (sql: string) => Number((lite.prepare(sql).get() as { n: number }).n);
      for (const t of TABLES.filter((t) => !['article_lsh', 'meta'].includes(t))) {
        expect(Number((await pool.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n), t).toBe(count(`SELECT count(*) AS n FROM ${t}`));
      }
      expect(r.articles).toBe(count('SELECT count(*) AS n FROM articles'));
      expect(Number((await pool.query('SELECT count(*) AS n FROM article_lsh')).rows[0].n)).toBe(count('SELECT count(*) AS n FROM article_lsh_log, json_each(article_lsh_log.keys)'));
      const meta = Object.fromEntries((await pool.query('SELECT key, value FROM meta')).rows.map((x) => [x.key, x.value]));
      expect(meta).toMatchObject({ docs: String(count("SELECT value AS n FROM meta WHERE key = 'docs'")), doc_count: String(r.articles), story_count: String(r.stories) });
      expect(Number(meta.doc_tokens)).toBeGreaterThan(0);
      // The next ids follow the copied ones.
      const next = await pool.query("INSERT INTO storylines (title, created_at, updated_at) VALUES ('x', 'a', 'a') RETURNING id");
      expect(Number(next.rows[0].id)).toBe(r.storylines + 1);
      lite.close();
      // Run again: the target holds this archive already, nothing is copied.
      await pool.query('DELETE FROM storylines WHERE id = $1', [next.rows[0].id]);
      expect(await migrateArchive({ from: file, pool, schema })).toMatchObject({ complete: true, alreadyDone: true, copied: {} });
    }, 60_000);

    it('continues where an interrupted run stopped: the same result as one uninterrupted run', async () => {
      const whole = pg.freshSchema();
      const wholePool = pg.pool(whole);
      await migrateArchive({ from: file, pool: wholePool, schema: whole, batchSize: 3 });
      const parts = pg.freshSchema();
      const partsPool = pg.pool(parts);
      let runs = 0;
      let r;
      do {
        runs++;
        // Long rows cut batches short too (about 4 KB here: an article or two a batch).
        r = await migrateArchive({ from: file, pool: partsPool, schema: parts, batchSize: 3, batchBytes: 4000, maxBatches: 5 });
        if (!r.complete) expect((await partsPool.query("SELECT count(*) AS n FROM archive_import WHERE key = 'done'")).rows[0].n).toBe('0');
      } while (!r.complete && runs < 500);
      expect(r.complete).toBe(true);
      expect(runs).toBeGreaterThan(3);
      const a = await dump(wholePool, whole);
      const b = await dump(partsPool, parts);
      expect(b.articles!.length).toBeGreaterThan(0);
      expect(b).toEqual(a);
    }, 120_000);

    it('a batch that fails leaves nothing of itself: the rerun copies it whole', async () => {
      const whole = pg.freshSchema();
      const wholePool = pg.pool(whole);
      await migrateArchive({ from: file, pool: wholePool, schema: whole, batchSize: 2 });
      const schema = pg.freshSchema();
      // A pool whose third articles INSERT fails (a lost connection, a full disk): its own pool, ended after.
      const failing = pg.pool(schema);
      const connect = failing.connect.bind(failing);
      let inserts = 0;
      const wrapped = new WeakSet<object>();
      (failing as { connect: unknown }).connect = async (...cb: unknown[]) => {
        // pool.query connects with a callback: left as it is.
        if (cb.length) return (connect as (...a: unknown[]) => unknown)(...cb);
        const c = await connect();
        if (wrapped.has(c)) return c; // a client the pool hands out again is wrapped already
        wrapped.add(c);
        const query = c.query.bind(c) as (...a: unknown[]) => Promise<unknown>;
        (c as { query: unknown }).query = (...a: unknown[]) =>
          typeof a[0] === 'string' && a[0].startsWith('INSERT INTO articles') && ++inserts === 3 ? Promise.reject(new Error('injected failure')) : query(...a);
        return c;
      };
      await expect(migrateArchive({ from: file, pool: failing, schema, batchSize: 2 })).rejects.toThrow('injected failure');
      expect(Number((await failing.query('SELECT count(*) AS n FROM articles')).rows[0].n)).toBe(4);
      await failing.end();
      const pool = pg.pool(schema);
      expect(await migrateArchive({ from: file, pool, schema, batchSize: 2 })).toMatchObject({ complete: true });
      expect(await dump(pool, schema)).toEqual(await dump(wholePool, whole));
    }, 60_000);

    it('refuses a target holding other data or another archive', async () => {
      const schema = pg.freshSchema();
      const pool = pg.pool(schema);
      await migratePostgres(pool, { schema });
      await pool.query("INSERT INTO channel_settings (platform, workspace_id, channel_id, updated_at) VALUES ('discord', 'g', 'c', 'now')");
      await expect(migrateArchive({ from: file, pool, schema })).rejects.toThrow(/^the PostgreSQL database already holds an archive \(rows in channel_settings\); migrate into an empty database$/);
      const mine = pg.freshSchema();
      const minePool = pg.pool(mine);
      await migrateArchive({ from: file, pool: minePool, schema: mine, maxBatches: 2 });
      await expect(migrateArchive({ from: other, pool: minePool, schema: mine })).rejects.toThrow(/holds another archive \(carried over from .+news\.db\); migrate into an empty database/);
    }, 60_000);

    it('through the CLI: resumes, refuses the archive until done, and refuses bad inputs in one line', async () => {
      // The database's default schema, as DATABASE_URL names it: interrupted, then finished by the CLI.
      const pool = pg.pool('public');
      expect((await migrateArchive({ from: file, pool, maxBatches: 3 })).complete).toBe(false);
      const early = await cli(['stories'], { DATABASE_URL: pg.url });
      expect(early.code).toBe(1);
      expect(early.stderr).toMatch(/^newsbrief: postgres:\/\/.+: a `newsbrief migrate` into it has not finished; run it again to complete the copy\n$/);
      const done = await cli(['migrate', '--from', file], { DATABASE_URL: pg.url });
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toMatch(/^migrated .+news\.db to postgres:\/\/.+: \d+ articles, \d+ stories, \d+ storylines\n$/);
      expect((await cli(['stories'], { DATABASE_URL: pg.url })).stdout).toMatch(/Valdoria|Gaza/);
      const again = await cli(['migrate', '--from', file, '--to', pg.url]);
      expect(again.stdout).toMatch(/holds .+news\.db already \(\d+ articles, \d+ stories, \d+ storylines\); nothing to copy\n$/);

      const missing = await cli(['migrate', '--from', join(dir, 'none.db'), '--to', pg.url]);
      expect([missing.code, missing.stderr]).toEqual([1, `newsbrief: no such file: ${join(dir, 'none.db')}\n`]);
      const text = join(dir, 'notes.txt');
      writeFileSync(text, 'not a database at all\n'.repeat(100));
      const notDb = await cli(['migrate', '--from', text, '--to', pg.url]);
      expect(notDb.code).toBe(1);
      expect(notDb.stderr).toMatch(/^newsbrief: .+notes\.txt is not a newsbrief archive \(.+\)\n$/);
      const foreign = join(dir, 'foreign.db');
      const f = new Database(foreign);
      f.exec('CREATE TABLE things (id INTEGER PRIMARY KEY)');
      f.close();
      const notOurs = await cli(['migrate', '--from', foreign, '--to', pg.url]);
      expect([notOurs.code, notOurs.stderr]).toEqual([1, `newsbrief: ${foreign} is not a newsbrief archive (no newsbrief tables in it)\n`]);
      const taken = await cli(['migrate', '--from', other, '--to', pg.url]);
      expect(taken.code).toBe(1);
      expect(taken.stderr).toMatch(/^newsbrief: postgres:\/\/.+ holds another archive \(carried over from .+news\.db\); migrate into an empty database\n$/);
      for (const to of ['mysql://root:sekret@127.0.0.1/x', 'postgres://root:sekret@[oops/x', 'postgres:// spaces']) {
        const bad = await cli(['migrate', '--from', file, '--to', to]);
        expect([bad.code, bad.stderr]).toEqual([2, 'newsbrief: --to must be a postgres:// URL such as postgres://newsbrief@127.0.0.1:5432/newsbrief\n']);
      }
      const none = await cli(['migrate', '--from', file]);
      expect([none.code, none.stderr]).toEqual([2, 'newsbrief: migrate needs --to postgres://... (or DATABASE_URL)\n']);
      const down = await cli(['migrate', '--from', file, '--to', 'postgres://u:sekret@127.0.0.1:1/x']);
      expect(down.code).toBe(1);
      expect(down.stderr).toMatch(/^newsbrief: postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/x: .+\n$/);
      expect(down.stderr).not.toContain('sekret');
    }, 120_000);
  });
} else {
  describe.skip('newsbrief migrate', () => {
    it('needs a PostgreSQL server', () => {});
  });
}
