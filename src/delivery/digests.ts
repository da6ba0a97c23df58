// Scheduled digests (issue 10, embedded mode): each subscribed channel gets its digest at its own
// digest-time in its own time zone. A tick (every minute, and at start) finds the channels whose
// time has come today; each digest is claimed in the delivery ledger under
// `digest:<platform>:<workspace>:<channel>:<local date>` before it is posted and confirmed after,
// so a second tick, a second process or a restart cannot post it again, and a process that was down
// at the time posts it once when it comes back. The clock is the caller's.
import { storylineTitles, type Services } from '../app/commands.js';
import { digestView } from '../commands/view.js';
import { DEFAULT_CHANNEL_SETTINGS, type ChannelKey, type ChannelSettings, type Subscription } from '../domain/channels.js';
import { sinceIso } from '../domain/duration.js';
import { digestDue, localDate } from '../domain/schedule.js';
import type { Chat } from '../chat/chat.js';
import type { Delivery, DeliveryLedger } from '../store/delivery-ledger.js';
import { storiesForChannel } from './digest-stories.js';
import { recordFailure } from './failures.js';
import { createBriefCache, type BriefOf } from './brief-cache.js';
import { observeDelivery } from '../domain/telemetry.js';

export const channelId = (k: ChannelKey): string => `${k.platform}:${k.workspaceId}:${k.channelId}`;
export const digestKey = (k: ChannelKey, date: string): string => `digest:${channelId(k)}:${date}`;

export interface DigestDefaults {
  /** A channel's digest time when it set none (HH:MM). */
  digestTime: string;
  /** A channel's time zone when it set none (NEWSBRIEF_TZ). */
  timeZone: string;
  /** What a channel's first digest covers (NEWSBRIEF_DIGEST_WINDOW, "24h"). */
  firstWindow: string;
  maxStories: number;
  /** How long a claim holds before a crashed process's claim is taken again. */
  leaseMs: number;
  /** How long a failed post waits before it is tried again; after maxAttempts it is dead. */
  retryAfterMs: number;
  maxAttempts: number;
  /** Deliveries in flight at once (NEWSBRIEF_DELIVERY_CONCURRENCY); 1 when absent. */
  concurrency?: number;
  /** The longest wait a RetryLater without the platform's own time backs off to (exponential from retryAfterMs). */
  maxBackoffMs?: number;
}

export const DIGEST_DEFAULTS: Omit<DigestDefaults, 'timeZone' | 'firstWindow' | 'maxStories'> = {
  digestTime: DEFAULT_CHANNEL_SETTINGS.digestTime,
  leaseMs: 2 * 60_000,
  retryAfterMs: 5 * 60_000,
  maxAttempts: 5,
  maxBackoffMs: 60 * 60_000,
};

/** The channel and local date of a digest key, or undefined for another kind of key. */
export function parseDigestKey(key: string): { channel: ChannelKey; date: string } | undefined {
  const m = /^digest:(discord|slack|console):([^:]+):([^:]+):(\d{4}-\d{2}-\d{2})$/.exec(key);
  if (!m) return undefined;
  return { channel: { platform: m[1] as ChannelKey['platform'], workspaceId: m[2]!, channelId: m[3]! }, date: m[4]! };
}

export interface DigestRunnerDeps {
  services: Services;
  ledger: DeliveryLedger;
  /** The chat that posts to a channel's platform; undefined: that platform is not running here. */
  chatFor(channel: ChannelKey): Chat | undefined;
  /**
   * The channels digests go to: by default every channel with a subscription. The console bot adds
   * the console channel, whose digest covers everything while it has no subscription.
   */
  channels(): Promise<ChannelKey[]>;
  now(): Date;
  defaults: DigestDefaults;
  /** Briefings shared with the story posts of the same process; a cache of its own when absent. */
  briefOf?: BriefOf;
  /** True once the process is stopping: deliveries in hand finish, no new one starts. */
  stopping?: () => boolean;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface DueDigest {
  channel: ChannelKey;
  date: string;
  key: string;
}

export type DeliverOutcome = 'sent' | 'quiet-skipped' | 'already' | 'no-chat' | 'failed' | 'dead';

export interface DigestRunner {
  /** The channels whose digest is due now (today's time passed), posted or not. */
  due(): Promise<DueDigest[]>;
  /** Claims, posts and confirms one channel's digest of a local date; a taken key posts nothing. */
  deliver(channel: ChannelKey, date: string): Promise<DeliverOutcome>;
  /**
   * What should be delivered now: today's due digests not sent, dead, in another's hands or waiting
   * for their retry time, and failed digests of other dates whose retry time has come; each with the
   * attempts made so far, so that a job key can name the attempt (a retry is a new job, not one the
   * queue remembers as done).
   */
  pending(): Promise<Array<DueDigest & { attempts: number }>>;
  /** due() then deliver() each, `concurrency` at once (the chats' pacers keep the platforms' pace). */
  tick(): Promise<Array<DueDigest & { outcome: DeliverOutcome }>>;
}

const ALL: Subscription[] = [{ kind: 'all', value: '', addedAt: '' }];

/** Runs `fn` over `items`, at most `limit` at once; once `stop()` holds, no further item is started. */
export async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stop()) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}


