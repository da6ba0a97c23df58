// The DeliveryLedger contract on a real PostgreSQL (a fresh database for the file, a fresh schema
// for each test), and claims raced across two pools, as two processes would.
import { describe, expect, it } from 'vitest';
import { createPgDeliveryLedger } from '../../src/store/postgres/pg-delivery-ledger.js';
import type { DeliveryLedger } from '../../src/store/delivery-ledger.js';
import type { PgPool } from '../../src/store/postgres/pool.js';
import { usePostgres } from '../support/postgres.js';
import { describeLedgerContract } from './ledger-contract.js';

const db = await usePostgres();
const T0 = '2026-03-08T06:00:00.000Z';
const at = (s: number): string => new Date(Date.parse(T0) + s * 1000).toISOString();
const LEASE = 60_000;

/** An adapter whose close() also ends its own pool (the second handle is another process's view). */
const owning = (pool: PgPool): DeliveryLedger => {
  const ledger = createPgDeliveryLedger(pool);
  return { ...ledger, close: async () => pool.end() };
};

if (db) {
  describeLedgerContract('postgres', async () => {
    const { pool, schema } = await db.migratedPool();
    const ledger = createPgDeliveryLedger(pool);
    return {
      ledger,
      second: async () => owning(db.pool(schema)),
      async cleanup() {
        await ledger.close();
        await pool.end();
      },
    };
  });

  describe('postgres delivery ledger: two pools', () => {
    it('20 claims of one new key across two pools at once: exactly one true', async () => {
      const { pool, schema } = await db.migratedPool(10);
      const other = db.pool(schema, 10);
      try {
        const a = createPgDeliveryLedger(pool);
        const b = createPgDeliveryLedger(other);
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a).claim('digest:discord:G:C:2026-03-08', { at: T0, leaseMs: LEASE })));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await b.get('digest:discord:G:C:2026-03-08')).toMatchObject({ state: 'claimed', attempts: 1, claimedAt: T0 });
      } finally {
        await pool.end();
        await other.end();
      }
    });

    it('20 claims of a key whose lease ran out, and of one whose retry time came: exactly one true each', async () => {
      const { pool, schema } = await db.migratedPool(10);
      const other = db.pool(schema, 10);
      try {
        const a = createPgDeliveryLedger(pool);
        const b = createPgDeliveryLedger(other);
        expect(await a.claim('stale', { at: T0, leaseMs: LEASE })).toBe(true);
        expect(await a.claim('retry', { at: T0, leaseMs: LEASE })).toBe(true);
        await a.fail('retry', 'HTTP 503', { retryAt: at(30) });
        const race = (key: string, when: string) => Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a).claim(key, { at: when, leaseMs: LEASE })));
        const [stale, retry] = await Promise.all([race('stale', at(60)), race('retry', at(30))]);
        expect(stale.filter(Boolean)).toHaveLength(1);
        expect(retry.filter(Boolean)).toHaveLength(1);
        expect(await b.get('stale')).toMatchObject({ state: 'claimed', attempts: 2, claimedAt: at(60) });
        expect(await b.get('retry')).toMatchObject({ state: 'claimed', attempts: 2, claimedAt: at(30) });
        expect((await b.get('retry'))!.retryAt).toBeUndefined();
      } finally {
        await pool.end();
        await other.end();
      }
    });

    it('a confirm that finds no claim moves no digest cursor', async () => {
      const { pool } = await db.migratedPool();
      try {
        const l = createPgDeliveryLedger(pool);
        await expect(l.confirm('never', 'M', T0, { channel: 'discord:G:C', at: T0 })).rejects.toThrow(/never claimed/);
        expect(await l.digestCursor('discord:G:C')).toBeUndefined();
      } finally {
        await pool.end();
      }
    });
  });
} else {
  it.skip('PostgreSQL delivery ledger (no server)', () => {});
}
