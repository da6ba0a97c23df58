// DeliveryLedger over PostgreSQL (ADR 017, ADR 023), held to test/store/ledger-contract.ts. A
// claim is one INSERT ... ON CONFLICT DO UPDATE ... WHERE ... RETURNING: PostgreSQL inserts the key
// or locks its row and updates it only when it is free, so of any number of connections or
// processes claiming one key at once exactly one gets a row back.
import type { DeliveryLedger, DeliveryState } from '../delivery-ledger.js';
import { withTransaction, type PgPool } from './pool.js';
import { deliveryOf } from '../rows.js';

type Row = Record<string, unknown>;
const MAX_ERROR_CHARS = 500;


// Times are the caller's ISO strings: compared as timestamptz here, as Date.parse does in SQLite's
// adapter (the lease is added in the database, so the comparison is one statement with the write).
const CLAIM = `
  INSERT INTO deliveries (key, state, attempts, claimed_at) VALUES ($1, 'claimed', 1, $2::text)
  ON CONFLICT (key) DO UPDATE SET state = 'claimed', attempts = deliveries.attempts + 1, claimed_at = excluded.claimed_at, retry_at = NULL
  WHERE (deliveries.state = 'claimed' AND deliveries.claimed_at::timestamptz + $3::float8 * interval '1 millisecond' <= $2::text::timestamptz)
     OR (deliveries.state = 'failed' AND (deliveries.retry_at IS NULL OR deliveries.retry_at::timestamptz <= $2::text::timestamptz))
  RETURNING key`;

/** The pool is the caller's: close() leaves it open. */
export function createPgDeliveryLedger(pool: PgPool): DeliveryLedger {
  return {
    async claim(key, opts) {
      const r = await pool.query(CLAIM, [key, opts.at, opts.leaseMs]);
      return (r.rowCount ?? 0) > 0;
    },
    async confirm(key, messageId, at, cursor) {
      // One transaction: the cursor moves only with a confirm (ADR 017), never without it.
      await withTransaction(pool, async (c) => {
        const r = await c.query("UPDATE deliveries SET state = 'sent', message_id = $2, sent_at = $3, last_error = NULL, retry_at = NULL WHERE key = $1", [key, messageId ?? null, at]);
        if ((r.rowCount ?? 0) === 0) throw new Error(`delivery ${key} was never claimed`);
        if (cursor) {
          await c.query(
            `INSERT INTO digest_cursors (channel, last_digest_at) VALUES ($1, $2)
             ON CONFLICT (channel) DO UPDATE SET last_digest_at = greatest(digest_cursors.last_digest_at, excluded.last_digest_at)`,
            [cursor.channel, cursor.at],
          );
        }
      });
    },
    async fail(key, error, retry) {
      const msg = error.slice(0, MAX_ERROR_CHARS);
      const r = await pool.query('UPDATE deliveries SET state = $2, last_error = $3, retry_at = $4 WHERE key = $1', [
        key,
        retry === 'dead' ? 'dead' : 'failed',
        msg,
        retry === 'dead' ? null : retry.retryAt,
      ]);
      if ((r.rowCount ?? 0) === 0) throw new Error(`delivery ${key} was never claimed`);
    },
    async requeue(key) {
      return withTransaction(pool, async (c) => {
        // Locked: the state answered is the one the update saw.
        const r = await c.query<{ state: string }>('SELECT state FROM deliveries WHERE key = $1 FOR UPDATE', [key]);
        const state = r.rows[0]?.state;
        if (state === undefined) return undefined;
        await c.query("UPDATE deliveries SET state = 'failed', retry_at = NULL WHERE key = $1 AND state IN ('failed', 'dead')", [key]);
        return state as DeliveryState;
      });
    },
    async get(key) {
      const r = await pool.query('SELECT * FROM deliveries WHERE key = $1', [key]);
      const row = r.rows[0] as Row | undefined;
      return row ? deliveryOf(row) : undefined;
    },
    async list(opts = {}) {
      const limit = Math.max(1, Math.min(opts.limit ?? 100, 1000));
      const where = opts.failed ? "WHERE state IN ('failed', 'dead')" : '';
      const r = await pool.query(`SELECT * FROM deliveries ${where} ORDER BY claimed_at DESC, key LIMIT $1`, [limit]);
      return (r.rows as Row[]).map(deliveryOf);
    },
    async digestCursor(channel) {
      const r = await pool.query<{ last_digest_at: string }>('SELECT last_digest_at FROM digest_cursors WHERE channel = $1', [channel]);
      const v = r.rows[0]?.last_digest_at;
      return v == null ? undefined : String(v);
    },
    async close() {},
  };
}
