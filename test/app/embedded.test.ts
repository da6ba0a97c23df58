// `npm start` in-process: the embedded bot ingests the bundled examples into a real SQLite file,
// posts a digest to the console chat, stays scheduled, and stops cleanly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startEmbedded } from '../../src/main.js';
import { createConsoleChat } from '../../src/chat/console-chat.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { Sink } from '../support/io.js';

const dir = mkdtempSync(join(tmpdir(), 'newsbrief-embedded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('embedded mode', () => {
  it('ingests the examples, prints a digest, and a restart reposts nothing as new', async () => {
    const db = join(dir, 'bot.db');
    const config = loadConfig({ NEWSBRIEF_DB: db, NEWSBRIEF_HTTP_PORT: '0', LOG_LEVEL: 'silent' });
    const console1 = new Sink();
    const bot = await startEmbedded(config, createConsoleChat(console1));
    await bot.stop();
    expect(console1.text).toContain('# Digest: stories that moved in the last 24h');
    expect(console1.text).toContain('**Key Takeaways**');
    expect(console1.text).toMatch(/Northland|Larkspur|Cairo/);

    const store = createSqliteStore(db);
    await store.init();
    const count = await store.countArticles();
    expect(count).toBeGreaterThan(5);
    await store.close();

    // A restart the same day: the ingest adds nothing and today's digest is in the ledger, so
    // nothing is printed again (it used to print the same digest, character for character).
    const console2 = new Sink();
    const bot2 = await startEmbedded(config, createConsoleChat(console2));
    await bot2.stop();
    expect(console2.text).not.toContain('# Digest');
    expect(console2.text).not.toContain('Key Takeaways');
    const store2 = createSqliteStore(db);
    await store2.init();
    expect(await store2.countArticles()).toBe(count);
    await store2.close();
  });

  it('prints one digest per local day however often it starts, across a DST change', async () => {
    const db = join(dir, 'days.db');
    const config = loadConfig({ NEWSBRIEF_DB: db, NEWSBRIEF_HTTP_PORT: '0', LOG_LEVEL: 'silent', NEWSBRIEF_TZ: 'America/New_York', NEWSBRIEF_DIGEST_TIME: '08:00' });
    let clock = new Date('2026-03-07T15:00:00Z'); // 10:00 EST
    const now = (): Date => clock;
    const start = async (): Promise<string> => {
      const sink = new Sink();
      const bot = await startEmbedded(config, createConsoleChat(sink), { now });
      await bot.stop();
      return sink.text;
    };
    expect((await start()).match(/# Digest/g)).toHaveLength(1); // first run: today's digest
    expect(await start()).not.toContain('# Digest'); // same day: nothing
    clock = new Date('2026-03-08T04:30:00Z'); // 23:30 EST, still the 7th in New York
    expect(await start()).not.toContain('# Digest');
    clock = new Date('2026-03-08T16:00:00Z'); // noon EDT on the spring-forward day: the 8th's, once
    const next = await start();
    expect(next.match(/# Digest/g)).toHaveLength(1);
    expect(next).toContain('# Digest for 2026-03-08');
    clock = new Date('2026-03-08T16:01:00Z');
    expect(await start()).not.toContain('# Digest');

    const { createSqliteDeliveryLedger } = await import('../../src/store/sqlite-delivery-ledger.js');
    const ledger = createSqliteDeliveryLedger(db);
    const sent = await ledger.list();
    await ledger.close();
    expect(sent.map((d) => [d.key, d.state])).toEqual([
      ['digest:console:local:console:2026-03-08', 'sent'],
      ['digest:console:local:console:2026-03-07', 'sent'],
    ]);
  });

  it('says in one line, without the password, that queue mode cannot reach Redis', async () => {
    const config = loadConfig({ NEWSBRIEF_DB: join(dir, 'q.db'), REDIS_URL: 'redis://:hunter2@127.0.0.1:1', LOG_LEVEL: 'silent' });
    const failure = startEmbedded(config, createConsoleChat(new Sink()));
    await expect(failure).rejects.toThrow(/^queue mode: cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 \(.*ECONNREFUSED.*\); start it/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });
});
