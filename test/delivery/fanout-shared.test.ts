// Fan-out from several processes within one platform budget (ADR 024): three Discord posters, each
// with its own REST client and its own Redis connection, against the local Discord enforcing its
// global limit with real 429s; and two Slack posters to one channel. With per-process pacers the
// same posters run into the limit (the reason the pacers moved to Redis).
import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import type { DigestView } from '../../src/commands/view.js';
import { createSpacingPacer, type Pacer } from '../../src/limits/pacer.js';
import { createRedisKeyedPacer, createRedisSpacingPacer } from '../../src/limits/redis-pacer.js';
import { createDigestRest, createDiscordChat } from '../../src/platforms/discord/chat.js';
import { startDiscordServer, type DiscordServer } from '../../src/platforms/discord/local-server.js';
import { createDigestWebClient, createSlackChat } from '../../src/platforms/slack/chat.js';
import { startLocalSlack, type LocalSlack } from '../../src/platforms/slack/local-server.js';
import { describeWithRedis, useRedisClients } from '../support/redis.js';

const EMPTY: DigestView = { kind: 'digest', window: '24h', items: [] };
const GUILD = '400000000000000001';

describeWithRedis('fan-out from several processes, one budget', (server) => {
  const connect = useRedisClients(server);
  let discord: DiscordServer | undefined;
  let slack: LocalSlack | undefined;
  afterEach(async () => {
    await discord?.close();
    await slack?.close();
    discord = slack = undefined;
  });

  const channels = (from: bigint, n: number) => Array.from({ length: n }, (_, i) => String(from + BigInt(i)));
  const fanOut = async (pacers: Pacer[], ids: string[], tag: string) => {
    const chats = pacers.map((p) => createDiscordChat(createDigestRest('t', discord!.api), p));
    await Promise.all(
      ids.map((id, i) => chats[i % chats.length]!.postDigest({ channel: id, to: { platform: 'discord', workspaceId: GUILD, channelId: id }, title: 'Digest', digest: EMPTY, deliveryKey: `digest:${tag}:${id}` })),
    );
  };

  it('Discord: three processes sharing a 9/s pacer in Redis cost no 429 against a 10/s limit; three pacers of their own do', async () => {
    discord = await startDiscordServer({ limits: { globalPerSecond: 10 } });
    const prefix = `t-${randomUUID().slice(0, 8)}`;
    const shared = await Promise.all([0, 1, 2].map(async () => createRedisSpacingPacer({ redis: await connect(), prefix, perSecond: 9 })));
    await fanOut(shared, channels(730000000000000000n, 27), 'shared');
    expect(discord.rateLimited.global).toBe(0);
    expect(discord.channelMessages).toHaveLength(27);

    await new Promise((r) => setTimeout(r, 1100));
    const own = [0, 1, 2].map(() => createSpacingPacer({ perSecond: 9 }));
    await fanOut(own, channels(740000000000000000n, 27), 'own');
    expect(discord.rateLimited.global).toBeGreaterThan(0);
    // Sat out and sent again: every post still arrives once.
    expect(discord.channelMessages).toHaveLength(54);
  }, 40_000);

  it('Slack: two processes posting to one channel keep its one message a second between them', async () => {
    slack = await startLocalSlack({ perChannelIntervalMs: 1000 });
    const prefix = `t-${randomUUID().slice(0, 8)}`;
    const chats = await Promise.all(
      [0, 1].map(async () => createSlackChat(createDigestWebClient('xoxb-t', slack!.apiUrl), createRedisKeyedPacer({ redis: await connect(), prefix, intervalMs: 1_100 }))),
    );
    const started = Date.now();
    await Promise.all(
      [0, 1, 2, 3].map((n) => chats[n % 2]!.postDigest({ channel: 'C1', to: { platform: 'slack', workspaceId: 'T1', channelId: 'C1' }, title: 'Digest', digest: EMPTY, deliveryKey: `digest:C1:${n}` })),
    );
    expect(slack.posted).toHaveLength(4);
    expect(slack.rateLimited).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 1_100 - 50);
  }, 20_000);
});
