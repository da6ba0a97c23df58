// Fan-out within the platforms' limits (issue 10 item 5, ADR 021), with the real discord.js REST
// and Slack WebClient against the local stand-ins enforcing those limits with real 429s.
import { afterEach, describe, expect, it } from 'vitest';
import { createDigestRest, createDiscordChat } from '../../src/platforms/discord/chat.js';
import { startDiscordServer, type DiscordServer } from '../../src/platforms/discord/local-server.js';
import { createDigestWebClient, createSlackChat, createSlackPacer } from '../../src/platforms/slack/chat.js';
import { startLocalSlack, type LocalSlack } from '../../src/platforms/slack/local-server.js';
import { createSpacingPacer } from '../../src/limits/pacer.js';
import type { DigestView } from '../../src/commands/view.js';

const EMPTY: DigestView = { kind: 'digest', window: '24h', items: [] };
const GUILD = '400000000000000001';

let discord: DiscordServer | undefined;
let slack: LocalSlack | undefined;
afterEach(async () => {
  await discord?.close();
  await slack?.close();
  discord = slack = undefined;
});

describe('fan-out pacing', () => {
  it('Discord: a pace the server allows costs no 429; one it does not is sat out and every post arrives once', async () => {
    discord = await startDiscordServer({ limits: { globalPerSecond: 10 } });
    const channels = Array.from({ length: 30 }, (_, i) => String(720000000000000000n + BigInt(i)));
    const post = (chat: ReturnType<typeof createDiscordChat>, id: string, key: string) =>
      chat.postDigest({ channel: id, to: { platform: 'discord', workspaceId: GUILD, channelId: id }, title: 'Digest', digest: EMPTY, deliveryKey: key });

    // Paced under the limit: 10 posts, no 429.
    const paced = createDiscordChat(createDigestRest('t', discord.api), createSpacingPacer({ perSecond: 9 }));
    await Promise.all(channels.slice(0, 10).map((id) => post(paced, id, `digest:a:${id}`)));
    expect(discord.rateLimited.global).toBe(0);

    // Paced over it (20/s against 10/s): global 429s, each sat out with the pacer held; all arrive once.
    await new Promise((r) => setTimeout(r, 1100));
    const fast = createDiscordChat(createDigestRest('t', discord.api), createSpacingPacer({ perSecond: 20 }));
    await Promise.all(channels.slice(10).map((id) => post(fast, id, `digest:b:${id}`)));
    expect(discord.rateLimited.global).toBeGreaterThan(0);
    const per = new Map<string, number>();
    for (const m of discord.channelMessages) per.set(m.channelId, (per.get(m.channelId) ?? 0) + 1);
    expect(per.size).toBe(30);
    expect([...per.values()].every((n) => n === 1)).toBe(true);
  }, 30_000);

  it('Slack: one message a second per channel, channels side by side, no 429', async () => {
    slack = await startLocalSlack({ perChannelIntervalMs: 1000 });
    const chat = createSlackChat(createDigestWebClient('xoxb-t', slack.apiUrl), createSlackPacer());
    const started = Date.now();
    // Three posts to each of five channels, all at once.
    await Promise.all(
      ['C1', 'C2', 'C3', 'C4', 'C5'].flatMap((c) => [0, 1, 2].map((n) => chat.postDigest({ channel: c, to: { platform: 'slack', workspaceId: 'T1', channelId: c }, title: 'Digest', digest: EMPTY, deliveryKey: `digest:${c}:${n}` }))),
    );
    const took = Date.now() - started;
    expect(slack.posted).toHaveLength(15);
    expect(slack.rateLimited).toBe(0);
    // Two gaps of about a second in each channel, the channels in parallel: not 14 gaps in a row.
    expect(took).toBeGreaterThanOrEqual(2000);
    expect(took).toBeLessThan(6000);
  }, 20_000);
});
