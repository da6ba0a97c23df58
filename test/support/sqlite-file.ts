// A port's SQLite adapter on a real file in a folder of its own, migrated by the Store's init (the
// adapters never create their tables): the handles a contract suite wants, and the cleanup.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../../src/store/sqlite-store.js';

export interface SqlitePort<P> {
  port: P;
  path: string;
  /** Another adapter on the same file (another connection, another process's view). */
  second(): Promise<P>;
  cleanup(): Promise<void>;
}

export async function sqlitePort<P extends { close(): Promise<void> }>(name: string, open: (path: string) => P): Promise<SqlitePort<P>> {
  const dir = mkdtempSync(join(tmpdir(), `newsbrief-${name}-`));
  const path = join(dir, `${name}.db`);
  const store = createSqliteStore(path);
  await store.init();
  const opened: P[] = [open(path)];
  return {
    port: opened[0]!,
    path,
    second: async () => {
      const p = open(path);
      opened.push(p);
      return p;
    },
    async cleanup() {
      for (const p of opened) await p.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
