// BriefingCache and ModelUsage over the store's SQLite file, through a connection of their own (WAL),
// like the delivery ledger. Their tables come from migration 8, which the Store's init applies.
import { openSideConnection } from './sqlite-side-connection.js';
import type { Briefing } from '../domain/types.js';
import { usageDay, type BriefingCache, type ModelUsage, type UsageRow } from './briefing-cache.js';

type Row = Record<string, unknown>;
/** Briefings older than this are pruned (a story that changed left its old key behind). */
const KEEP_DAYS = 30;
/** Pruned once every this many puts: one indexed-free scan now and then, not on every write. */
const PRUNE_EVERY = 200;

export function createSqliteBriefingCache(path: string): BriefingCache & ModelUsage {
  const db = openSideConnection(path, ['briefing_cache', 'model_usage'], `${path}: no briefing cache tables (open the store first: its migrations create them)`);
  const p = (sql: string) => db.prepare(sql);
  const st = {
    get: p('SELECT briefing FROM briefing_cache WHERE key = ?').pluck(),
    put: p(`INSERT INTO briefing_cache (key, briefing, model, prompt_version, created_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET briefing = excluded.briefing, created_at = excluded.created_at`),
    prune: p('DELETE FROM briefing_cache WHERE created_at < ?'),
    record: p('INSERT INTO model_usage (day, at, model, workspace, tokens_in, tokens_out) VALUES (?, ?, ?, ?, ?, ?)'),
    onDay: p('SELECT coalesce(sum(tokens_in + tokens_out), 0) FROM model_usage WHERE day = ?').pluck(),
    onDayFor: p('SELECT coalesce(sum(tokens_in + tokens_out), 0) FROM model_usage WHERE day = ? AND workspace = ?').pluck(),
    summary: p(`SELECT day, model, workspace, count(*) AS calls, sum(tokens_in) AS tokens_in, sum(tokens_out) AS tokens_out
      FROM model_usage WHERE day >= ? GROUP BY day, model, workspace ORDER BY day DESC, model, workspace LIMIT ?`),
  };
  let puts = 0;
  return {
    async get(key) {
      const v = st.get.get(key);
      if (v == null) return undefined;
      try {
        return JSON.parse(String(v)) as Briefing;
      } catch {
        return undefined; // a damaged row costs one call, never a crash
      }
    },
    async put(key, briefing, meta) {
      st.put.run(key, JSON.stringify(briefing), meta.model, meta.promptVersion, meta.at);
      if (++puts % PRUNE_EVERY === 1) st.prune.run(new Date(Date.parse(meta.at) - KEEP_DAYS * 86_400_000).toISOString());
    },
    async record(r) {
      st.record.run(usageDay(r.at), r.at, r.model, r.workspace ?? '', Math.max(0, Math.round(r.tokensIn)), Math.max(0, Math.round(r.tokensOut)));
    },
    async tokensOn(day, workspace) {
      return Number(workspace === undefined ? st.onDay.get(day) : st.onDayFor.get(day, workspace));
    },
    async summary(opts = {}) {
      const limit = Math.max(1, Math.min(opts.limit ?? 1000, 10_000));
      return (st.summary.all(opts.since ?? '', limit) as Row[]).map(
        (r): UsageRow => ({ day: String(r.day), model: String(r.model), workspace: String(r.workspace), calls: Number(r.calls), tokensIn: Number(r.tokens_in), tokensOut: Number(r.tokens_out) }),
      );
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
