// `newsbrief chat` as a user runs it: lines piped into bin/newsbrief.js (compiled by the global
// setup) on a store that already holds the Gaza fixtures.
import { execFile, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const root = resolve(import.meta.dirname, '../..');
export const bin = join(root, 'bin', 'newsbrief.js');

/** Ingests the Gaza fixtures into a new store at `db` through the CLI. */
export async function ingestGaza(db: string): Promise<void> {
  await promisify(execFile)(process.execPath, [bin, '--db', db, 'ingest', join(root, 'test', 'fixtures', 'gaza')], { env: { ...process.env, NEWSBRIEF_DB: db } });
}

/** Pipes `lines` into `newsbrief chat --db db`; resolves with its exit code and output. */
export function chat(db: string, lines: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, 'chat', '--db', db], { env: { ...process.env, NEWSBRIEF_DB: db } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out, err }));
    child.stdin.end(lines.map((l) => `${l}\n`).join(''));
  });
}
