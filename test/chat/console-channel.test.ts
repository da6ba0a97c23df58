// The console twin, end to end: `subscribe`, `settings` and `sources list` piped into the real CLI
// (bin/newsbrief.js chat, compiled by the global setup) on a real SQLite file, and the CLI's own
// commands reading the same console channel afterwards.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, chat, ingestGaza } from './chat-process.js';

let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-chat-channel-'));
  db = join(dir, 'chat.db');
  await ingestGaza(db);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('newsbrief chat: a channel\'s subscriptions, settings and sources', () => {
  it('sets them line by line, refuses bad values in one line each, and keeps them in the database', async () => {
    const r = await chat(db, [
      'settings',
      'subscribe actor "Khalil al-Hayya"',
      '/news subscribe all',
      'settings timezone europe/berlin digest-time 7:05',
      'settings --quiet-days skip',
      'settings digest-time 25:00',
      'sources add https://news.example/feed.xml',
      'sources add http://192.168.1.1/feed',
      'sources list',
      'unsubscribe all',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('**Settings**\n- digest time: 08:00 (default)\n- time zone: UTC (default)\n- quiet days: post (default)\n- story posts: on (default)\n');
    expect(r.out).toContain('subscribed to actor Khalil al-Hayya\n**Subscriptions** (1 of at most 100)\n- actor: Khalil al-Hayya\n');
    expect(r.out).toContain('subscribed to all stories\n**Subscriptions** (2 of at most 100)\n- actor: Khalil al-Hayya\n- all stories\n');
    expect(r.out).toContain('- digest time: 07:05 (changed)\n- time zone: Europe/Berlin (changed)\n- quiet days: post (default)\n- story posts: on (default)\n');
    expect(r.out).toContain('- quiet days: skip (changed)\n');
    expect(r.out).toContain('_digest time must be HH:MM from 00:00 to 23:59, got "25:00"_\n');
    expect(r.out).toContain('source added: https://news.example/feed.xml\n');
    expect(r.out).toMatch(/_refused: http:\/\/192\.168\.1\.1\/feed names a loopback, private or reserved address: a source must be public_/);
    expect(r.out).toMatch(/\*\*Sources\*\* \(1 of at most 50\)\n1\. <https:\/\/news\.example\/feed\.xml> \(added \d{4}-\d\d-\d\d\): not polled yet\n/);
    expect(r.out).toContain('unsubscribed from all stories\n**Subscriptions** (1 of at most 100)\n- actor: Khalil al-Hayya\n');

    // A second session, and the CLI itself, see the same console channel.
    const again = await chat(db, ['settings']);
    expect(again.out).toContain('- digest time: 07:05\n- time zone: Europe/Berlin\n- quiet days: skip\n');
    const { stdout } = await promisify(execFile)(process.execPath, [bin, '--db', db, 'sources', 'list', '--json'], { env: { ...process.env, NEWSBRIEF_DB: db } });
    expect(JSON.parse(stdout)).toEqual([{ url: 'https://news.example/feed.xml', addedAt: expect.stringMatching(/^\d{4}-/) }]);
  }, 60_000);

  it('help lists the channel commands, marked for admins', async () => {
    const r = await chat(db, ['help', 'help settings']);
    expect(r.out).toContain('- `subscribe <topic|actor|all...>`: Admin:');
    expect(r.out).toContain('`settings [setting value...] [--digest-time <HH:MM>] [--timezone <IANA zone>] [--quiet-days <post|skip>] [--story-posts <on|off>]`\n');
  }, 60_000);
});
