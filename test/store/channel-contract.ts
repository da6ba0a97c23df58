// Contract suite for the ChannelStore port (per-channel sources, subscriptions, settings): every
// implementation (SQLite now, PostgreSQL later) must pass it. Re-exported by contract.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_SOURCES_PER_CHANNEL, MAX_SUBSCRIPTIONS_PER_CHANNEL, type ChannelKey } from '../../src/domain/channels.js';
import type { ChannelStore } from '../../src/store/channel-store.js';

export interface ChannelStoreHandle {
  channels: ChannelStore;
  cleanup(): Promise<void>;
}

const AT = '2026-06-06T10:00:00.000Z';
const later = (s: number): string => new Date(Date.parse(AT) + s * 1000).toISOString();

export function describeChannelStoreContract(name: string, make: () => Promise<ChannelStoreHandle>): void {
  describe(`ChannelStore contract: ${name}`, () => {
    let h: ChannelStoreHandle;
    let ch: ChannelStore;
    const general: ChannelKey = { platform: 'discord', workspaceId: 'G1', channelId: 'C1' };
    // Same channel id in another guild, and on another platform: different channels.
    const otherGuild: ChannelKey = { platform: 'discord', workspaceId: 'G2', channelId: 'C1' };
    const slack: ChannelKey = { platform: 'slack', workspaceId: 'G1', channelId: 'C1' };
    beforeEach(async () => {
      h = await make();
      ch = h.channels;
    });
    afterEach(async () => h.cleanup());

    it('adds, lists (oldest first) and removes sources per channel', async () => {
      expect(await ch.listSources(general)).toEqual([]);
      expect(await ch.addSource(general, 'https://news.example/feed.xml', 'U1', AT)).toBe(true);
      expect(await ch.addSource(general, 'http://other.example/rss#top', undefined, later(1))).toBe(true);
      expect(await ch.addSource(general, 'https://news.example/feed.xml', 'U2', later(2))).toBe(false);
      expect(await ch.listSources(general)).toEqual([
        { url: 'https://news.example/feed.xml', addedBy: 'U1', addedAt: AT },
        { url: 'http://other.example/rss', addedAt: later(1) },
      ]);
      expect(await ch.listSources(otherGuild)).toEqual([]);
      expect(await ch.listSources(slack)).toEqual([]);
      expect(await ch.removeSource(general, 'https://news.example/feed.xml')).toBe(true);
      expect(await ch.removeSource(general, 'https://news.example/feed.xml')).toBe(false);
      expect((await ch.listSources(general)).map((s) => s.url)).toEqual(['http://other.example/rss']);
    });

    it('lists every source any channel follows, once per URL and interval asked', async () => {
      expect(await ch.listAllSources()).toEqual([]);
      await ch.addSource(general, 'https://news.example/feed.xml', 'U1', AT);
      await ch.addSource(slack, 'https://news.example/feed.xml', 'U2', later(1));
      await ch.addSource(otherGuild, 'http://other.example/rss', undefined, later(2), 30 * 60_000);
      expect(await ch.listAllSources()).toEqual([{ url: 'http://other.example/rss', everyMs: 30 * 60_000 }, { url: 'https://news.example/feed.xml' }]);
      expect(await ch.setSourceEvery(slack, 'https://news.example/feed.xml', 3_600_000)).toBe(true);
      expect(await ch.listAllSources()).toEqual([
        { url: 'http://other.example/rss', everyMs: 30 * 60_000 },
        { url: 'https://news.example/feed.xml' },
        { url: 'https://news.example/feed.xml', everyMs: 3_600_000 },
      ]);
      await ch.removeSource(general, 'https://news.example/feed.xml');
      expect(await ch.listAllSources()).toEqual([{ url: 'http://other.example/rss', everyMs: 30 * 60_000 }, { url: 'https://news.example/feed.xml', everyMs: 3_600_000 }]);
      await ch.removeSource(slack, 'https://news.example/feed.xml');
      expect(await ch.listAllSources()).toEqual([{ url: 'http://other.example/rss', everyMs: 30 * 60_000 }]);
    });

    it("keeps a source's own poll interval: set when added or later, cleared back to the default; 5 minutes to a week", async () => {
      expect(await ch.addSource(general, 'https://news.example/feed.xml', 'U1', AT, 30 * 60_000)).toBe(true);
      expect(await ch.listSources(general)).toEqual([{ url: 'https://news.example/feed.xml', addedBy: 'U1', addedAt: AT, everyMs: 30 * 60_000 }]);
      expect(await ch.setSourceEvery(general, 'https://news.example/feed.xml#x', undefined)).toBe(true);
      expect(await ch.listSources(general)).toEqual([{ url: 'https://news.example/feed.xml', addedBy: 'U1', addedAt: AT }]);
      expect(await ch.setSourceEvery(general, 'https://news.example/other.xml', 3_600_000)).toBe(false);
      expect(await ch.setSourceEvery(otherGuild, 'https://news.example/feed.xml', 3_600_000)).toBe(false);
      await expect(ch.addSource(general, 'https://news.example/b.xml', 'U1', AT, 60_000)).rejects.toThrow(/every 5 minutes to every week/);
      await expect(ch.setSourceEvery(general, 'https://news.example/feed.xml', 8 * 86_400_000)).rejects.toThrow(/every 5 minutes to every week/);
      expect(await ch.listSources(general)).toEqual([{ url: 'https://news.example/feed.xml', addedBy: 'U1', addedAt: AT }]);
    });

    it('refuses a source that is not an http(s) URL, and an unusable channel key', async () => {
      await expect(ch.addSource(general, 'file:///etc/passwd', 'U1', AT)).rejects.toThrow(/http or https/);
      await expect(ch.addSource(general, 'javascript:alert(1)', 'U1', AT)).rejects.toThrow(/http or https/);
      await expect(ch.addSource(general, 'not a url', 'U1', AT)).rejects.toThrow(/not a URL/);
      await expect(ch.addSource(general, 'https://user:pw@news.example/', 'U1', AT)).rejects.toThrow(/password/);
      await expect(ch.addSource(general, `https://news.example/${'x'.repeat(2100)}`, 'U1', AT)).rejects.toThrow(/at most/);
      await expect(ch.listSources({ platform: 'discord', workspaceId: '', channelId: 'C1' })).rejects.toThrow(/workspace id/);
      expect(await ch.listSources(general)).toEqual([]);
    });

    it(`keeps at most ${MAX_SOURCES_PER_CHANNEL} sources per channel, with a clear refusal`, async () => {
      for (let i = 0; i < MAX_SOURCES_PER_CHANNEL; i++) expect(await ch.addSource(general, `https://s${i}.example/feed`, 'U1', later(i))).toBe(true);
      await expect(ch.addSource(general, 'https://one-more.example/feed', 'U1', later(99))).rejects.toThrow(/already has 50 sources/);
      // Adding one it has is still "already there", not a refusal; another channel is not affected.
      expect(await ch.addSource(general, 'https://s0.example/feed', 'U1', later(99))).toBe(false);
      expect(await ch.addSource(otherGuild, 'https://one-more.example/feed', 'U1', later(99))).toBe(true);
      expect(await ch.listSources(general)).toHaveLength(MAX_SOURCES_PER_CHANNEL);
    });

    it('subscribes to topics, actors and all; a value matches without regard to case', async () => {
      expect(await ch.subscribe(general, 'topic', '  harbour   strike ', 'U1', AT)).toBe(true);
      expect(await ch.subscribe(general, 'actor', 'Port Authority', 'U1', later(1))).toBe(true);
      expect(await ch.subscribe(general, 'all', 'ignored', undefined, later(2))).toBe(true);
      expect(await ch.subscribe(general, 'topic', 'HARBOUR STRIKE', 'U2', later(3))).toBe(false);
      // The same words as an actor are another subscription.
      expect(await ch.subscribe(general, 'actor', 'harbour strike', 'U2', later(4))).toBe(true);
      expect(await ch.listSubscriptions(general)).toEqual([
        { kind: 'topic', value: 'harbour strike', addedBy: 'U1', addedAt: AT },
        { kind: 'actor', value: 'Port Authority', addedBy: 'U1', addedAt: later(1) },
        { kind: 'all', value: '', addedAt: later(2) },
        { kind: 'actor', value: 'harbour strike', addedBy: 'U2', addedAt: later(4) },
      ]);
      expect(await ch.listSubscriptions(slack)).toEqual([]);
      expect(await ch.unsubscribe(general, 'actor', 'port authority')).toBe(true);
      expect(await ch.unsubscribe(general, 'actor', 'port authority')).toBe(false);
      expect(await ch.unsubscribe(general, 'all', '')).toBe(true);
      expect((await ch.listSubscriptions(general)).map((s) => `${s.kind}:${s.value}`)).toEqual(['topic:harbour strike', 'actor:harbour strike']);
    });

    it(`refuses an empty or unknown subscription, and more than ${MAX_SUBSCRIPTIONS_PER_CHANNEL} per channel`, async () => {
      await expect(ch.subscribe(general, 'topic', '   ', 'U1', AT)).rejects.toThrow(/needs a topic/);
      await expect(ch.subscribe(general, 'story' as 'topic', 'x', 'U1', AT)).rejects.toThrow(/topic, an actor or all/);
      await expect(ch.subscribe(general, 'topic', 'x'.repeat(201), 'U1', AT)).rejects.toThrow(/at most 200/);
      for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_CHANNEL; i++) await ch.subscribe(general, 'topic', `topic ${i}`, 'U1', later(i));
      await expect(ch.subscribe(general, 'topic', 'one more', 'U1', later(200))).rejects.toThrow(/already has 100 subscriptions/);
      expect(await ch.subscribe(general, 'topic', 'TOPIC 7', 'U1', later(200))).toBe(false);
      expect(await ch.listSubscriptions(general)).toHaveLength(MAX_SUBSCRIPTIONS_PER_CHANNEL);
    });

    it('lists the channels that have a subscription, each once', async () => {
      expect(await ch.listSubscribedChannels()).toEqual([]);
      await ch.subscribe(general, 'topic', 'ceasefire', 'U1', AT);
      await ch.subscribe(general, 'all', '', 'U1', later(1));
      await ch.subscribe(slack, 'actor', 'Hamas', undefined, later(2));
      await ch.addSource(otherGuild, 'https://news.example/feed.xml', 'U1', AT);
      await ch.updateSettings(otherGuild, { digestTime: '07:00' }, 'U1', AT);
      const keys = (await ch.listSubscribedChannels()).map((k) => `${k.platform}:${k.workspaceId}:${k.channelId}`).sort();
      expect(keys).toEqual(['discord:G1:C1', 'slack:G1:C1']);
      await ch.unsubscribe(slack, 'actor', 'Hamas');
      expect(await ch.listSubscribedChannels()).toEqual([general]);
    });

    it('keeps settings per channel: fields given are set, the others kept', async () => {
      expect(await ch.getSettings(general)).toEqual({});
      expect(await ch.updateSettings(general, { digestTime: '7:30', timeZone: 'europe/paris' }, 'U1', AT)).toEqual({ digestTime: '07:30', timeZone: 'Europe/Paris' });
      expect(await ch.updateSettings(general, { quietDays: 'skip' }, 'U2', later(1))).toEqual({ digestTime: '07:30', timeZone: 'Europe/Paris', quietDays: 'skip' });
      expect(await ch.updateSettings(general, { digestTime: '23:59' }, 'U2', later(2))).toEqual({ digestTime: '23:59', timeZone: 'Europe/Paris', quietDays: 'skip' });
      expect(await ch.updateSettings(general, { storyPosts: 'off' }, 'U2', later(3))).toEqual({ digestTime: '23:59', timeZone: 'Europe/Paris', quietDays: 'skip', storyPosts: 'off' });
      expect((await ch.updateSettings(general, { storyPosts: 'on' }, 'U2', later(4))).storyPosts).toBe('on');
      expect(await ch.getSettings(otherGuild)).toEqual({});
    });

    it('refuses a bad digest time, time zone or quiet-days value, and changes nothing', async () => {
      await ch.updateSettings(general, { digestTime: '08:00' }, 'U1', AT);
      for (const t of ['24:00', '12:60', '8', '08:00:00', 'noon', '-1:00']) {
        await expect(ch.updateSettings(general, { digestTime: t }, 'U1', AT)).rejects.toThrow(/HH:MM/);
      }
      for (const tz of ['Mars/Olympus', 'Europe/Paris; DROP TABLE', '', 'x'.repeat(80)]) {
        await expect(ch.updateSettings(general, { timeZone: tz }, 'U1', AT)).rejects.toThrow(/IANA time zone/);
      }
      await expect(ch.updateSettings(general, { quietDays: 'maybe' as 'post' }, 'U1', AT)).rejects.toThrow(/post or skip/);
      await expect(ch.updateSettings(general, { storyPosts: 'sometimes' as 'on' }, 'U1', AT)).rejects.toThrow(/on or off/);
      // A bad field refuses the whole change.
      await expect(ch.updateSettings(general, { digestTime: '09:00', timeZone: 'Nowhere/Else' }, 'U1', AT)).rejects.toThrow(/IANA/);
      expect(await ch.getSettings(general)).toEqual({ digestTime: '08:00' });
    });
  });
}
