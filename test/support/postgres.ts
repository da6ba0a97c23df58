// A real PostgreSQL for the tests of src/store/postgres: a fresh database per test file
// (newsbrief_test_<pid>_<random>), made through the maintenance database and dropped after the
// file, its connections ended first. Each test takes a fresh schema in it (freshSchema).
//
// The server: NEWSBRIEF_TEST_PG_URL (a URL of its maintenance database), else
// postgres://postgres@127.0.0.1:5432/postgres. Where none answers, the file says so in one line and
// its PostgreSQL tests are skipped; under CI=true that is a failure instead: a CI run that skipped
// the database tests has not tested the database.
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import pg from 'pg';
import { createPgPool, type PgPool } from '../../src/store/postgres/pool.js';
import { migratePostgres } from '../../src/store/postgres/migrations.js';

export const PG_ADMIN_URL = process.env.NEWSBRIEF_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** The fresh database's URL. */
  url: string;
  name: string;
  /** A new, empty schema's name in it (not created: the migrations create it). */
  freshSchema(): string;
  /** A pool on the database with its search_path on `schema`; ended by the file's afterAll if not before. */
  pool(schema: string, max?: number): PgPool;
  /** A fresh schema, migrated, and a pool on it. */
  migratedPool(max?: number): Promise<{ pool: PgPool; schema: string }>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3_000 });
  c.on('error', () => {}); // a server going away mid-test is reported by the query that fails
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * A fresh database for this test file, or undefined (after one line saying why) where no server
 * answers. Throws instead under CI=true. Call at the top of the file (top-level await): it
 * registers the afterAll that drops the database.
 */
export async function usePostgres(): Promise<TestDatabase | undefined> {
  const name = `newsbrief_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
  } catch (err) {
    const why = `no PostgreSQL at ${PG_ADMIN_URL.replace(/:[^:@/]*@/, ':***@')} (${err instanceof Error ? err.message : String(err)})`;
    if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`${why}: under CI the PostgreSQL tests must run, not be skipped`);
    console.warn(`PostgreSQL tests skipped: ${why}`);
    return undefined;
  }
  const url = withDatabase(PG_ADMIN_URL, name);
  const pools: PgPool[] = [];
  let schemas = 0;
  afterAll(async () => {
    await Promise.allSettled(pools.map((p) => p.end()));
    await admin(async (c) => {
      // Whatever a test left connected would keep DROP DATABASE from running.
      await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
    });
  });
  const db: TestDatabase = {
    url,
    name,
    freshSchema: () => `t${++schemas}_${randomBytes(3).toString('hex')}`,
    pool(schema, max = 4) {
      const p = createPgPool({ url, schema, max });
      // Ended once: by the test that made it or by afterAll, never twice (pg refuses a second end).
      const end = p.end.bind(p);
      let ended: Promise<void> | undefined;
      p.end = () => (ended ??= end());
      pools.push(p);
      return p;
    },
    async migratedPool(max) {
      const schema = db.freshSchema();
      const pool = db.pool(schema, max);
      await migratePostgres(pool, { schema });
      return { pool, schema };
    },
  };
  return db;
}
