// `newsbrief deliveries [--failed]`: the ledger as the operator reads it, on a real SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { createSqliteDeliveryLedger } from '../../src/store/sqlite-delivery-ledger.js';
import { Sink } from '../support/io.js';

let dir: string;
let db: string;
async function cli(args: string[]) {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await runCli(args, { env: { NEWSBRIEF_DB: db }, stdout, stderr });
  return { code, out: stdout.text, err: stderr.text };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-deliveries-'));
  db = join(dir, 'd.db');
  const store = createSqliteStore(db);
  await store.init();
  const l = createSqliteDeliveryLedger(db);
  const lease = 60_000;
  await l.claim('digest:discord:G:C1:2026-03-08', { at: '2026-03-08T12:00:00.000Z', leaseMs: lease });
  await l.confirm('digest:discord:G:C1:2026-03-08', '1234', '2026-03-08T12:00:01.000Z');
  await l.claim('digest:slack:T:C2:2026-03-08', { at: '2026-03-08T12:01:00.000Z', leaseMs: lease });
  await l.fail('digest:slack:T:C2:2026-03-08', 'channel_not_found', 'dead');
  await l.claim('digest:slack:T:C3:2026-03-08', { at: '2026-03-08T12:02:00.000Z', leaseMs: lease });
  await l.fail('digest:slack:T:C3:2026-03-08', 'HTTP 503', { retryAt: '2026-03-08T12:07:00.000Z' });
  await l.close();
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('newsbrief deliveries', () => {
  it('lists every delivery, newest first', async () => {
    const r = await cli(['deliveries']);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('`digest:slack:T:C3:2026-03-08` **failed** (1 attempt): HTTP 503; retry from 2026-03-08T12:07:00.000Z');
    expect(lines[2]).toContain('`digest:discord:G:C1:2026-03-08` **sent** (1 attempt): message 1234');
  });

  it('--failed: the failed and the dead only; --json gives the records', async () => {
    const r = await cli(['deliveries', '--failed']);
    expect(r.out).not.toContain('C1');
    expect(r.out).toContain('**dead**');
    const j = await cli(['deliveries', '--failed', '--json']);
    expect(JSON.parse(j.out).map((d: { key: string; state: string }) => d.state)).toEqual(['failed', 'dead']);
  });

  it('refuses a bad --limit (exit 2) and a database that does not exist (exit 1)', async () => {
    expect((await cli(['deliveries', '--limit', '0'])).code).toBe(2);
    db = join(dir, 'none.db');
    const r = await cli(['deliveries']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no such database/);
  });
});
