// The SourcePolls contract on a real SQLite file, migrated by the Store's init.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { sqlitePort } from '../support/sqlite-file.js';
import { createSqliteSourcePolls } from '../../src/store/sqlite-source-polls.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { describeSourcePollsContract } from './source-polls-contract.js';

describeSourcePollsContract('sqlite', async () => {
  const h = await sqlitePort('polls', createSqliteSourcePolls);
  return { polls: h.port, second: h.second, cleanup: h.cleanup };
});

describe('sqlite source polls: opening', () => {
  it('refuses a file without its table (a store from before migration 7), and never creates one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsbrief-polls-old-'));
    try {
      const path = join(dir, 'v6.db');
      const old = createSqliteStore(path, MIGRATIONS.filter((m) => m.version <= 6));
      await old.init();
      await old.close();
      expect(() => createSqliteSourcePolls(path)).toThrow(/no source_polls table/);
      expect(() => createSqliteSourcePolls(join(dir, 'missing.db'))).toThrow();
      // The store's own init brings the old file up to date; the adapter then opens it.
      const store = createSqliteStore(path);
      await store.init();
      const polls = createSqliteSourcePolls(path);
      expect(await polls.sync([{ url: 'https://news.example/feed.xml', intervalMs: 15 * 60_000 }], '2026-03-08T06:00:00.000Z')).toEqual({ added: 1, removed: 0 });
      await polls.close();
      await store.close();
      const db = new Database(path, { readonly: true });
      expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBeGreaterThanOrEqual(7);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
