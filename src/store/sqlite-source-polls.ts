// SourcePolls over the SQLite store's file, through its own better-sqlite3 connection (WAL), like
// the delivery ledger. Its table comes from migration 7, which the Store's init applies. A claim is
// one IMMEDIATE compare-and-set on the due time: two ticks or two processes cannot both poll a
// source for the same due time.
import { openSideConnection } from './sqlite-side-connection.js';
import type { SourcePoll, SourcePolls } from './source-polls.js';
import { sourcePollOf } from './rows.js';

type Row = Record<string, unknown>;
/** Kept short: a line in `sources list`, not a log. */
const MAX_ERROR_CHARS = 200;
/** ISO strings compare as times only in one form: the caller's are brought to toISOString's. */
const iso = (t: string): string => new Date(t).toISOString();

export function createSqliteSourcePolls(path: string): SourcePolls {
  const db = openSideConnection(path, ['source_polls'], `${path}: no source_polls table (open the store first: its migrations create it)`);
  const p = (sql: string) => db.prepare(sql);
  const st = {
    get: p('SELECT * FROM source_polls WHERE url = ?'),
    urls: p('SELECT url FROM source_polls').pluck(),
    insert: p('INSERT OR IGNORE INTO source_polls (url, interval_ms, next_due_at) VALUES (?, ?, ?)'),
    setInterval: p('UPDATE source_polls SET interval_ms = ? WHERE url = ? AND interval_ms <> ?'),
    remove: p('DELETE FROM source_polls WHERE url = ?'),
    due: p('SELECT * FROM source_polls WHERE next_due_at <= ? ORDER BY next_due_at, url LIMIT ?'),
    claim: p('UPDATE source_polls SET next_due_at = ?, last_polled_at = ? WHERE url = ? AND next_due_at = ? AND next_due_at <= ?'),
    succeeded: p('UPDATE source_polls SET failures = 0, last_error = NULL, last_success_at = ?, next_due_at = ? WHERE url = ?'),
    failed: p('UPDATE source_polls SET failures = failures + 1, last_error = ?, next_due_at = ? WHERE url = ?'),
  };

  const sync = db.transaction((sources: ReadonlyArray<{ url: string; intervalMs: number }>, dueAt: string) => {
    const wanted = new Set(sources.map((s) => s.url));
    let added = 0;
    let removed = 0;
    for (const { url, intervalMs } of sources) {
      const inserted = st.insert.run(url, intervalMs, dueAt).changes;
      added += inserted;
      if (!inserted) st.setInterval.run(intervalMs, url, intervalMs);
    }
    for (const url of st.urls.all() as string[]) if (!wanted.has(url)) removed += st.remove.run(url).changes;
    return { added, removed };
  });
  const claim = db.transaction((url: string, dueAt: string, at: string, leaseUntil: string): SourcePoll | undefined => {
    const r = st.get.get(url) as Row | undefined;
    if (!r) return undefined;
    return st.claim.run(leaseUntil, at, url, dueAt, at).changes > 0 ? sourcePollOf(r) : undefined;
  });

  return {
    async sync(sources, dueAt) {
      return sync.immediate(sources, iso(dueAt));
    },
    async due(at, limit = 1000) {
      return (st.due.all(iso(at), Math.max(1, Math.min(limit, 10_000))) as Row[]).map(sourcePollOf);
    },
    async claim(url, opts) {
      return claim.immediate(url, iso(opts.dueAt), iso(opts.at), iso(opts.leaseUntil));
    },
    async succeeded(url, at, nextDueAt) {
      st.succeeded.run(iso(at), iso(nextDueAt), url);
    },
    async failed(url, error, nextDueAt) {
      const line = error.replace(/\s+/g, ' ').trim().slice(0, MAX_ERROR_CHARS) || 'failed';
      st.failed.run(line, iso(nextDueAt), url);
    },
    async get(url) {
      const r = st.get.get(url) as Row | undefined;
      return r ? sourcePollOf(r) : undefined;
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
