// Scheduled digests with the real clients: `startEmbedded` with DISCORD_* and SLACK_* pointed at the
// local Discord and the local Slack, a real SQLite file, and a clock the test moves. Two channels in
// two time zones (New York on its spring-forward day, Berlin), a third with nothing to say on a
// quiet day. Every restart finds what the ledger holds: nothing is posted twice or skipped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { startEmbedded } from '../../src/main.js';
import { createConsoleChat } from '../../src/chat/console-chat.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { createSqliteChannelStore } from '../../src/store/sqlite-channel-store.js';
import { createSqliteDeliveryLedger } from '../../src/store/sqlite-delivery-ledger.js';
import { startDiscordServer, type DiscordServer } from '../../src/platforms/discord/local-server.js';
import { discordNonce } from '../../src/platforms/discord/chat.js';
import { startLocalSlack, type LocalSlack } from '../slack/local-slack.js';
import type { ChannelKey } from '../../src/domain/channels.js';
import { Sink, freePort } from '../support/io.js';

const root = resolve(import.meta.dirname, '../..');
const NY: ChannelKey = { platform: 'discord', workspaceId: '600000000000000001', channelId: '700000000000000011' };
const QUIET: ChannelKey = { platform: 'discord', workspaceId: '600000000000000001', channelId: '700000000000000012' };
const SKIP: ChannelKey = { platform: 'discord', workspaceId: '600000000000000001', channelId: '700000000000000013' };
const BERLIN: ChannelKey = { platform: 'slack', workspaceId: 'T1', channelId: 'C0BERLIN' };

let dir: string;
let db: string;
let discord: DiscordServer;
let slack: LocalSlack;
let config: Config;
let clock: Date;
const consoleOut = new Sink();

async function runOnce(at: string): Promise<void> {
  clock = new Date(at);
  const bot = await startEmbedded(config, createConsoleChat(consoleOut), { now: () => clock });
  await bot.stop();
}

const posts = (channelId: string) => discord.channelMessages.filter((m) => m.channelId === channelId);
/** A digest may take several messages (10 embeds each at most): its first opens with "**Digest**". */
const digests = (channelId: string) => posts(channelId).filter((m) => String(m.body.content ?? '').startsWith('**Digest**'));
const slackPosts = () => slack.calls.filter((c) => c.method === 'chat.postMessage' && c.fields.channel === BERLIN.channelId);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-digests-'));
  db = join(dir, 'bot.db');
  discord = await startDiscordServer();
  slack = await startLocalSlack();
  config = loadConfig({
    NEWSBRIEF_DB: db,
    NEWSBRIEF_SOURCES: join(root, 'examples'),
    LOG_LEVEL: 'silent',
    DISCORD_TOKEN: 'digest-token',
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_BASE: discord.api,
    SLACK_BOT_TOKEN: 'xoxb-digest',
    SLACK_SIGNING_SECRET: 'digest-signing-secret-1234',
    SLACK_API_URL: slack.apiUrl,
    NEWSBRIEF_HTTP_PORT: String(await freePort()),
  });
  const store = createSqliteStore(db);
  await store.init();
  const channels = createSqliteChannelStore(db);
  const at = '2026-03-01T00:00:00.000Z';
  await channels.subscribe(NY, 'all', '', 'U1', at);
  await channels.updateSettings(NY, { timeZone: 'America/New_York', digestTime: '08:00' }, 'U1', at);
  await channels.subscribe(BERLIN, 'all', '', 'U1', at);
  await channels.updateSettings(BERLIN, { timeZone: 'Europe/Berlin', digestTime: '07:30' }, 'U1', at);
  await channels.subscribe(QUIET, 'topic', 'zzyzx quarterly widgets', 'U1', at);
  await channels.updateSettings(QUIET, { timeZone: 'America/New_York', digestTime: '08:00', quietDays: 'post' }, 'U1', at);
  await channels.subscribe(SKIP, 'topic', 'zzyzx quarterly widgets', 'U1', at);
  await channels.updateSettings(SKIP, { timeZone: 'America/New_York', digestTime: '08:00', quietDays: 'skip' }, 'U1', at);
  await channels.close();
  await store.close();
}, 30_000);