export function createDigestRunner(deps: DigestRunnerDeps): DigestRunner {
  const { services, ledger, defaults } = deps;
  const briefOf = deps.briefOf ?? createBriefCache(services);
  const settingsOf = async (k: ChannelKey): Promise<Required<ChannelSettings>> => {
    const s = await services.channels.getSettings(k);
    return { digestTime: s.digestTime ?? defaults.digestTime, timeZone: s.timeZone ?? defaults.timeZone, quietDays: s.quietDays ?? DEFAULT_CHANNEL_SETTINGS.quietDays, storyPosts: s.storyPosts ?? DEFAULT_CHANNEL_SETTINGS.storyPosts };
  };

  const due = async (): Promise<DueDigest[]> => {
    const now = deps.now();
    const out: DueDigest[] = [];
    for (const channel of await deps.channels()) {
      const s = await settingsOf(channel);
      const d = digestDue(now, s.digestTime, s.timeZone);
      if (d) out.push({ channel, date: d.date, key: digestKey(channel, d.date) });
    }
    return out;
  };

  const pending = async (): Promise<Array<DueDigest & { attempts: number }>> => {
    const now = deps.now().getTime();
    const open = (d: Delivery | undefined): boolean =>
      !d || (d.state === 'failed' && (!d.retryAt || Date.parse(d.retryAt) <= now)) || (d.state === 'claimed' && Date.parse(d.claimedAt) + defaults.leaseMs <= now);
    const out: Array<DueDigest & { attempts: number }> = [];
    const today = await due();
    for (const d of today) {
      const rec = await ledger.get(d.key);
      if (open(rec)) out.push({ ...d, attempts: rec?.attempts ?? 0 });
    }
    for (const f of await ledger.list({ failed: true, limit: 100 })) {
      if (f.state !== 'failed' || today.some((d) => d.key === f.key) || !open(f)) continue;
      const parsed = parseDigestKey(f.key);
      if (parsed) out.push({ ...parsed, key: f.key, attempts: f.attempts });
    }
    return out;
  };

  const deliver = async (channel: ChannelKey, date: string): Promise<DeliverOutcome> => {
    const chat = deps.chatFor(channel);
    if (!chat) return 'no-chat';
    const key = digestKey(channel, date);
    const now = deps.now();
    if (!(await ledger.claim(key, { at: now.toISOString(), leaseMs: defaults.leaseMs }))) return 'already';
    const t0 = performance.now(); // the delivery's latency runs from its claim (telemetry)
    try {
      const retry = ((await ledger.get(key))?.attempts ?? 1) > 1;
      const settings = await settingsOf(channel);
      const subs = await services.channels.listSubscriptions(channel);
      const cursor = await ledger.digestCursor(channelId(channel));
      const since = cursor ?? sinceIso(defaults.firstWindow, now);
      const window = cursor ? `${Math.max(1, Math.ceil((now.getTime() - Date.parse(cursor)) / 3_600_000))}h` : defaults.firstWindow;
      const stories = await storiesForChannel(services.store, channel.platform === 'console' && subs.length === 0 ? ALL : subs, since, defaults.maxStories);
      if (stories.length === 0 && settings.quietDays === 'skip') {
        // Nothing posted, nothing moved: the cursor stays, the next digest covers this day too.
        await ledger.confirm(key, undefined, now.toISOString());
        deps.log?.info({ key }, 'quiet day: digest skipped');
        return 'quiet-skipped';
      }
      const items = [];
      for (const s of stories) items.push(await briefOf(s, `${channel.platform}:${channel.workspaceId}`));
      const result = await chat.postDigest({
        channel: channel.channelId,
        to: channel,
        title: cursor ? `Digest for ${date}: stories that moved in the last ${window}` : `Digest: stories that moved in the last ${window}`,
        digest: digestView(window, items, await storylineTitles(services, items.map((i) => i.story))),
        timeZone: settings.timeZone,
        deliveryKey: key,
        ...(retry ? { retry } : {}),
      });
      await ledger.confirm(key, result?.messageId, deps.now().toISOString(), { channel: channelId(channel), at: now.toISOString() });
      deps.log?.info({ key, stories: items.length, messageId: result?.messageId }, 'digest posted');
      observeDelivery(services.telemetry, 'digest', 'sent', t0);
      return 'sent';
    } catch (err) {
      const f = await recordFailure(ledger, key, err, { retryAfterMs: defaults.retryAfterMs, maxAttempts: defaults.maxAttempts, maxBackoffMs: defaults.maxBackoffMs ?? DIGEST_DEFAULTS.maxBackoffMs! }, deps.now());
      deps.log?.error({ key, err: f.message, attempts: f.attempts, dead: f.dead, ...(f.dead ? {} : { retryInMs: f.waitMs }) }, 'digest post failed');
      observeDelivery(services.telemetry, 'digest', f.dead ? 'dead' : 'failed', t0);
      return f.dead ? 'dead' : 'failed';
    }
  };

  return {
    due,
    pending,
    deliver,
    async tick() {
      const out: Array<DueDigest & { outcome: DeliverOutcome }> = [];
      const today = await due();
      const stopping = deps.stopping ?? (() => false);
      await forEachLimit(today, defaults.concurrency ?? 1, async (d) => {
        out.push({ ...d, outcome: await deliver(d.channel, d.date) });
      }, stopping);
      // Failed digests of other dates (yesterday's, or one an operator retried) whose time has come.
      const now = deps.now().getTime();
      for (const f of await ledger.list({ failed: true, limit: 100 })) {
        if (stopping()) break;
        if (f.state !== 'failed' || today.some((d) => d.key === f.key)) continue;
        if (f.retryAt && Date.parse(f.retryAt) > now) continue;
        const parsed = parseDigestKey(f.key);
        if (!parsed) continue;
        out.push({ ...parsed, key: f.key, outcome: await deliver(parsed.channel, parsed.date) });
      }
      return out;
    },
  };
}

/** Today's local date of the console channel (its digest at start is keyed by it). */
export const todayIn = (now: Date, timeZone: string): string => localDate(now, timeZone);
