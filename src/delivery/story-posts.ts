// Story posts (issue 10 item 3, ADR 021): a new story that matches a channel's subscriptions is
// posted there once, as its briefing; later articles on it are posted as updates in that post's
// thread, at most one per story per channel per `updateEveryMs`, and only when the briefing now has
// a takeaway the channel was not shown before (the update shows those, and only those). Every post
// is claimed in the delivery ledger first (`story:<channel>:<story>`, `update:<channel>:<story>:<n>`)
// and confirmed after, as digests are, so a crash, a retry or a second process never posts twice.
// Stories stored before a channel's first run are left to its digest: subscribing is not a flood.
import { briefingView, type BriefingView } from '../commands/view.js';
import type { Services } from '../app/commands.js';
import type { Briefing, Story } from '../domain/types.js';
import type { ChannelKey } from '../domain/channels.js';
import type { Chat } from '../chat/chat.js';
import type { DeliveryLedger } from '../store/delivery-ledger.js';
import type { StoryPostRecord, StoryPosts } from '../store/story-posts.js';
import { splitSentences, terms } from '../analyze/text.js';
import { channelId, forEachLimit } from './digests.js';
import { storiesForChannel } from './digest-stories.js';
import { recordFailure, type RetryPolicy } from './failures.js';
import { observeDelivery, type PostKind } from '../domain/telemetry.js';
import { createBriefCache, type BriefOf } from './brief-cache.js';

export const storyKey = (k: ChannelKey, storyId: number): string => `story:${channelId(k)}:${storyId}`;
export const updateKey = (k: ChannelKey, storyId: number, version: number): string => `update:${channelId(k)}:${storyId}:${version}`;

export interface StoryPostDefaults extends RetryPolicy {
  /** At most one update per story per channel this often (1 h). */
  updateEveryMs: number;
  /** New stories posted to one channel per run; more wait for the next run. */
  maxNewPerRun: number;
  /** How far back a run looks for stories that moved. */
  lookbackMs: number;
  leaseMs: number;
  timeZone: string;
  concurrency: number;
}

export const STORY_POST_DEFAULTS: Omit<StoryPostDefaults, 'timeZone' | 'concurrency'> = {
  updateEveryMs: 60 * 60_000,
  maxNewPerRun: 5,
  lookbackMs: 48 * 3_600_000,
  leaseMs: 2 * 60_000,
  retryAfterMs: 5 * 60_000,
  maxAttempts: 5,
  maxBackoffMs: 60 * 60_000,
};