afterAll(async () => {
  await discord?.close();
  await slack?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scheduled digests, per channel, through the ledger', () => {
  it("posts in Berlin at 07:30 local while New York's 08:00 is still ahead", async () => {
    await runOnce('2026-03-08T11:00:00Z'); // 12:00 in Berlin, 07:00 EDT in New York (spring-forward day)
    expect(slackPosts()).toHaveLength(1);
    expect(slackPosts()[0]!.fields.channel).toBe('C0BERLIN');
    expect(JSON.parse(slackPosts()[0]!.fields.blocks!).length).toBeGreaterThan(0);
    expect(JSON.parse(slackPosts()[0]!.fields.metadata!)).toMatchObject({ event_type: 'newsbrief_delivery', event_payload: { key: 'digest:slack:T1:C0BERLIN:2026-03-08' } });
    expect(posts(NY.channelId)).toHaveLength(0);
    expect(consoleOut.text).toBe(''); // with platforms running the console is a log
  }, 60_000);

  it('a channel whose time passed while the process was down is posted once on restart', async () => {
    await runOnce('2026-03-08T13:00:00Z'); // down at 08:00 EDT (12:00Z), back at 09:00 EDT
    const ny = posts(NY.channelId);
    expect(digests(NY.channelId)).toHaveLength(1);
    // Each message of the digest: no mentions parsed, its own nonce from the delivery key.
    const key = 'digest:discord:600000000000000001:700000000000000011:2026-03-08';
    expect(ny.map((m) => m.body.nonce)).toEqual(ny.map((_, i) => discordNonce(key, i)));
    for (const { body } of ny) {
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(body.enforce_nonce).toBe(true);
      expect(body.nonce.length).toBeLessThanOrEqual(25);
      expect(body.embeds.length).toBeGreaterThan(0);
    }
    // The request carried the bot token, to the real route.
    const req = discord.requests.find((r) => r.method === 'POST' && r.path === `/channels/${NY.channelId}/messages`);
    expect(req?.headers.authorization).toBe('Bot digest-token');
    expect(slackPosts()).toHaveLength(1);
  }, 60_000);

  it('a post retried with the same delivery key is answered with the message already made', async () => {
    const { createDiscordChat } = await import('../../src/platforms/discord/chat.js');
    const { REST } = await import('discord.js');
    const rest = new REST({ version: '10', api: discord.api }).setToken('digest-token');
    const chat = createDiscordChat(rest);
    const digest = { kind: 'digest' as const, window: '24h', items: [] };
    const to = { ...NY, channelId: '700000000000000099' };
    const a = await chat.postDigest({ channel: to.channelId, to, title: 't', digest, deliveryKey: 'digest:retry' });
    const b = await chat.postDigest({ channel: to.channelId, to, title: 't', digest, deliveryKey: 'digest:retry' });
    expect(b?.messageId).toBe(a?.messageId);
    expect(a?.messageId).toBeDefined();
    expect(posts(to.channelId)).toHaveLength(1);
  });

  it('on Slack, a delivery claimed again finds the post it made before a crash and posts nothing', async () => {
    const { createSlackChat } = await import('../../src/platforms/slack/chat.js');
    const { WebClient } = await import('@slack/web-api');
    const chat = createSlackChat(new WebClient('xoxb-digest', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }));
    const digest = { kind: 'digest' as const, window: '24h', items: [] };
    const to = { ...BERLIN, channelId: 'C0CRASH' };
    const first = await chat.postDigest({ channel: to.channelId, to, title: 't', digest, deliveryKey: 'digest:crash' });
    // The process "died" before its confirm; the next claim is a retry.
    const again = await chat.postDigest({ channel: to.channelId, to, title: 't', digest, deliveryKey: 'digest:crash', retry: true });
    expect(again?.messageId).toBe(first?.messageId);
    expect(slack.posted.filter((m) => m.channel === 'C0CRASH')).toHaveLength(1);
    // Another key in the same channel is not mistaken for it.
    await chat.postDigest({ channel: to.channelId, to, title: 't', digest, deliveryKey: 'digest:other', retry: true });
    expect(slack.posted.filter((m) => m.channel === 'C0CRASH')).toHaveLength(2);
  });

  it('a quiet day: a one-line post, or nothing (quiet-days skip)', () => {
    const quiet = posts(QUIET.channelId);
    expect(quiet).toHaveLength(1);
    expect(quiet[0]!.body.content).toMatch(/No stories moved/);
    expect(quiet[0]!.body.embeds).toEqual([]);
    expect(posts(SKIP.channelId)).toHaveLength(0);
  });

  it('restarting twice posts nothing new', async () => {
    const before = discord.channelMessages.length;
    await runOnce('2026-03-08T13:05:00Z');
    await runOnce('2026-03-08T23:59:00Z');
    expect(discord.channelMessages.length).toBe(before);
    expect(slackPosts()).toHaveLength(1);
  }, 60_000);

  it('the next day, while running: the minute tick (a named job) posts each channel at its time', async () => {
    clock = new Date('2026-03-09T11:00:00Z'); // 07:00 EDT, 12:00 CET: Berlin is due at start, New York not
    const bot = await startEmbedded(config, createConsoleChat(consoleOut), { now: () => clock });
    try {
      expect(slackPosts()).toHaveLength(2);
      expect(digests(NY.channelId)).toHaveLength(1);
      const tick = async (): Promise<void> => {
        await bot.jobs.enqueue('digest-tick', {}, { idempotencyKey: `tick:${clock.toISOString()}` });
        await bot.jobs.drain();
      };
      clock = new Date('2026-03-09T11:59:00Z');
      await tick();
      expect(digests(NY.channelId)).toHaveLength(1);
      clock = new Date('2026-03-09T12:00:00Z'); // 08:00 EDT
      await tick();
      expect(digests(NY.channelId)).toHaveLength(2);
      clock = new Date('2026-03-09T12:01:00Z');
      await tick();
      expect(digests(NY.channelId)).toHaveLength(2);
      expect(slackPosts()).toHaveLength(2);
    } finally {
      await bot.stop();
    }
    const ledger = createSqliteDeliveryLedger(db);
    try {
      const all = await ledger.list();
      expect(all.every((d) => d.state === 'sent')).toBe(true);
      expect(all.map((d) => d.key).sort()).toEqual(
        [
          'digest:discord:600000000000000001:700000000000000011:2026-03-08',
          'digest:discord:600000000000000001:700000000000000011:2026-03-09',
          'digest:discord:600000000000000001:700000000000000012:2026-03-08',
          'digest:discord:600000000000000001:700000000000000012:2026-03-09',
          'digest:discord:600000000000000001:700000000000000013:2026-03-08',
          'digest:discord:600000000000000001:700000000000000013:2026-03-09',
          'digest:slack:T1:C0BERLIN:2026-03-08',
          'digest:slack:T1:C0BERLIN:2026-03-09',
        ].sort(),
      );
      const ny = await ledger.get('digest:discord:600000000000000001:700000000000000011:2026-03-09');
      expect(ny?.messageId).toBe(digests(NY.channelId)[1]!.id);
      expect(await ledger.digestCursor('discord:600000000000000001:700000000000000011')).toBe('2026-03-09T12:00:00.000Z');
      // The skipped quiet channel keeps its cursor where it was (none yet): its next digest covers the quiet days too.
      expect(await ledger.digestCursor('discord:600000000000000001:700000000000000013')).toBeUndefined();
    } finally {
      await ledger.close();
    }
  }, 60_000);

  it('while running: a digest that failed is posted by a later tick once its retry time has come', async () => {
    clock = new Date('2026-03-10T11:00:00Z'); // 07:00 EDT: New York not due yet
    const bot = await startEmbedded(config, createConsoleChat(consoleOut), { now: () => clock });
    try {
      const tick = async (): Promise<void> => {
        await bot.jobs.enqueue('digest-tick', {}, { idempotencyKey: `tick:${clock.toISOString()}` });
        await bot.jobs.drain();
      };
      const before = digests(NY.channelId).length;
      discord.failPosts(NY.channelId, { status: 500, body: { message: 'upstream', code: 0 }, sticky: true });
      clock = new Date('2026-03-10T12:00:00Z'); // 08:00 EDT: due, and Discord fails
      await tick();
      expect(digests(NY.channelId)).toHaveLength(before);
      discord.failPosts(NY.channelId); // Discord is back
      clock = new Date('2026-03-10T12:02:00Z'); // before the retry time (5 min): nothing
      await tick();
      expect(digests(NY.channelId)).toHaveLength(before);
      clock = new Date('2026-03-10T12:06:00Z'); // after it: the same process posts it, once
      await tick();
      expect(digests(NY.channelId)).toHaveLength(before + 1);
      clock = new Date('2026-03-10T12:07:00Z');
      await tick();
      expect(digests(NY.channelId)).toHaveLength(before + 1);
    } finally {
      await bot.stop();
    }
  }, 60_000);
});
