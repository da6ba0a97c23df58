// The briefing cache contract in memory and on a real SQLite file migrated by the Store's init.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { sqlitePort } from '../support/sqlite-file.js';
import { createSqliteBriefingCache } from '../../src/store/sqlite-briefing-cache.js';
import { createMemoryBriefingCache } from '../../src/store/briefing-cache.js';
import { describeBriefingCacheContract } from './briefing-cache-contract.js';

describeBriefingCacheContract('memory', async () => {
  const cache = createMemoryBriefingCache();
  return { cache, second: async () => cache, cleanup: async () => {} };
});

describeBriefingCacheContract('sqlite', async () => {
  const h = await sqlitePort('cache', createSqliteBriefingCache);
  return { cache: h.port, second: h.second, cleanup: h.cleanup };
});

it('refuses a database without its tables (the store was never opened)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-cache-'));
  try {
    expect(() => createSqliteBriefingCache(':memory:')).toThrow(/no briefing cache tables/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
