// Typed post failures end to end: the digest runner with the real Discord and Slack clients (the
// chats `npm start` builds for digests) against the local Discord and the local Slack, a real
// SQLite file and a clock the test moves. A 429 waits the platform's Retry-After, 5xx back off,
// an unknown channel or a missing permission is dead at once while other channels still get their
// digest, and `newsbrief deliveries retry KEY` sends a dead one again, once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openServices, type OpenServices } from '../../src/app/compose.js';
import { runCli } from '../../src/cli/main.js';
import { createDigestRunner, DIGEST_DEFAULTS, digestKey, parseDigestKey, type DigestRunner } from '../../src/delivery/digests.js';
import { backoffMs, GiveUp, RetryLater } from '../../src/domain/delivery-errors.js';
import { createDiscordChat, createDigestRest, discordFailure, discordNonce } from '../../src/platforms/discord/chat.js';
import { createDigestWebClient, createSlackChat, slackFailure } from '../../src/platforms/slack/chat.js';
import { startDiscordServer, type DiscordServer } from '../../src/platforms/discord/local-server.js';
import { startLocalSlack, type LocalSlack } from '../slack/local-slack.js';
import type { ChannelKey } from '../../src/domain/channels.js';
import { Sink } from '../support/io.js';

const G = '600000000000000001';
const A: ChannelKey = { platform: 'discord', workspaceId: G, channelId: '700000000000000021' };
const B: ChannelKey = { platform: 'discord', workspaceId: G, channelId: '700000000000000022' };
const S: ChannelKey = { platform: 'slack', workspaceId: 'T1', channelId: 'C0RETRY' };
const S2: ChannelKey = { platform: 'slack', workspaceId: 'T1', channelId: 'C0GONE' };

let dir: string;
let db: string;
let svc: OpenServices;
let discord: DiscordServer;
let slack: LocalSlack;
let clock: Date;
let runner: DigestRunner;

async function cli(args: string[]) {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await runCli(args, { env: { NEWSBRIEF_DB: db }, stdout, stderr });
  return { code, out: stdout.text, err: stderr.text };
}

/** First messages of a digest delivery that arrived in a Discord channel (its nonce, part 0). */
const arrived = (ch: ChannelKey, date: string) => discord.channelMessages.filter((m) => m.channelId === ch.channelId && m.body.nonce === discordNonce(digestKey(ch, date), 0));
const slackArrived = (ch: ChannelKey, date: string) =>
  slack.posted.filter((m) => m.channel === ch.channelId && (m.metadata as { event_payload?: { key?: string; part?: number } })?.event_payload?.key === digestKey(ch, date) && (m.metadata as { event_payload: { part: number } }).event_payload.part === 0);
const at = (iso: string) => (clock = new Date(iso));
const later = (ms: number) => (clock = new Date(clock.getTime() + ms));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-retry-'));
  db = join(dir, 'r.db');
  discord = await startDiscordServer();
  slack = await startLocalSlack();
  svc = await openServices(loadConfig({ NEWSBRIEF_DB: db, LOG_LEVEL: 'silent' }));
  for (const ch of [A, B, S, S2]) {
    await svc.channels.subscribe(ch, 'all', '', 'U1', '2026-03-01T00:00:00Z');
    await svc.channels.updateSettings(ch, { digestTime: '09:00', timeZone: 'UTC' }, 'U1', '2026-03-01T00:00:00Z');
  }
  const chats = {
    discord: createDiscordChat(createDigestRest('retry-token', discord.api)),
    slack: createSlackChat(createDigestWebClient('xoxb-retry', slack.apiUrl)),
  };
  runner = createDigestRunner({
    services: svc,
    ledger: svc.deliveries,
    chatFor: (k) => (k.platform === 'console' ? undefined : chats[k.platform]),
    channels: () => svc.channels.listSubscribedChannels(),
    now: () => clock,
    defaults: { ...DIGEST_DEFAULTS, timeZone: 'UTC', firstWindow: '24h', maxStories: 3 },
  });
}, 30_000);