export interface StoryPosterDeps {
  services: Services;
  ledger: DeliveryLedger;
  posts: StoryPosts;
  chatFor(channel: ChannelKey): Chat | undefined;
  /** The channels story posts go to (subscribed channels of the running platforms). */
  channels(): Promise<ChannelKey[]>;
  now(): Date;
  defaults: StoryPostDefaults;
  briefOf?: BriefOf;
  /** True once the process is stopping: the post in hand finishes, no new one starts. */
  stopping?: () => boolean;
  log?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export type StoryPostOutcome = 'posted' | 'updated' | 'nothing-new' | 'too-soon' | 'already' | 'failed' | 'dead';

export interface StoryPoster {
  /** One pass over every channel: new stories posted, moved ones updated in their thread. */
  run(): Promise<Array<{ channel: ChannelKey; storyId: number; outcome: StoryPostOutcome; key?: string }>>;
}

/** Stories looked at per channel and run. */
const SCAN = 100;
/** Share of content terms two takeaways must have in common to be the same point. */
const SAME_POINT = 0.6;

/** Whether a takeaway says something none of the shown ones said (by their content terms). */
export function isNewPoint(text: string, shown: readonly string[]): boolean {
  const t = new Set(terms(text));
  if (t.size === 0) return false;
  return shown.every((s) => {
    const o = new Set(terms(s));
    let common = 0;
    for (const x of t) if (o.has(x)) common++;
    return common / Math.min(t.size, Math.max(1, o.size)) < SAME_POINT;
  });
}

/** An update's view: the story's headline marked as an update, the new takeaways, the sources they cite. */
export function updateView(b: Briefing, fresh: Briefing['takeaways'], storyId: number): BriefingView {
  const cited = new Set(fresh.flatMap((t) => t.sources));
  const sources = b.sources.filter((s) => cited.has(s.n));
  const lede = fresh.length === 1 ? 'One point the first post did not have:' : `${fresh.length} points the earlier posts did not have:`;
  return briefingView({ headline: `Update: ${b.headline}`, lede, takeaways: fresh, whyItMatters: '', actors: [], sources }, storyId);
}

export function createStoryPoster(deps: StoryPosterDeps): StoryPoster {
  const { services, ledger, posts, defaults } = deps;
  const briefOf = deps.briefOf ?? createBriefCache(services);

  /**
   * A key the ledger would not give: sent by a run that died before writing its record (the
   * ledger has the message id: the record is rebuilt), or in another's hands (left alone).
   */
  const recover = async (key: string, rec: StoryPostRecord): Promise<StoryPostOutcome> => {
    const d = await ledger.get(key);
    if (d?.state === 'sent' && d.messageId !== undefined) {
      const existing = await posts.get(rec.channel, rec.storyId);
      if (!existing || existing.version < rec.version) await posts.put({ ...rec, messageId: existing?.messageId ?? d.messageId });
    }
    return 'already';
  };

  const fail = async (channel: ChannelKey, storyId: number, key: string, err: unknown, kind: PostKind, t0: number): Promise<StoryPostOutcome> => {
    const f = await recordFailure(ledger, key, err, defaults, deps.now());
    deps.log?.error({ key, err: f.message, attempts: f.attempts, dead: f.dead }, 'story post failed');
    observeDelivery(services.telemetry, kind, f.dead ? 'dead' : 'failed', t0);
    return f.dead ? 'dead' : 'failed';
  };

  const postNew = async (chat: Chat, k: ChannelKey, story: Story, tz: string): Promise<StoryPostOutcome> => {
    const key = storyKey(k, story.id);
    const at = deps.now().toISOString();
    const { briefing } = await briefOf(story, `${k.platform}:${k.workspaceId}`);
    const articleIds = ((await services.store.getStory(story.id))?.articles ?? []).map((a) => a.id);
    const rec: StoryPostRecord = { channel: channelId(k), storyId: story.id, messageId: '', takeaways: briefing.takeaways.map((t) => t.text), articleIds, version: 1, lastPostAt: at, seenUpdatedAt: story.updatedAt };
    if (!(await ledger.claim(key, { at, leaseMs: defaults.leaseMs }))) return recover(key, rec);
    const t0 = performance.now(); // the delivery's latency runs from its claim (telemetry)
    try {
      const retry = ((await ledger.get(key))?.attempts ?? 1) > 1;
      const result = await chat.postStory!({ to: k, view: briefingView(briefing, story.id), timeZone: tz, deliveryKey: key, ...(retry ? { retry } : {}) });
      await ledger.confirm(key, result.messageId, deps.now().toISOString());
      await posts.put({ ...rec, messageId: result.messageId ?? '' });
      deps.log?.info({ key, messageId: result.messageId }, 'story posted');
      observeDelivery(services.telemetry, 'story', 'sent', t0);
      return 'posted';
    } catch (err) {
      return fail(k, story.id, key, err, 'story', t0);
    }
  };

  const postUpdate = async (chat: Chat, k: ChannelKey, story: Story, rec: StoryPostRecord, tz: string): Promise<StoryPostOutcome> => {
    const at = deps.now().toISOString();
    const { briefing } = await briefOf(story, `${k.platform}:${k.workspaceId}`);
    const articles = (await services.store.getStory(story.id))?.articles ?? [];
    // What the channel already had: the points shown, and every sentence of the articles it had them
    // from (a briefing rebuilt over more articles may pick an old point it did not show before).
    const seen = new Set(rec.articleIds);
    const known = [...rec.takeaways, ...articles.filter((a) => seen.has(a.id)).flatMap((a) => splitSentences(a.text))];
    const fresh = briefing.takeaways.filter((t) => isNewPoint(t.text, known));
    if (fresh.length === 0 || !rec.messageId) {
      await posts.put({ ...rec, seenUpdatedAt: story.updatedAt });
      return 'nothing-new';
    }
    const version = rec.version + 1;
    const key = updateKey(k, story.id, version);
    const next: StoryPostRecord = { ...rec, takeaways: [...rec.takeaways, ...fresh.map((t) => t.text)], articleIds: articles.map((a) => a.id), version, lastPostAt: at, seenUpdatedAt: story.updatedAt };
    if (!(await ledger.claim(key, { at, leaseMs: defaults.leaseMs }))) return recover(key, next);
    const t0 = performance.now();
    try {
      const retry = ((await ledger.get(key))?.attempts ?? 1) > 1;
      const result = await chat.postStory!({
        to: k,
        view: updateView(briefing, fresh, story.id),
        timeZone: tz,
        deliveryKey: key,
        ...(retry ? { retry } : {}),
        thread: { messageId: rec.messageId, ...(rec.threadId ? { threadId: rec.threadId } : {}), name: briefing.headline },
      });
      await ledger.confirm(key, result.messageId, deps.now().toISOString());
      await posts.put({ ...next, ...(result.threadId ? { threadId: result.threadId } : {}) });
      deps.log?.info({ key, fresh: fresh.length }, 'story update posted in thread');
      observeDelivery(services.telemetry, 'update', 'sent', t0);
      return 'updated';
    } catch (err) {
      return fail(k, story.id, key, err, 'update', t0);
    }
  };

  return {
    async run() {
      const out: Array<{ channel: ChannelKey; storyId: number; outcome: StoryPostOutcome; key?: string }> = [];
      const channels = (await deps.channels()).filter((k) => deps.chatFor(k)?.postStory);
      // The newest story stored now, for channels on their first run (the newest made is among the latest moved).
      const newest = Math.max(0, ...(await services.store.listStories({ limit: 500 })).map((s) => s.id));
      const stopping = deps.stopping ?? (() => false);
      await forEachLimit(channels, defaults.concurrency, async (k) => {
        const chat = deps.chatFor(k)!;
        const now = deps.now();
        const settings = await services.channels.getSettings(k);
        // A channel that chose its digest only: nothing posted, nothing marked (turned on for the
        // first time later, it starts from the stories stored then).
        if (settings.storyPosts === 'off') return;
        const after = await posts.startAfter(channelId(k), newest, now.toISOString());
        const since = new Date(now.getTime() - defaults.lookbackMs).toISOString();
        const subs = await services.channels.listSubscriptions(k);
        const tz = settings.timeZone ?? defaults.timeZone;
        // Oldest first: stories reach the channel in the order they broke.
        const stories = (await storiesForChannel(services.store, subs, since, SCAN)).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
        let fresh = 0;
        for (const story of stories) {
          if (stopping()) return;
          const rec = await posts.get(channelId(k), story.id);
          let outcome: StoryPostOutcome | undefined;
          if (!rec) {
            if (story.id <= after || fresh >= defaults.maxNewPerRun) continue;
            fresh++;
            outcome = await postNew(chat, k, story, tz);
          } else if (story.updatedAt > rec.seenUpdatedAt) {
            outcome = now.getTime() - Date.parse(rec.lastPostAt) < defaults.updateEveryMs ? 'too-soon' : await postUpdate(chat, k, story, rec, tz);
          }
          if (outcome) out.push({ channel: k, storyId: story.id, outcome });
        }
      }, stopping);
      return out;
    },
  };
}
