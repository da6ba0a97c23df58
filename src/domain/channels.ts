// What a chat channel asks for: the sources it follows, what it subscribes to, when its digest is
// posted. The rules here (formats, caps) are checked by the commands and again by every store.
import { UserError } from './errors.js';
import { MAX_POLL_INTERVAL_MS, MIN_POLL_INTERVAL_MS, parseDuration } from './duration.js';

/** A channel: platform + workspace (Discord guild, Slack team; "local" on the console) + channel. */
export interface ChannelKey {
  platform: 'discord' | 'slack' | 'console';
  workspaceId: string;
  channelId: string;
}

export interface ChannelSource {
  url: string;
  /** Platform user id of who added it; absent when added from the CLI or the console. */
  addedBy?: string;
  addedAt: string;
  /** Its own poll interval (`sources add URL every 30m`), in ms; absent: NEWSBRIEF_POLL_INTERVAL. */
  everyMs?: number;
}

export const SUBSCRIPTION_KINDS = ['topic', 'actor', 'all'] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];

export interface Subscription {
  kind: SubscriptionKind;
  /** The topic words or the actor's name; "" for `all`. */
  value: string;
  addedBy?: string;
  addedAt: string;
}

export const QUIET_DAYS = ['post', 'skip'] as const;
export type QuietDays = (typeof QUIET_DAYS)[number];

export const STORY_POSTS = ['on', 'off'] as const;
export type StoryPostsSetting = (typeof STORY_POSTS)[number];

/** A channel's settings; a field left unset follows the deployment's default. */
export interface ChannelSettings {
  /** HH:MM, 00:00-23:59, in the channel's time zone. */
  digestTime?: string;
  /** An IANA time zone ("Europe/Berlin"). */
  timeZone?: string;
  /** On a day with nothing new: post a short "nothing new" line, or skip the digest. */
  quietDays?: QuietDays;
  /** New stories posted as they break, with updates in their threads (`on`), or the digest only (`off`). */
  storyPosts?: StoryPostsSetting;
}

/** What a channel's unset settings follow. */
export const DEFAULT_CHANNEL_SETTINGS: Required<ChannelSettings> = { digestTime: '08:00', timeZone: 'UTC', quietDays: 'post', storyPosts: 'on' };

/**
 * The channel of the CLI and the console twin: one local channel, so that what is set on a
 * terminal (`newsbrief subscribe all`, or `subscribe all` in `newsbrief chat`) is the same.
 */
export const CONSOLE_CHANNEL: ChannelKey = { platform: 'console', workspaceId: 'local', channelId: 'console' };

export const MAX_SOURCES_PER_CHANNEL = 50;
export const MAX_SUBSCRIPTIONS_PER_CHANNEL = 100;
/** Longest source URL and subscription value kept. */
export const MAX_URL_CHARS = 2000;
export const MAX_SUBSCRIPTION_CHARS = 200;
const MAX_ID_CHARS = 100;

const bad = (message: string): never => {
  throw new UserError('bad_input', message);
};

/** The key as given, checked (ids are the platforms' opaque strings, bounded). */
export function checkChannelKey(key: ChannelKey): ChannelKey {
  if (!['discord', 'slack', 'console'].includes(key.platform)) bad(`unknown platform ${String(key.platform).slice(0, 20)}`);
  for (const id of [key.workspaceId, key.channelId]) {
    if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_CHARS) bad('a channel needs a workspace id and a channel id (1-100 characters)');
  }
  return key;
}

/** HH:MM from 00:00 to 23:59 ("8:05" is read as 08:05); throws a UserError. */
export function parseDigestTime(value: string): string {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  if (!m) return bad(`digest time must be HH:MM from 00:00 to 23:59, got "${value.trim().slice(0, 20)}"`);
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

/** An IANA time zone as the runtime spells it ("europe/paris" -> "Europe/Paris"); throws a UserError. */
export function parseTimeZone(value: string): string {
  const tz = value.trim();
  if (tz && tz.length <= 64 && /^[A-Za-z0-9_+\-/]+$/.test(tz)) {
    try {
      return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
    } catch {
      // falls through to the refusal
    }
  }
  return bad(`not an IANA time zone: "${tz.slice(0, 40)}" (e.g. UTC, Europe/Berlin, America/New_York)`);
}

export function parseQuietDays(value: string): QuietDays {
  const v = value.trim().toLowerCase();
  return (QUIET_DAYS as readonly string[]).includes(v) ? (v as QuietDays) : bad(`quiet-days must be post or skip, got "${v.slice(0, 20)}"`);
}

export function parseStoryPosts(value: string): StoryPostsSetting {
  const v = value.trim().toLowerCase();
  return (STORY_POSTS as readonly string[]).includes(v) ? (v as StoryPostsSetting) : bad(`story-posts must be on or off, got "${v.slice(0, 20)}"`);
}

/** A subscription's value, tidied: words joined by single spaces, bounded; "" for `all`. */
export function subscriptionValue(kind: SubscriptionKind, value: string): string {
  if (!(SUBSCRIPTION_KINDS as readonly string[]).includes(kind)) bad(`a subscription is to a topic, an actor or all, not "${String(kind).slice(0, 20)}"`);
  if (kind === 'all') return '';
  const v = value.replace(/\s+/g, ' ').trim();
  if (!v) bad(`subscribe ${kind} needs a ${kind === 'actor' ? 'name' : 'topic'}`);
  if (v.length > MAX_SUBSCRIPTION_CHARS) bad(`a ${kind} is at most ${MAX_SUBSCRIPTION_CHARS} characters`);
  return v;
}

/** A source's own poll interval, "30m" or "every 30m", in milliseconds: 5 minutes to a week; throws a UserError. */
export function parsePollEvery(value: string): number {
  const text = value.trim().replace(/^every\s+/i, '');
  const ms = parseDuration(text);
  if (ms === undefined) bad(`every: a duration such as 30m, 2h or 1d, not "${text.slice(0, 20)}"`);
  if (ms! < MIN_POLL_INTERVAL_MS) bad('every: at least 5m (a source is polled no more often than every 5 minutes)');
  if (ms! > MAX_POLL_INTERVAL_MS) bad('every: at most once a week (1w)');
  return ms!;
}

/** An http(s) URL, normalised by the URL parser; throws a UserError. (Address checks: the commands.) */
export function parseSourceUrl(value: string): string {
  const raw = value.trim();
  if (raw.length > MAX_URL_CHARS) bad(`a source URL is at most ${MAX_URL_CHARS} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return bad(`not a URL: "${raw.slice(0, 60)}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') bad(`a source is an http or https URL, not ${url.protocol.slice(0, 20)}`);
  if (url.username || url.password) bad('a source URL may not carry a user name or password');
  url.hash = '';
  return url.toString();
}
