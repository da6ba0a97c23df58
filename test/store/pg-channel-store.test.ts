// The ChannelStore contract on a real PostgreSQL: a fresh database for the file, a fresh schema
// (migrated) for each test. Skipped, saying so, where no server answers; failed under CI=true.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPgChannelStore } from '../../src/store/postgres/pg-channel-store.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { createSqliteChannelStore } from '../../src/store/sqlite-channel-store.js';
import type { ChannelStore } from '../../src/store/channel-store.js';
import { usePostgres } from '../support/postgres.js';
import { describeChannelStoreContract } from './contract.js';

const db = await usePostgres();

if (db) {
  describeChannelStoreContract('postgres', async () => {
    const { pool } = await db.migratedPool();
    const channels = createPgChannelStore(pool);
    return {
      channels,
      async cleanup() {
        await channels.close();
        await pool.end();
      },
    };
  });

  describe('postgres channel store', () => {
    it('keeps what a channel set for another pool (another process) to read', async () => {
      const { pool, schema } = await db.migratedPool();
      const other = db.pool(schema);
      try {
        const key = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C9' };
        const a = createPgChannelStore(pool);
        await a.addSource(key, 'https://news.example/feed', 'U1', '2026-06-06T10:00:00.000Z');
        await a.updateSettings(key, { timeZone: 'Asia/Tokyo' }, 'U1', '2026-06-06T10:00:00.000Z');
        const b = createPgChannelStore(other);
        expect((await b.listSources(key)).map((s) => s.url)).toEqual(['https://news.example/feed']);
        expect(await b.getSettings(key)).toEqual({ timeZone: 'Asia/Tokyo' });
      } finally {
        await pool.end();
        await other.end();
      }
    });

    it('matches subscriptions without regard to ASCII case only, as the SQLite store does', async () => {
      const { pool } = await db.migratedPool();
      const dir = mkdtempSync(join(tmpdir(), 'newsbrief-nocase-'));
      const store = createSqliteStore(join(dir, 'n.db'));
      await store.init();
      const lite = createSqliteChannelStore(join(dir, 'n.db'));
      try {
        const key = { platform: 'discord' as const, workspaceId: 'G', channelId: 'C' };
        const run = async (ch: ChannelStore) => [
          await ch.subscribe(key, 'actor', 'Émile Zola', 'U1', '2026-06-06T10:00:00.000Z'),
          await ch.subscribe(key, 'actor', 'ÉMILE ZOLA', 'U1', '2026-06-06T10:00:01.000Z'),
          await ch.subscribe(key, 'actor', 'émile zola', 'U1', '2026-06-06T10:00:02.000Z'),
          await ch.unsubscribe(key, 'actor', 'éMILE zola'),
          (await ch.listSubscriptions(key)).map((s) => s.value),
        ];
        const pgAnswers = await run(createPgChannelStore(pool));
        expect(pgAnswers).toEqual(await run(lite));
        expect(pgAnswers).toEqual([true, false, true, true, ['Émile Zola']]);
      } finally {
        await lite.close();
        await store.close();
        rmSync(dir, { recursive: true, force: true });
        await pool.end();
      }
    });

    it('two pools adding sources to one channel at once cannot pass the cap', async () => {
      const { pool, schema } = await db.migratedPool();
      const other = db.pool(schema);
      try {
        const key = { platform: 'discord' as const, workspaceId: 'G', channelId: 'C' };
        const a = createPgChannelStore(pool);
        const b = createPgChannelStore(other);
        for (let i = 0; i < 45; i++) await a.addSource(key, `https://s${i}.example/feed`, 'U1', '2026-06-06T10:00:00.000Z');
        const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a).addSource(key, `https://more${i}.example/feed`, 'U1', '2026-06-06T10:00:01.000Z')));
        expect(results.filter((r) => r.status === 'fulfilled' && r.value)).toHaveLength(5);
        expect(results.filter((r) => r.status === 'rejected')).toHaveLength(15);
        expect(await a.listSources(key)).toHaveLength(50);
      } finally {
        await pool.end();
        await other.end();
      }
    });
  });
} else {
  it.skip('PostgreSQL channel store (no server)', () => {});
}
