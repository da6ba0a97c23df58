// DeliveryLedger over the SQLite store's file, through its own better-sqlite3 connection (WAL), like
// the channel store. Its tables come from migration 6, which the Store's init applies. A claim is
// one IMMEDIATE transaction: two processes (or two ticks) cannot both take a key.
import { openSideConnection } from './sqlite-side-connection.js';
import type { DeliveryLedger, DeliveryState } from './delivery-ledger.js';
import { deliveryOf } from './rows.js';

type Row = Record<string, unknown>;
const MAX_ERROR_CHARS = 500;

export function createSqliteDeliveryLedger(path: string): DeliveryLedger {
  const db = openSideConnection(path, ['deliveries', 'digest_cursors'], `${path}: no delivery tables (open the store first: its migrations create them)`);
  const p = (sql: string) => db.prepare(sql);
  const st = {
    get: p('SELECT * FROM deliveries WHERE key = ?'),
    insert: p("INSERT INTO deliveries (key, state, attempts, claimed_at) VALUES (?, 'claimed', 1, ?)"),
    retake: p("UPDATE deliveries SET state = 'claimed', attempts = attempts + 1, claimed_at = ?, retry_at = NULL WHERE key = ?"),
    confirm: p("UPDATE deliveries SET state = 'sent', message_id = ?, sent_at = ?, last_error = NULL, retry_at = NULL WHERE key = ?"),
    fail: p('UPDATE deliveries SET state = ?, last_error = ?, retry_at = ? WHERE key = ?'),
    requeue: p("UPDATE deliveries SET state = 'failed', retry_at = NULL WHERE key = ? AND state IN ('failed', 'dead')"),
    list: p('SELECT * FROM deliveries ORDER BY claimed_at DESC, key LIMIT ?'),
    listFailed: p("SELECT * FROM deliveries WHERE state IN ('failed', 'dead') ORDER BY claimed_at DESC, key LIMIT ?"),
    cursor: p('SELECT last_digest_at FROM digest_cursors WHERE channel = ?').pluck(),
    setCursor: p(`INSERT INTO digest_cursors (channel, last_digest_at) VALUES (?, ?)
      ON CONFLICT (channel) DO UPDATE SET last_digest_at = max(last_digest_at, excluded.last_digest_at)`),
  };

  const claim = db.transaction((key: string, at: string, leaseMs: number): boolean => {
    const r = st.get.get(key) as Row | undefined;
    if (!r) return st.insert.run(key, at).changes > 0;
    const state = String(r.state) as DeliveryState;
    const t = Date.parse(at);
    const free =
      (state === 'claimed' && Date.parse(String(r.claimed_at)) + leaseMs <= t) ||
      (state === 'failed' && (r.retry_at == null || Date.parse(String(r.retry_at)) <= t));
    if (!free) return false;
    st.retake.run(at, key);
    return true;
  });
  const requeue = db.transaction((key: string): DeliveryState | undefined => {
    const r = st.get.get(key) as Row | undefined;
    if (!r) return undefined;
    st.requeue.run(key);
    return String(r.state) as DeliveryState;
  });
  const confirm = db.transaction((key: string, messageId: string | null, at: string, cursor?: { channel: string; at: string }) => {
    if (st.confirm.run(messageId, at, key).changes === 0) throw new Error(`delivery ${key} was never claimed`);
    if (cursor) st.setCursor.run(cursor.channel, cursor.at);
  });

  return {
    async claim(key, opts) {
      return claim.immediate(key, opts.at, opts.leaseMs);
    },
    async confirm(key, messageId, at, cursor) {
      confirm.immediate(key, messageId ?? null, at, cursor);
    },
    async fail(key, error, retry) {
      const msg = error.slice(0, MAX_ERROR_CHARS);
      const changed = retry === 'dead' ? st.fail.run('dead', msg, null, key) : st.fail.run('failed', msg, retry.retryAt, key);
      if (changed.changes === 0) throw new Error(`delivery ${key} was never claimed`);
    },
    async requeue(key) {
      return requeue.immediate(key);
    },
    async get(key) {
      const r = st.get.get(key) as Row | undefined;
      return r ? deliveryOf(r) : undefined;
    },
    async list(opts = {}) {
      const limit = Math.max(1, Math.min(opts.limit ?? 100, 1000));
      return ((opts.failed ? st.listFailed : st.list).all(limit) as Row[]).map(deliveryOf);
    },
    async digestCursor(channel) {
      const v = st.cursor.get(channel);
      return v == null ? undefined : String(v);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
