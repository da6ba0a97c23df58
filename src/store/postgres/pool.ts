// The PostgreSQL connection pool every adapter of this folder shares (ADR 023): one pg.Pool per
// process, sized by NEWSBRIEF_PG_POOL, owned by whoever made it (the adapters never end it).
import pg from 'pg';
import type { Config } from '../../config.js';

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

export interface PgPoolOptions {
  /** A postgres:// URL (DATABASE_URL). */
  url: string;
  /** Connections at most (NEWSBRIEF_PG_POOL). */
  max?: number;
  /**
   * Tables in this schema instead of the user's default (public): one database can then hold
   * several stores (tests use a fresh schema each). Created by the migrations when missing.
   */
  schema?: string;
  /** An idle connection that broke (a server restart). The pool has dropped it already. */
  onError?: (err: Error) => void;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A schema name safe to put in SQL as is (we never quote user input into identifiers). */
export function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`not a usable schema name: ${JSON.stringify(schema.slice(0, 70))} (lower case letters, digits and _)`);
  return schema;
}

export function createPgPool(opts: PgPoolOptions): PgPool {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.max ?? 10,
    // A server that is not there answers in seconds, not after the OS's TCP timeout.
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'newsbrief',
    ...(opts.schema !== undefined ? { options: `-c search_path=${checkSchemaName(opts.schema)}` } : {}),
  });
  // Without a listener an idle client's error would be an unhandled 'error' event, ending the process.
  pool.on('error', opts.onError ?? (() => {}));
  return pool;
}

/** The pool the configuration asks for; undefined without DATABASE_URL (the archive is SQLite). */
export function createPgPoolFromConfig(config: Pick<Config, 'DATABASE_URL' | 'NEWSBRIEF_PG_POOL'>, onError?: (err: Error) => void): PgPool | undefined {
  if (!config.DATABASE_URL) return undefined;
  return createPgPool({ url: config.DATABASE_URL, max: config.NEWSBRIEF_PG_POOL, ...(onError ? { onError } : {}) });
}

/** The URL as it may be shown (messages, logs): its password replaced. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

/**
 * Runs `fn` in one transaction on one connection of the pool: committed when it returns, rolled
 * back when it throws (the error then goes on to the caller as it was).
 */
export async function withTransaction<T>(pool: PgPool, fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    // A statement that failed outside a savepoint (its error caught by the caller) aborted the
    // transaction: PostgreSQL answers COMMIT with a rollback. Nothing was kept: say so.
    const done = await client.query('COMMIT');
    if (done.command === 'ROLLBACK') throw new Error('transaction rolled back: a statement in it failed earlier, nothing of it was kept');
    return result;
  } catch (err) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // A connection that cannot even roll back is not given back to the pool for reuse.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
    throw err;
  } finally {
    client.release(broken);
  }
}
