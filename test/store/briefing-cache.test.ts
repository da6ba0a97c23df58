// The briefing cache contract in memory and on a real SQLite file migrated by the Store's init.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { createSqliteBriefingCache } from '../../src/store/sqlite-briefing-cache.js';
import { createMemoryBriefingCache } from '../../src/store/briefing-cache.js';
import { describeBriefingCacheContract } from './briefing-cache-contract.js';

describeBriefingCacheContract('memory', async () => {
  const cache = createMemoryBriefingCache();
  return { cache, second: async () => cache, cleanup: async () => {} };
});

describeBriefingCacheContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-cache-'));
  const path = join(dir, 'cache.db');
  const store = createSqliteStore(path);
  await store.init();
  const cache = createSqliteBriefingCache(path);
  const others: Array<{ close(): Promise<void> }> = [];
  return {
    cache,
    second: async () => {
      const c = createSqliteBriefingCache(path);
      others.push(c);
      return c;
    },
    async cleanup() {
      for (const o of others) await o.close();
      await cache.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

it('refuses a database without its tables (the store was never opened)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-cache-'));
  try {
    expect(() => createSqliteBriefingCache(':memory:')).toThrow(/no briefing cache tables/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
