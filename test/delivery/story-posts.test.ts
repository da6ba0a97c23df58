// Story posts and thread updates (issue 10 item 3, ADR 021) with the real discord.js REST and Slack
// WebClient against the local stand-ins, a real SQLite file and the real ingest path: a channel's
// first run posts nothing already stored; a new story is posted once; a second outlet saying the same
// gives no update; one with a new fact gives one update in the story's thread, saying only what is
// new; updates come at most hourly; a crash between the post and its record posts nothing twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openServices, type OpenServices } from '../../src/app/compose.js';
import { ingestInputs } from '../../src/app/commands.js';
import { createStoryPoster, isNewPoint, STORY_POST_DEFAULTS, storyKey, type StoryPoster } from '../../src/delivery/story-posts.js';
import { channelId } from '../../src/delivery/digests.js';
import { createDigestRest, createDiscordChat } from '../../src/platforms/discord/chat.js';
import { startDiscordServer, type DiscordServer } from '../../src/platforms/discord/local-server.js';
import { createDigestWebClient, createSlackChat } from '../../src/platforms/slack/chat.js';
import { startLocalSlack, type LocalSlack } from '../../src/platforms/slack/local-server.js';
import type { Chat } from '../../src/chat/chat.js';
import type { ChannelKey } from '../../src/domain/channels.js';

const fixtures = resolve(import.meta.dirname, '../fixtures/story-posts');
const file = (name: string) => join(fixtures, name);
const HOUR = 3_600_000;

interface Platform {
  channel: ChannelKey;
  chat(): Chat;
  /** What the channel shows: top-level posts, and replies in the thread of a message. */
  top(): string[];
  thread(messageId: string): string[];
  close(): Promise<void>;
}

async function discordPlatform(): Promise<Platform> {
  const server: DiscordServer = await startDiscordServer();
  const channel: ChannelKey = { platform: 'discord', workspaceId: '400000000000000001', channelId: '730000000000000001' };
  const text = (b: any) => [b.content ?? '', ...(b.embeds ?? []).map((e: any) => `${e.title ?? ''} ${e.description ?? ''} ${(e.fields ?? []).map((f: any) => `${f.name} ${f.value}`).join(' ')}`)].join(' ');
  return {
    channel,
    chat: () => createDiscordChat(createDigestRest('t', server.api)),
    top: () => server.channelMessages.filter((m) => m.channelId === channel.channelId).map((m) => text(m.body)),
    thread: (id) => {
      expect(server.threads.filter((t) => t.messageId === id && t.parentId === channel.channelId)).toHaveLength(1);
      return server.channelMessages.filter((m) => m.channelId === id).map((m) => text(m.body));
    },
    close: () => server.close(),
  };
}

async function slackPlatform(): Promise<Platform> {
  const slack: LocalSlack = await startLocalSlack();
  const channel: ChannelKey = { platform: 'slack', workspaceId: 'T1', channelId: 'C0STORIES' };
  const textOf = (ts: string) => JSON.stringify(slack.calls.find((c) => c.method === 'chat.postMessage' && slack.posted.find((p) => p.ts === ts && p.text === c.fields.text))?.fields.blocks ?? '');
  return {
    channel,
    chat: () => createSlackChat(createDigestWebClient('xoxb-t', slack.apiUrl)),
    top: () => slack.posted.filter((p) => p.channel === channel.channelId && !p.threadTs).map((p) => `${p.text} ${textOf(p.ts)}`),
    thread: (ts) => slack.posted.filter((p) => p.channel === channel.channelId && p.threadTs === ts).map((p) => `${p.text} ${textOf(p.ts)}`),
    close: () => slack.close(),
  };
}

