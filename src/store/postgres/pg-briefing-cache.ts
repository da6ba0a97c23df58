// BriefingCache and ModelUsage over PostgreSQL (ADR 020, ADR 023), held to
// test/store/briefing-cache-contract.ts. A briefing is jsonb: equal as a value to what was put
// (its keys' order is PostgreSQL's, which nothing reads).
import type { Briefing } from '../../domain/types.js';
import { usageDay, type BriefingCache, type ModelUsage, type UsageRow } from '../briefing-cache.js';
import type { PgPool } from './pool.js';

type Row = Record<string, unknown>;
/** Briefings older than this are pruned (a story that changed left its old key behind). */
const KEEP_DAYS = 30;
/** Pruned once every this many puts of this process, not on every write. */
const PRUNE_EVERY = 200;

/** The pool is the caller's: close() leaves it open. */
export function createPgBriefingCache(pool: PgPool): BriefingCache & ModelUsage {
  let puts = 0;
  return {
    async get(key) {
      const r = await pool.query<{ briefing: Briefing }>('SELECT briefing FROM briefing_cache WHERE key = $1', [key]);
      return r.rows[0]?.briefing ?? undefined;
    },
    async put(key, briefing, meta) {
      await pool.query(
        `INSERT INTO briefing_cache (key, briefing, model, prompt_version, created_at) VALUES ($1, $2::jsonb, $3, $4, $5)
         ON CONFLICT (key) DO UPDATE SET briefing = excluded.briefing, created_at = excluded.created_at`,
        [key, JSON.stringify(briefing), meta.model, meta.promptVersion, meta.at],
      );
      if (++puts % PRUNE_EVERY === 1) {
        await pool.query('DELETE FROM briefing_cache WHERE created_at < $1', [new Date(Date.parse(meta.at) - KEEP_DAYS * 86_400_000).toISOString()]);
      }
    },
    async record(r) {
      await pool.query('INSERT INTO model_usage (day, at, model, workspace, tokens_in, tokens_out) VALUES ($1, $2, $3, $4, $5, $6)', [
        usageDay(r.at),
        r.at,
        r.model,
        r.workspace ?? '',
        Math.max(0, Math.round(r.tokensIn)),
        Math.max(0, Math.round(r.tokensOut)),
      ]);
    },
    async tokensOn(day, workspace) {
      // sum() of integers is a bigint, which pg gives as a string.
      const r =
        workspace === undefined
          ? await pool.query<{ n: string }>('SELECT coalesce(sum(tokens_in + tokens_out), 0) AS n FROM model_usage WHERE day = $1', [day])
          : await pool.query<{ n: string }>('SELECT coalesce(sum(tokens_in + tokens_out), 0) AS n FROM model_usage WHERE day = $1 AND workspace = $2', [day, workspace]);
      return Number(r.rows[0]?.n ?? 0);
    },
    async summary(opts = {}) {
      const limit = Math.max(1, Math.min(opts.limit ?? 1000, 10_000));
      const r = await pool.query(
        `SELECT day, model, workspace, count(*) AS calls, sum(tokens_in) AS tokens_in, sum(tokens_out) AS tokens_out
         FROM model_usage WHERE day >= $1 GROUP BY day, model, workspace ORDER BY day DESC, model, workspace LIMIT $2`,
        [opts.since ?? '', limit],
      );
      return (r.rows as Row[]).map(
        (row): UsageRow => ({
          day: String(row.day),
          model: String(row.model),
          workspace: String(row.workspace),
          calls: Number(row.calls),
          tokensIn: Number(row.tokens_in),
          tokensOut: Number(row.tokens_out),
        }),
      );
    },
    async close() {},
  };
}
