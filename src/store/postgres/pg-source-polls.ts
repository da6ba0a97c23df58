// SourcePolls over PostgreSQL (ADR 018, ADR 023), held to test/store/source-polls-contract.ts. A
// claim is one compare-and-set statement on the due time: of two ticks or two processes claiming
// a source for one due time, the second waits on the first's row lock, then finds the due time
// moved and takes nothing.
import type { SourcePolls } from '../source-polls.js';
import { withTransaction, type PgPool } from './pool.js';
import { sourcePollOf } from '../rows.js';

type Row = Record<string, unknown>;
/** Kept short: a line in `sources list`, not a log. */
const MAX_ERROR_CHARS = 200;
/** ISO strings compare as times only in one form: the caller's are brought to toISOString's. */
const iso = (t: string): string => new Date(t).toISOString();


// FOR UPDATE in the CTE: a second claimer waits for the first to commit, then re-reads the row
// and, its due time having moved, no longer matches. RETURNING prev.*: the state before the claim.
const CLAIM = `
  WITH prev AS (
    SELECT * FROM source_polls WHERE url = $1 AND next_due_at = $2 AND next_due_at <= $3 FOR UPDATE
  )
  UPDATE source_polls s SET next_due_at = $4, last_polled_at = $3 FROM prev WHERE s.url = prev.url
  RETURNING prev.*`;

/** The pool is the caller's: close() leaves it open. */
export function createPgSourcePolls(pool: PgPool): SourcePolls {
  return {
    async sync(sources, dueAt) {
      const due = iso(dueAt);
      // Sorted: concurrent syncs lock rows in one order, so they cannot deadlock.
      const sorted = [...sources].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
      const urls = sorted.map((s) => s.url);
      const intervals = sorted.map((s) => s.intervalMs);
      return withTransaction(pool, async (c) => {
        // One sync at a time, as SQLite's IMMEDIATE transaction: a sync is the whole list, and
        // two interleaved could each forget what the other just added.
        await c.query("SELECT pg_advisory_xact_lock(hashtextextended('newsbrief:source_polls:sync', 0))");
        const removed = await c.query('DELETE FROM source_polls WHERE NOT (url = ANY($1::text[]))', [urls]);
        const added = await c.query(
          `INSERT INTO source_polls (url, interval_ms, next_due_at)
           SELECT u, i, $3 FROM unnest($1::text[], $2::bigint[]) AS w(u, i) ORDER BY u
           ON CONFLICT (url) DO NOTHING`,
          [urls, intervals, due],
        );
        // A known source keeps its state; its interval becomes the one given (from its next poll on).
        await c.query(
          `UPDATE source_polls s SET interval_ms = w.i FROM unnest($1::text[], $2::bigint[]) AS w(u, i)
           WHERE s.url = w.u AND s.interval_ms <> w.i`,
          [urls, intervals],
        );
        return { added: added.rowCount ?? 0, removed: removed.rowCount ?? 0 };
      });
    },
    async due(at, limit = 1000) {
      const r = await pool.query('SELECT * FROM source_polls WHERE next_due_at <= $1 ORDER BY next_due_at, url LIMIT $2', [iso(at), Math.max(1, Math.min(limit, 10_000))]);
      return (r.rows as Row[]).map(sourcePollOf);
    },
    async claim(url, opts) {
      const r = await pool.query(CLAIM, [url, iso(opts.dueAt), iso(opts.at), iso(opts.leaseUntil)]);
      const row = r.rows[0] as Row | undefined;
      return row ? sourcePollOf(row) : undefined;
    },
    async succeeded(url, at, nextDueAt) {
      await pool.query('UPDATE source_polls SET failures = 0, last_error = NULL, last_success_at = $2, next_due_at = $3 WHERE url = $1', [url, iso(at), iso(nextDueAt)]);
    },
    async failed(url, error, nextDueAt) {
      const line = error.replace(/\s+/g, ' ').trim().slice(0, MAX_ERROR_CHARS) || 'failed';
      await pool.query('UPDATE source_polls SET failures = failures + 1, last_error = $2, next_due_at = $3 WHERE url = $1', [url, line, iso(nextDueAt)]);
    },
    async get(url) {
      const r = await pool.query('SELECT * FROM source_polls WHERE url = $1', [url]);
      const row = r.rows[0] as Row | undefined;
      return row ? sourcePollOf(row) : undefined;
    },
    async close() {},
  };
}