describe.each([
  ['discord', discordPlatform],
  ['slack', slackPlatform],
] as const)('story posts on %s', (_name, make) => {
  let dir: string;
  let svc: OpenServices;
  let platform: Platform;
  let offset = 0;
  let chat: Chat;
  const poster = (): StoryPoster =>
    createStoryPoster({
      services: svc,
      ledger: svc.deliveries,
      posts: svc.storyPosts,
      chatFor: (k) => (k.platform === platform.channel.platform ? chat : undefined),
      channels: async () => svc.channels.listSubscribedChannels(),
      now: () => new Date(Date.now() + offset),
      defaults: { ...STORY_POST_DEFAULTS, timeZone: 'UTC', concurrency: 4 },
    });
  const ingest = async (name: string) => {
    const s = await ingestInputs(svc, [file(name)], () => {});
    expect(s.added).toBe(1);
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newsbrief-story-posts-'));
    svc = await openServices(loadConfig({ NEWSBRIEF_DB: join(dir, 'bot.db') }));
    platform = await make();
    chat = platform.chat();
    offset = 0;
    await svc.channels.subscribe(platform.channel, 'topic', 'Lake Varna', 'admin', new Date().toISOString());
  });
  afterEach(async () => {
    await svc.close();
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('posts a new story once, no update for the same facts, one in its thread for a new one, at most hourly', async () => {
    expect(await poster().run()).toEqual([]);
    await ingest('01-first.txt');
    const first = await poster().run();
    expect(first.map((r) => r.outcome)).toEqual(['posted']);
    expect(platform.top()).toHaveLength(1);
    expect(platform.top()[0]).toContain('Lake Varna');
    const rec = (await svc.storyPosts.get(channelId(platform.channel), first[0]!.storyId))!;
    expect(await svc.deliveries.get(storyKey(platform.channel, rec.storyId))).toMatchObject({ state: 'sent', messageId: rec.messageId });

    // A second outlet with the same facts joins the story and adds nothing: no update.
    await ingest('02-same.txt');
    expect((await svc.store.getStory(rec.storyId))!.articleCount).toBe(2);
    offset += 2 * HOUR;
    expect((await poster().run()).map((r) => r.outcome)).toEqual(['nothing-new']);
    expect(platform.top()).toHaveLength(1);

    // A new fact: one update, in the story's thread, with what is new and not what was shown.
    await ingest('03-new-fact.txt');
    expect((await svc.store.getStory(rec.storyId))!.articleCount).toBe(3);
    expect((await poster().run()).map((r) => r.outcome)).toEqual(['updated']);
    expect(platform.top()).toHaveLength(1);
    const thread = platform.thread(rec.messageId);
    expect(thread).toHaveLength(1);
    expect(thread[0]).toContain('Update');
    expect(thread[0]).toContain('40 million');
    expect(thread[0]).not.toContain('two-metre fissure in its eastern wall');

    // Another article ten minutes later waits for the hour; after it, at most one more update.
    await ingest('04-later.txt');
    offset += 10 * 60_000;
    expect((await poster().run()).map((r) => r.outcome)).toEqual(['too-soon']);
    expect(platform.thread(rec.messageId)).toHaveLength(1);
    offset += HOUR;
    const later = (await poster().run()).map((r) => r.outcome);
    expect(['updated', 'nothing-new']).toContain(later[0]);
    expect(platform.thread(rec.messageId)).toHaveLength(later[0] === 'updated' ? 2 : 1);
    expect((await poster().run()).map((r) => r.outcome)).toEqual([]);
    expect(platform.top()).toHaveLength(1);
  });

  it('a story stored before the channel started is left to its digest', async () => {
    await ingest('01-first.txt');
    expect(await poster().run()).toEqual([]);
    await ingest('03-new-fact.txt');
    offset += 2 * HOUR;
    expect(await poster().run()).toEqual([]);
    expect(platform.top()).toHaveLength(0);
  });

  it('a channel with story-posts off gets none (its digest has them); turned on, it starts from then', async () => {
    await svc.channels.updateSettings(platform.channel, { storyPosts: 'off' }, 'admin', new Date().toISOString());
    expect(await poster().run()).toEqual([]);
    await ingest('01-first.txt');
    expect(await poster().run()).toEqual([]);
    expect(platform.top()).toHaveLength(0);
    await svc.channels.updateSettings(platform.channel, { storyPosts: 'on' }, 'admin', new Date().toISOString());
    // The story stored while it was off is not posted when it is turned on.
    expect(await poster().run()).toEqual([]);
    expect(platform.top()).toHaveLength(0);
  });

  it('a crash after the post and before its confirmation posts nothing twice', async () => {
    expect(await poster().run()).toEqual([]);
    await ingest('01-first.txt');
    const [story] = await svc.store.listStories({ limit: 1 });
    const key = storyKey(platform.channel, story!.id);
    // What a process that died half-way left: the key claimed and the message made, nothing more.
    expect(await svc.deliveries.claim(key, { at: new Date().toISOString(), leaseMs: STORY_POST_DEFAULTS.leaseMs })).toBe(true);
    const { briefingView } = await import('../../src/commands/view.js');
    const { briefStory } = await import('../../src/app/commands.js');
    await chat.postStory!({ to: platform.channel, view: briefingView((await briefStory(svc, story!.id)).briefing, story!.id), deliveryKey: key });
    expect(platform.top()).toHaveLength(1);
    // Within the claim's lease nobody posts; after it, the retry finds the message made.
    expect((await poster().run()).map((r) => r.outcome)).toEqual(['already']);
    offset += STORY_POST_DEFAULTS.leaseMs + 1000;
    expect((await poster().run()).map((r) => r.outcome)).toEqual(['posted']);
    expect(platform.top()).toHaveLength(1);
    expect((await svc.deliveries.get(key))!.state).toBe('sent');
    offset += 2 * HOUR;
    expect(await poster().run()).toEqual([]);
  });
});

describe('isNewPoint', () => {
  it('a restated point is not new; a new fact is', () => {
    const shown = ['Engineers began emergency repairs on the cracked Lake Varna dam on Monday after inspectors found a two-metre fissure.'];
    expect(isNewPoint('Emergency repairs began on Monday on the cracked Lake Varna dam, after inspectors found a two-metre fissure.', shown)).toBe(false);
    expect(isNewPoint('The regional council approved 40 million euros on Tuesday for the repairs.', shown)).toBe(true);
  });
});
