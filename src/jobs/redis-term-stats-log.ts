// The TermStatsLog port on Redis (ADR 022): one key per batch (`<prefix>:termstats:<from>`), kept
// ten minutes; a writer that was away longer reads the store again. Queue mode only (ioredis).
import { Redis } from 'ioredis';
import type { TermStatsEntry, TermStatsLog } from '../domain/term-stats-log.js';

export const TERM_STATS_KEEP_MS = 10 * 60_000;

export function createRedisTermStatsLog(opts: { url: string; prefix: string }): TermStatsLog & { close(): void } {
  const redis = new Redis(opts.url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  redis.on('error', () => {}); // a failed append or read means "read the store", never a failed ingest
  const key = (from: number) => `${opts.prefix}:termstats:${from}`;
  return {
    async append(e) {
      await redis.set(key(e.from), JSON.stringify(e), 'PX', TERM_STATS_KEEP_MS);
    },
    async after(from) {
      const text = await redis.get(key(from));
      if (!text) return undefined;
      const e = JSON.parse(text) as TermStatsEntry;
      return e.from === from && Number.isInteger(e.to) && e.to > from && Array.isArray(e.delta) ? e : undefined;
    },
    close: () => redis.disconnect(),
  };
}