afterAll(async () => {
  await svc?.close();
  await discord?.close();
  await slack?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('typed post failures', () => {
  it('the adapters map platform failures: 429 and 5xx retry later, lost channels and permissions give up', () => {
    expect(slackFailure({ code: 'slack_webapi_platform_error', data: { error: 'not_in_channel' } })).toBeInstanceOf(GiveUp);
    expect(slackFailure({ code: 'slack_webapi_platform_error', data: { error: 'is_archived' } })).toBeInstanceOf(GiveUp);
    expect(slackFailure({ code: 'slack_webapi_platform_error', data: { error: 'missing_scope' } })).toBeInstanceOf(GiveUp);
    expect(slackFailure({ code: 'slack_webapi_rate_limited_error', retryAfter: 42 })).toMatchObject({ afterMs: 42_000 });
    expect(slackFailure({ code: 'slack_webapi_http_error', statusCode: 503 })).toBeInstanceOf(RetryLater);
    const other = new Error('msg_too_long');
    expect(slackFailure(other)).toBe(other);
    expect(discordFailure(other)).toBe(other);
    expect(backoffMs(1, 1000, 60_000)).toBe(1000);
    expect(backoffMs(3, 1000, 60_000)).toBe(4000);
    expect(backoffMs(30, 1000, 60_000)).toBe(60_000);
    expect(parseDigestKey('digest:slack:T1:C1:2026-03-08')).toEqual({ channel: { platform: 'slack', workspaceId: 'T1', channelId: 'C1' }, date: '2026-03-08' });
    expect(parseDigestKey('story:x')).toBeUndefined();
  });

  it('Discord 429 with Retry-After: failed until the wait is over (nothing blocks), then arrives once', async () => {
    discord.failPosts(A.channelId, { status: 429, headers: { 'retry-after': '30' }, body: { message: 'You are being rate limited.', retry_after: 30, global: false } });
    at('2026-03-08T09:00:00Z');
    const started = Date.now();
    expect(await runner.deliver(A, '2026-03-08')).toBe('failed');
    expect(Date.now() - started).toBeLessThan(10_000); // the client did not sit out the 30 s
    const d = await svc.deliveries.get(digestKey(A, '2026-03-08'));
    expect(d).toMatchObject({ state: 'failed', attempts: 1 });
    // Retry-After (30 s) plus the client's small safety offset (discord.js adds 50 ms).
    expect(Date.parse(d!.retryAt!) - clock.getTime()).toBeGreaterThanOrEqual(30_000);
    expect(Date.parse(d!.retryAt!) - clock.getTime()).toBeLessThan(31_000);
    later(29_000);
    expect(await runner.deliver(A, '2026-03-08')).toBe('already');
    later(1_000);
    expect(await runner.deliver(A, '2026-03-08')).toBe('already');
    later(1_000);
    expect(await runner.deliver(A, '2026-03-08')).toBe('sent');
    expect(await runner.deliver(A, '2026-03-08')).toBe('already');
    expect(arrived(A, '2026-03-08')).toHaveLength(1);
  });

  it('Discord 500s for a while: retried with a growing wait, then arrives once', async () => {
    const e500 = { status: 500, body: { message: 'Internal Server Error', code: 0 } };
    discord.failPosts(A.channelId, e500, e500, e500, e500); // the client tries twice per delivery
    at('2026-03-09T09:00:00Z');
    expect(await runner.deliver(A, '2026-03-09')).toBe('failed');
    const key = digestKey(A, '2026-03-09');
    expect(Date.parse((await svc.deliveries.get(key))!.retryAt!)).toBe(clock.getTime() + DIGEST_DEFAULTS.retryAfterMs);
    later(DIGEST_DEFAULTS.retryAfterMs);
    expect(await runner.deliver(A, '2026-03-09')).toBe('failed');
    expect(Date.parse((await svc.deliveries.get(key))!.retryAt!)).toBe(clock.getTime() + 2 * DIGEST_DEFAULTS.retryAfterMs);
    later(DIGEST_DEFAULTS.retryAfterMs);
    expect(await runner.deliver(A, '2026-03-09')).toBe('already');
    later(DIGEST_DEFAULTS.retryAfterMs);
    expect(await runner.deliver(A, '2026-03-09')).toBe('sent');
    expect(arrived(A, '2026-03-09')).toHaveLength(1);
    expect(await svc.deliveries.get(key)).toMatchObject({ state: 'sent', attempts: 3 });
  });

  it('Slack 429 with Retry-After: failed for that long, then arrives once', async () => {
    slack.failPosts(S.channelId, { status: 429, retryAfter: 20 });
    at('2026-03-09T09:00:00Z');
    expect(await runner.deliver(S, '2026-03-09')).toBe('failed');
    expect(Date.parse((await svc.deliveries.get(digestKey(S, '2026-03-09')))!.retryAt!)).toBe(clock.getTime() + 20_000);
    later(20_000);
    expect(await runner.deliver(S, '2026-03-09')).toBe('sent');
    expect(slackArrived(S, '2026-03-09')).toHaveLength(1);
  });

  it('unknown channel, missing permission, channel_not_found: dead at once, listed; the other channel still gets its digest', async () => {
    discord.failPosts(A.channelId, { status: 404, body: { message: 'Unknown Channel', code: 10003 }, sticky: true });
    discord.failPosts(B.channelId, { status: 403, body: { message: 'Missing Permissions', code: 50013 }, sticky: true });
    slack.failPosts(S2.channelId, { error: 'channel_not_found', sticky: true });
    at('2026-03-10T09:00:00Z');
    const outcomes = Object.fromEntries((await runner.tick()).map((d) => [d.channel.channelId, d.outcome]));
    expect(outcomes).toEqual({ [A.channelId]: 'dead', [B.channelId]: 'dead', [S.channelId]: 'sent', [S2.channelId]: 'dead' });
    expect(slackArrived(S, '2026-03-10')).toHaveLength(1);
    for (const ch of [A, B, S2]) expect(await svc.deliveries.get(digestKey(ch, '2026-03-10'))).toMatchObject({ state: 'dead', attempts: 1 });
    expect((await svc.deliveries.get(digestKey(B, '2026-03-10')))!.lastError).toMatch(/50013/);
    // No further attempts, however long we wait.
    later(24 * 3_600_000);
    const next = await runner.tick();
    expect(next.filter((d) => d.date === '2026-03-10')).toEqual([]);
    const failed = await cli(['deliveries', '--failed']);
    expect(failed.code).toBe(0);
    for (const ch of [A, B, S2]) expect(failed.out).toContain(`\`${digestKey(ch, '2026-03-10')}\` **dead** (1 attempt)`);
    expect(failed.out).toContain('channel_not_found');
  });

  it('deliveries retry KEY after the channel is fixed: posted once by the next tick; unknown and sent keys refused', async () => {
    const key = digestKey(B, '2026-03-10');
    discord.failPosts(B.channelId); // the permission is granted
    const r = await cli(['deliveries', 'retry', key]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('was dead');
    expect(await svc.deliveries.get(key)).toMatchObject({ state: 'failed', attempts: 1 });
    expect((await svc.deliveries.get(key))!.retryAt).toBeUndefined();
    at('2026-03-11T08:00:00Z'); // the next day, before its own digest time: the tick finds the retried one
    const out = await runner.tick();
    expect(out.map((d) => [d.key, d.outcome])).toContainEqual([key, 'sent']);
    expect(arrived(B, '2026-03-10')).toHaveLength(1);
    expect(await svc.deliveries.get(key)).toMatchObject({ state: 'sent', attempts: 2 });
    expect((await runner.tick()).filter((d) => d.key === key)).toEqual([]);
    expect(arrived(B, '2026-03-10')).toHaveLength(1);
    // A still has no access: it stays dead until someone retries it.
    expect(await svc.deliveries.get(digestKey(A, '2026-03-10'))).toMatchObject({ state: 'dead' });

    const sent = await cli(['deliveries', 'retry', key]);
    expect(sent.code).toBe(1);
    expect(sent.err.trim().split('\n')).toHaveLength(1);
    expect(sent.err).toMatch(/already sent/);
    const unknown = await cli(['deliveries', 'retry', 'digest:discord:G:C:2020-01-01']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/no delivery with key/);
  });
});
