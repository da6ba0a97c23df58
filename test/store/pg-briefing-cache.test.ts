// The BriefingCache and ModelUsage contract on a real PostgreSQL (a fresh database for the file, a
// fresh schema for each test), the second handle on a pool of its own.
import { it } from 'vitest';
import { createPgBriefingCache } from '../../src/store/postgres/pg-briefing-cache.js';
import type { PgPool } from '../../src/store/postgres/pool.js';
import { usePostgres } from '../support/postgres.js';
import { describeBriefingCacheContract } from './briefing-cache-contract.js';

const db = await usePostgres();

if (db) {
  describeBriefingCacheContract('postgres', async () => {
    const { pool, schema } = await db.migratedPool();
    const cache = createPgBriefingCache(pool);
    const others: PgPool[] = [];
    return {
      cache,
      second: async () => {
        const other = db.pool(schema);
        others.push(other);
        return createPgBriefingCache(other);
      },
      async cleanup() {
        for (const o of others) await o.end();
        await cache.close();
        await pool.end();
      },
    };
  });
} else {
  it.skip('PostgreSQL briefing cache (no server)', () => {});
}
