// PostgreSQL migrations (versioned, once, under a lock; a newer schema refused) and the pool's
// configuration. The configuration tests need no server; the others a fresh database.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { migratePostgres, pgSchemaVersion, PG_MIGRATIONS } from '../../src/store/postgres/migrations.js';
import { createPgPoolFromConfig, redactUrl } from '../../src/store/postgres/pool.js';
import { openPostgresPorts } from '../../src/store/postgres/index.js';
import { usePostgres } from '../support/postgres.js';

const db = await usePostgres();

describe('PostgreSQL configuration', () => {
  it('reads DATABASE_URL (a postgres:// URL, never echoed) and NEWSBRIEF_PG_POOL (10 by default)', () => {
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
    expect(loadConfig({}).NEWSBRIEF_PG_POOL).toBe(10);
    const c = loadConfig({ DATABASE_URL: 'postgres://nb:pw@db.example:5432/newsbrief', NEWSBRIEF_PG_POOL: '25' });
    expect(c.DATABASE_URL).toBe('postgres://nb:pw@db.example:5432/newsbrief');
    expect(c.NEWSBRIEF_PG_POOL).toBe(25);
    expect(loadConfig({ DATABASE_URL: 'postgresql://127.0.0.1/nb' }).DATABASE_URL).toBe('postgresql://127.0.0.1/nb');
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:hunter2@db/x' })).toThrow(/DATABASE_URL=\(hidden\): expected a postgres:\/\/ URL/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:hunter2@db/x' })).not.toThrow(/hunter2/);
    for (const bad of ['0', '-1', 'many', '501']) expect(() => loadConfig({ NEWSBRIEF_PG_POOL: bad })).toThrow(/NEWSBRIEF_PG_POOL/);
  });

  it('makes a pool of NEWSBRIEF_PG_POOL connections only with DATABASE_URL; hides a password in messages', async () => {
    expect(createPgPoolFromConfig(loadConfig({}))).toBeUndefined();
    const pool = createPgPoolFromConfig(loadConfig({ DATABASE_URL: 'postgres://nb@127.0.0.1:1/nb', NEWSBRIEF_PG_POOL: '3' }))!;
    expect(pool.options.max).toBe(3);
    await pool.end(); // never connected: making a pool opens nothing
    expect(redactUrl('postgres://nb:secret@db.example/nb')).toBe('postgres://nb:***@db.example/nb');
    expect(redactUrl('postgres://db.example/nb')).toBe('postgres://db.example/nb');
  });
});

if (db) {
  describe('PostgreSQL migrations', () => {
    it('apply once, in order, recorded in schema_migrations', async () => {
      const schema = db.freshSchema();
      const pool = db.pool(schema);
      try {
        expect(await pgSchemaVersion(pool)).toBe(0);
        expect(await migratePostgres(pool, { schema })).toEqual(PG_MIGRATIONS.map((m) => m.version));
        expect(await migratePostgres(pool, { schema })).toEqual([]);
        expect(await pgSchemaVersion(pool)).toBe(Math.max(...PG_MIGRATIONS.map((m) => m.version)));
        const tables = await pool.query<{ t: string }>('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1', [schema]);
        expect(tables.rows.map((r) => r.t)).toEqual(
          expect.arrayContaining(['briefing_cache', 'channel_settings', 'channel_sources', 'channel_subscriptions', 'deliveries', 'digest_cursors', 'model_usage', 'schema_migrations', 'source_polls', 'story_post_channels', 'story_posts']),
        );
      } finally {
        await pool.end();
      }
    });

    it('two pools (two processes) migrating one fresh schema at once: applied once, both ready', async () => {
      const schema = db.freshSchema();
      const a = db.pool(schema);
      const b = db.pool(schema);
      try {
        const [x, y] = await Promise.all([migratePostgres(a, { schema }), migratePostgres(b, { schema })]);
        expect([...x, ...y]).toEqual(PG_MIGRATIONS.map((m) => m.version));
        const n = await a.query<{ n: string }>('SELECT count(*) AS n FROM schema_migrations');
        expect(Number(n.rows[0]!.n)).toBe(PG_MIGRATIONS.length);
      } finally {
        await a.end();
        await b.end();
      }
    });

    it('refuses a database a newer release migrated, with a clear message, changing nothing', async () => {
      const schema = db.freshSchema();
      const pool = db.pool(schema);
      try {
        const newer = [...PG_MIGRATIONS, { version: 99, name: 'from the future', sql: 'CREATE TABLE future_things (id INTEGER)' }];
        await migratePostgres(pool, { schema, migrations: newer });
        const where = db.url.replace('postgres://postgres@', 'postgres://postgres:s3cret@');
        const refusal = migratePostgres(pool, { schema, where });
        const latest = Math.max(...PG_MIGRATIONS.map((m) => m.version));
        await expect(refusal).rejects.toThrow(new RegExp(`written by a newer newsbrief \\(schema version 99, this release knows up to ${latest}\\); upgrade newsbrief or use another DATABASE_URL`));
        await expect(migratePostgres(pool, { schema, where })).rejects.toMatchObject({ name: 'UserError', code: 'unavailable' });
        await expect(migratePostgres(pool, { schema, where })).rejects.not.toThrow(/s3cret/);
        expect(await pgSchemaVersion(pool)).toBe(99);
        // The ports refuse it too, and leave no pool open behind them.
        await expect(openPostgresPorts({ url: db.url, schema })).rejects.toThrow(/newer newsbrief/);
      } finally {
        await pool.end();
      }
    });

    it('a migration that fails leaves nothing of itself, and the ones before it applied', async () => {
      const schema = db.freshSchema();
      const pool = db.pool(schema);
      try {
        // The next number after this release's: every version before it applied, that one not.
        const latest = Math.max(...PG_MIGRATIONS.map((m) => m.version));
        const broken = [...PG_MIGRATIONS, { version: latest + 1, name: 'half done', sql: 'CREATE TABLE half (id INTEGER); SELECT no_such_function()' }];
        await expect(migratePostgres(pool, { schema, migrations: broken })).rejects.toThrow(new RegExp(`migration ${latest + 1} \\(half done\\) failed`));
        expect(await pgSchemaVersion(pool)).toBe(latest);
        const half = await pool.query<{ t: string | null }>("SELECT to_regclass('half')::text AS t");
        expect(half.rows[0]!.t).toBeNull();
      } finally {
        await pool.end();
      }
    });

    it('opens every port on one pool, migrated', async () => {
      const schema = db.freshSchema();
      const ports = await openPostgresPorts({ url: db.url, schema, max: 2 });
      try {
        expect(await ports.ledger.claim('k', { at: '2026-03-08T06:00:00.000Z', leaseMs: 60_000 })).toBe(true);
        expect(await ports.channels.listSubscribedChannels()).toEqual([]);
        expect(await ports.sourcePolls.due('2026-03-08T06:00:00.000Z')).toEqual([]);
        expect(await ports.storyPosts.startAfter('slack:T:C', 5, '2026-03-08T06:00:00.000Z')).toBe(5);
        expect(await ports.briefings.tokensOn('2026-03-08')).toBe(0);
      } finally {
        await ports.close();
      }
    });
  });
} else {
  it.skip('PostgreSQL migrations (no server)', () => {});
}
