// The digest runner on a real SQLite file with a chat the test controls and a clock it moves: a
// claim left by a crashed process, failed posts retried, a post that keeps failing ends dead.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openServices, type OpenServices } from '../../src/app/compose.js';
import { createDigestRunner, DIGEST_DEFAULTS, digestKey, type DigestRunner } from '../../src/delivery/digests.js';
import { storiesForChannel } from '../../src/delivery/digest-stories.js';
import type { Chat, DigestPost } from '../../src/chat/chat.js';
import type { ChannelKey } from '../../src/domain/channels.js';
import type { Story } from '../../src/domain/types.js';

const CH: ChannelKey = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const KEY = digestKey(CH, '2026-03-08');

let dir: string;
let svc: OpenServices;
let clock: Date;
let posted: DigestPost[];
let failures: number;
let runner: DigestRunner;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-runner-'));
  svc = await openServices(loadConfig({ NEWSBRIEF_DB: join(dir, 'r.db'), LOG_LEVEL: 'silent' }));
  await svc.channels.subscribe(CH, 'all', '', 'U1', '2026-03-01T00:00:00Z');
  await svc.channels.updateSettings(CH, { digestTime: '09:00', timeZone: 'Asia/Tokyo' }, 'U1', '2026-03-01T00:00:00Z');
  posted = [];
  failures = 0;
  const chat: Chat = {
    name: 'test',
    async postDigest(p) {
      if (failures > 0) {
        failures--;
        throw new Error('HTTP 503 from the platform');
      }
      posted.push(p);
      return { messageId: `M${posted.length}` };
    },
    async close() {},
  };
  runner = createDigestRunner({
    services: svc,
    ledger: svc.deliveries,
    chatFor: () => chat,
    channels: () => svc.channels.listSubscribedChannels(),
    now: () => clock,
    defaults: { ...DIGEST_DEFAULTS, timeZone: 'UTC', firstWindow: '24h', maxStories: 5 },
  });
});
afterEach(async () => {
  await svc.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('digest runner', () => {
  it('is due at 09:00 Tokyo time, keyed by the Tokyo date', async () => {
    clock = new Date('2026-03-07T23:59:00Z'); // 08:59 on the 8th in Tokyo
    expect(await runner.due()).toEqual([]);
    clock = new Date('2026-03-08T00:00:00Z');
    expect(await runner.due()).toEqual([{ channel: CH, date: '2026-03-08', key: KEY }]);
    expect((await runner.tick()).map((d) => d.outcome)).toEqual(['sent']);
    expect((await runner.tick()).map((d) => d.outcome)).toEqual(['already']);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ to: CH, deliveryKey: KEY, timeZone: 'Asia/Tokyo' });
    expect(posted[0]!.retry).toBeUndefined();
    expect(await svc.deliveries.get(KEY)).toMatchObject({ state: 'sent', messageId: 'M1', attempts: 1 });
  });

  it('takes over a claim left by a crashed process once its lease is over, and posts once', async () => {
    clock = new Date('2026-03-08T00:00:00Z');
    expect(await svc.deliveries.claim(KEY, { at: clock.toISOString(), leaseMs: DIGEST_DEFAULTS.leaseMs })).toBe(true); // then "crashed"
    clock = new Date(clock.getTime() + DIGEST_DEFAULTS.leaseMs - 1000);
    expect(await runner.deliver(CH, '2026-03-08')).toBe('already');
    clock = new Date(clock.getTime() + 1000);
    expect(await runner.deliver(CH, '2026-03-08')).toBe('sent');
    expect(await runner.deliver(CH, '2026-03-08')).toBe('already');
    expect(posted).toHaveLength(1);
    expect(await svc.deliveries.get(KEY)).toMatchObject({ state: 'sent', attempts: 2 });
    // The chat is told it is a retry: an adapter that can find its own earlier post looks first.
    expect(posted[0]!.retry).toBe(true);
  });

  it('a failed post is tried again after its wait; one that keeps failing ends dead', async () => {
    clock = new Date('2026-03-08T00:00:00Z');
    failures = 1;
    expect(await runner.deliver(CH, '2026-03-08')).toBe('failed');
    expect(await svc.deliveries.get(KEY)).toMatchObject({ state: 'failed', lastError: 'HTTP 503 from the platform' });
    expect(await runner.deliver(CH, '2026-03-08')).toBe('already');
    clock = new Date(clock.getTime() + DIGEST_DEFAULTS.retryAfterMs);
    expect(await runner.deliver(CH, '2026-03-08')).toBe('sent');
    expect(posted).toHaveLength(1);

    const key2 = digestKey(CH, '2026-03-09');
    failures = 100;
    const outcomes: string[] = [];
    for (let i = 0; i < DIGEST_DEFAULTS.maxAttempts + 2; i++) {
      outcomes.push(await runner.deliver(CH, '2026-03-09'));
      clock = new Date(clock.getTime() + DIGEST_DEFAULTS.retryAfterMs);
    }
    expect(outcomes).toEqual([...Array(DIGEST_DEFAULTS.maxAttempts - 1).fill('failed'), 'dead', 'already', 'already']);
    expect(await svc.deliveries.get(key2)).toMatchObject({ state: 'dead', attempts: DIGEST_DEFAULTS.maxAttempts });
    expect((await svc.deliveries.list({ failed: true })).map((d) => d.key)).toEqual([key2]);
  });
});

describe('which stories a channel digest holds', () => {
  const story = (id: number, updatedAt: string, articleCount: number, headline: string): Story =>
    ({ id, headline, updatedAt, articleCount, createdAt: updatedAt, firstSeenAt: updatedAt, lastSeenAt: updatedAt }) as unknown as Story;
  const stories = [
    story(1, '2026-03-08T01:00:00Z', 5, 'Ceasefire talks resume in Cairo'),
    story(2, '2026-03-08T02:00:00Z', 2, 'Trade deal: tariffs cut'),
    story(3, '2026-03-06T02:00:00Z', 9, 'Ceasefire: old news'),
    story(4, '2026-03-08T03:00:00Z', 3, 'Minister Larkspur resigns'),
  ];
  const store = {
    async listStories(q?: { since?: string; limit?: number }) {
      return stories.filter((s) => !q?.since || s.updatedAt >= q.since);
    },
    async searchStories(topic: string) {
      const w = topic.toLowerCase().split(' ');
      return stories.filter((s) => w.some((x) => s.headline.toLowerCase().includes(x)));
    },
  };
  const since = '2026-03-07T00:00:00Z';
  const sub = (kind: 'all' | 'topic' | 'actor', value = '') => ({ kind, value, addedAt: since });

  it('all: every story moved since the last digest, most covered first, at most max', async () => {
    expect((await storiesForChannel(store, [sub('all')], since, 10)).map((s) => s.id)).toEqual([1, 4, 2]);
    expect((await storiesForChannel(store, [sub('all')], since, 2)).map((s) => s.id)).toEqual([1, 4]);
  });

  it('a topic or an actor: the moved stories that match, each once', async () => {
    expect((await storiesForChannel(store, [sub('topic', 'ceasefire')], since, 10)).map((s) => s.id)).toEqual([1]);
    expect((await storiesForChannel(store, [sub('topic', 'ceasefire'), sub('actor', 'Larkspur'), sub('topic', 'cairo')], since, 10)).map((s) => s.id)).toEqual([1, 4]);
    expect(await storiesForChannel(store, [], since, 10)).toEqual([]);
  });
});
