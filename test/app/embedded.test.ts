// `npm start` in-process: the embedded bot ingests the bundled examples into a real SQLite file,
// posts a digest to the console chat, stays scheduled, and stops cleanly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startEmbedded } from '../../src/main.js';
import { createConsoleChat } from '../../src/chat/console-chat.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'newsbrief-embedded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

describe('embedded mode', () => {
  it('ingests the examples, prints a digest, and a restart reposts nothing as new', async () => {
    const db = join(dir, 'bot.db');
    const config = loadConfig({ NEWSBRIEF_DB: db, LOG_LEVEL: 'silent' });
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

    const bot2 = await startEmbedded(config, createConsoleChat(new Sink()));
    await bot2.stop();
    const store2 = createSqliteStore(db);
    await store2.init();
    expect(await store2.countArticles()).toBe(count);
    await store2.close();
  });

  it('refuses queue mode clearly until it exists', async () => {
    const config = loadConfig({ NEWSBRIEF_DB: join(dir, 'q.db'), REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'silent' });
    await expect(startEmbedded(config, createConsoleChat(new Sink()))).rejects.toThrow(/queue mode \(REDIS_URL\) is not available yet/);
  });
});
