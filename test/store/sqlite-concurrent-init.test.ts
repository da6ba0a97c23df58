// Processes that open a new SQLite archive at the same moment (queue mode's workers starting
// together) each run the migrations: every migration is applied once, and none of them fails with
// "table ... already exists".
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';

const dist = resolve(import.meta.dirname, '../../dist/store/sqlite-store.js');
const dir = mkdtempSync(join(tmpdir(), 'newsbrief-init-race-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Opens and migrates `path` at `at` (epoch ms): every process loaded and waiting, they start together. */
const openAndInit = (path: string, at: number): Promise<{ code: number | null; err: string }> =>
  new Promise((done) => {
    const script = `const { createSqliteStore } = await import(${JSON.stringify(dist)}); const s = createSqliteStore(${JSON.stringify(path)}); while (Date.now() < ${at}); await s.init(); await s.close();`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script]);
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => done({ code, err }));
  });

it('four processes opening one new file at once: every migration applied once, none fails', async () => {
  for (let round = 0; round < 4; round++) {
    const path = join(dir, `race-${round}.db`);
    const at = Date.now() + 1500;
    const results = await Promise.all(Array.from({ length: 4 }, () => openAndInit(path, at)));
    for (const r of results) expect(r.code, r.err).toBe(0);
    const db = new Database(path, { readonly: true });
    const versions = (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>).map((r) => r.version);
    db.close();
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version).sort((a, b) => a - b));
  }
}, 60_000);
