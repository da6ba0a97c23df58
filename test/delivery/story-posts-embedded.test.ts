// Story posts through the bot as `npm start` runs it (startEmbedded with DISCORD_* set, the local
// Discord, a real SQLite file, a clock the test moves): the sources folder is polled, a new story on
// a channel's topic is posted once, a later article with a new fact goes to the post's thread, and a
// restart posts nothing again.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { startEmbedded } from '../../src/main.js';
import { createConsoleChat } from '../../src/chat/console-chat.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { createSqliteChannelStore } from '../../src/store/sqlite-channel-store.js';
import { startDiscordServer, type DiscordServer } from '../../src/platforms/discord/local-server.js';
import type { ChannelKey } from '../../src/domain/channels.js';
import { Sink, freePort } from '../support/io.js';

const fixtures = resolve(import.meta.dirname, '../fixtures');
const CHANNEL: ChannelKey = { platform: 'discord', workspaceId: '600000000000000001', channelId: '750000000000000001' };
const T0 = Date.now();

/** An Etc/GMT zone whose local hour at `t` is 1 (Etc/GMT-3 is UTC+3). */
function zoneWhereItIsAboutOne(t: number): string {
  let k = (((1 - new Date(t).getUTCHours()) % 24) + 24) % 24;
  if (k > 14) k -= 24;
  return k === 0 ? 'UTC' : k > 0 ? `Etc/GMT-${k}` : `Etc/GMT+${-k}`;
}

let dir: string;
let folder: string;
let discord: DiscordServer;
let config: Config;

async function runAt(minutes: number): Promise<void> {
  const at = new Date(T0 + minutes * 60_000);
  const bot = await startEmbedded(config, createConsoleChat(new Sink()), { now: () => at });
  await bot.stop();
}
// Story posts only (a digest, should its time come during the test, opens with "**Digest**").
const top = () => discord.channelMessages.filter((m) => m.channelId === CHANNEL.channelId && !String(m.body?.content ?? '').startsWith('**Digest**'));
const text = (m: { body: any }) => JSON.stringify(m.body);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-story-embedded-'));
  folder = join(dir, 'sources');
  mkdirSync(folder);
  copyFileSync(join(fixtures, 'trade', '001.txt'), join(folder, 'trade-001.txt'));
  discord = await startDiscordServer();
  config = loadConfig({
    NEWSBRIEF_DB: join(dir, 'bot.db'),
    NEWSBRIEF_SOURCES: folder,
    // Digests are not what this test is about: in a zone where the test starts at about 01:00, a
    // digest at 23:00 is hours past every run here, whatever the time of day the suite runs at.
    NEWSBRIEF_DIGEST_TIME: '23:00',
    NEWSBRIEF_TZ: zoneWhereItIsAboutOne(T0),
    LOG_LEVEL: 'silent',
    DISCORD_TOKEN: 'story-token',
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_BASE: discord.api,
    NEWSBRIEF_HTTP_PORT: String(await freePort()),
  });
  const store = createSqliteStore(config.NEWSBRIEF_DB);
  await store.init();
  const channels = createSqliteChannelStore(config.NEWSBRIEF_DB);
  await channels.subscribe(CHANNEL, 'topic', 'Lake Varna dam', 'U1', new Date().toISOString());
  await channels.close();
  await store.close();
}, 30_000);

afterAll(async () => {
  await discord?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('story posts as npm start runs them', () => {
  it('a new story is posted once; a new fact goes to its thread; a restart reposts nothing', async () => {
    await runAt(0); // the channel's first run: what is stored now is its digest's
    expect(top()).toHaveLength(0);

    copyFileSync(join(fixtures, 'story-posts', '01-first.txt'), join(folder, '01-first.txt'));
    await runAt(20); // the folder is due again: polled, a new story, posted
    expect(top()).toHaveLength(1);
    expect(text(top()[0]!)).toContain('Lake Varna');

    copyFileSync(join(fixtures, 'story-posts', '03-new-fact.txt'), join(folder, '03-new-fact.txt'));
    await runAt(120);
    expect(top()).toHaveLength(1);
    expect(discord.threads).toHaveLength(1);
    expect(discord.threads[0]!.messageId).toBe(top()[0]!.id);
    const inThread = discord.channelMessages.filter((m) => m.channelId === discord.threads[0]!.id);
    expect(inThread).toHaveLength(1);
    expect(text(inThread[0]!)).toContain('40 million');

    await runAt(121);
    await runAt(240);
    expect(top()).toHaveLength(1);
    expect(discord.channelMessages.filter((m) => m.channelId === discord.threads[0]!.id)).toHaveLength(1);
  }, 60_000);
});
