// The SourcePolls contract on a real PostgreSQL (a fresh database for the file, a fresh schema for
// each test), the second handle on a pool of its own, as another process.
import { describe, expect, it } from 'vitest';
import { createPgSourcePolls } from '../../src/store/postgres/pg-source-polls.js';
import type { SourcePolls } from '../../src/store/source-polls.js';
import type { PgPool } from '../../src/store/postgres/pool.js';
import { usePostgres } from '../support/postgres.js';
import { describeSourcePollsContract } from './source-polls-contract.js';

const db = await usePostgres();
const T0 = '2026-03-08T06:00:00.000Z';
const at = (min: number): string => new Date(Date.parse(T0) + min * 60_000).toISOString();

const owning = (pool: PgPool): SourcePolls => ({ ...createPgSourcePolls(pool), close: async () => pool.end() });

if (db) {
  describeSourcePollsContract('postgres', async () => {
    const { pool, schema } = await db.migratedPool();
    const polls = createPgSourcePolls(pool);
    return {
      polls,
      second: async () => owning(db.pool(schema)),
      async cleanup() {
        await polls.close();
        await pool.end();
      },
    };
  });

  describe('postgres source polls', () => {
    it('20 claims of one due poll across two pools at once: exactly one wins', async () => {
      const { pool, schema } = await db.migratedPool(10);
      const other = db.pool(schema, 10);
      try {
        const a = createPgSourcePolls(pool);
        const b = createPgSourcePolls(other);
        await a.sync([{ url: 'https://news.example/feed.xml', intervalMs: 15 * 60_000 }], T0);
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a).claim('https://news.example/feed.xml', { dueAt: T0, at: at(1), leaseUntil: at(16) })),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await b.get('https://news.example/feed.xml')).toMatchObject({ nextDueAt: at(16), lastPolledAt: at(1) });
      } finally {
        await pool.end();
        await other.end();
      }
    });

    it('keeps an interval longer than 25 days (past a 32-bit integer of ms)', async () => {
      const { pool } = await db.migratedPool();
      try {
        const p = createPgSourcePolls(pool);
        await p.sync([{ url: 'https://slow.example/feed', intervalMs: 30 * 86_400_000 }], T0);
        expect(await p.get('https://slow.example/feed')).toMatchObject({ intervalMs: 30 * 86_400_000 });
      } finally {
        await pool.end();
      }
    });
  });
} else {
  it.skip('PostgreSQL source polls (no server)', () => {});
}
