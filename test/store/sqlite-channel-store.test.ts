// The ChannelStore contract on a real SQLite file, migrated by the Store's init.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { createSqliteChannelStore } from '../../src/store/sqlite-channel-store.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { describeChannelStoreContract } from './contract.js';

async function open(): Promise<{ dir: string; path: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-channels-'));
  const path = join(dir, 'channels.db');
  const store = createSqliteStore(path);
  await store.init();
  return { dir, path, close: () => store.close() };
}

describeChannelStoreContract('sqlite', async () => {
  const { dir, path, close } = await open();
  const channels = createSqliteChannelStore(path);
  return {
    channels,
    async cleanup() {
      await channels.close();
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('sqlite channel store', () => {
  it('refuses a file the store has not migrated, and a missing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsbrief-channels-'));
    try {
      const store = createSqliteStore(join(dir, 'old.db'));
      await store.init(); // then the file is migrated: a fresh file with only the first migrations is not
      await store.close();
      const old = createSqliteStore(join(dir, 'v4.db'), MIGRATIONS.filter((m) => m.version <= 4));
      await old.init();
      await old.close();
      expect(() => createSqliteChannelStore(join(dir, 'v4.db'))).toThrow(/no channel tables/);
      expect(() => createSqliteChannelStore(join(dir, 'missing.db'))).toThrow();
      const ok = createSqliteChannelStore(join(dir, 'old.db'));
      await ok.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps what a channel set across reopening the file', async () => {
    const { dir, path, close } = await open();
    try {
      const key = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C9' };
      const a = createSqliteChannelStore(path);
      await a.addSource(key, 'https://news.example/feed', 'U1', '2026-06-06T10:00:00.000Z');
      await a.updateSettings(key, { timeZone: 'Asia/Tokyo' }, 'U1', '2026-06-06T10:00:00.000Z');
      await a.close();
      const b = createSqliteChannelStore(path);
      expect((await b.listSources(key)).map((s) => s.url)).toEqual(['https://news.example/feed']);
      expect(await b.getSettings(key)).toEqual({ timeZone: 'Asia/Tokyo' });
      await b.close();
    } finally {
      await close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
