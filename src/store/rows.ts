// Row helpers the SQLite and PostgreSQL adapters share: the same columns, read the same way, so
// that the two give the same articles, stories, deliveries, polls and settings for the same rows.
import type { Article, Story } from '../domain/types.js';
import type { ChannelSettings, QuietDays, StoryPostsSetting } from '../domain/channels.js';
import type { Delivery, DeliveryState } from './delivery-ledger.js';
import type { SourcePoll } from './source-polls.js';
import type { SearchedArticle } from './article-search.js';

export type Row = Record<string, unknown>;

export const str = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));
export const num = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));

/** ISO form of a date string, so that string order is time order. */
export function iso(s: string): string {
  const t = Date.parse(s);
  return Number.isNaN(t) ? s : new Date(t).toISOString();
}

export function packSignature(sig: number[]): Buffer {
  const buf = Buffer.allocUnsafe(sig.length * 4);
  sig.forEach((v, i) => buf.writeUInt32LE(v >>> 0, i * 4));
  return buf;
}

export function unpackSignature(buf: unknown): number[] {
  if (!Buffer.isBuffer(buf)) return [];
  const out = new Array<number>(buf.length >> 2);
  for (let i = 0; i < out.length; i++) out[i] = buf.readUInt32LE(i * 4);
  return out;
}

export function toArticle(r: Row): Article {
  const a: Article = {
    id: Number(r.id),
    url: String(r.url),
    title: String(r.title),
    text: String(r.text),
    language: String(r.language),
    contentHash: String(r.content_hash),
    via: String(r.via) as Article['via'],
    ingestedAt: String(r.ingested_at),
  };
  const outlet = str(r.outlet);
  if (outlet !== undefined) a.outlet = outlet;
  const publishedAt = str(r.published_at);
  if (publishedAt !== undefined) a.publishedAt = publishedAt;
  const storyId = num(r.story_id);
  if (storyId !== undefined) a.storyId = storyId;
  const nearCopyOf = num(r.near_copy_of);
  if (nearCopyOf !== undefined) a.nearCopyOf = nearCopyOf;
  return a;
}

export function toStory(r: Row): Story {
  const s: Story = {
    id: Number(r.id),
    headline: String(r.headline),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    firstSeenAt: String(r.first_seen_at),
    lastSeenAt: String(r.last_seen_at),
    articleCount: Number(r.article_count),
  };
  const storylineId = num(r.storyline_id);
  if (storylineId !== undefined) s.storylineId = storylineId;
  const eventTo = num(r.event_to);
  if (eventTo !== undefined) s.lastPublishedAt = new Date(eventTo).toISOString();
  return s;
}

export const deliveryOf = (r: Row): Delivery => ({
  key: String(r.key),
  state: String(r.state) as DeliveryState,
  attempts: Number(r.attempts),
  ...(r.message_id != null ? { messageId: String(r.message_id) } : {}),
  ...(r.last_error != null ? { lastError: String(r.last_error) } : {}),
  claimedAt: String(r.claimed_at),
  ...(r.sent_at != null ? { sentAt: String(r.sent_at) } : {}),
  ...(r.retry_at != null ? { retryAt: String(r.retry_at) } : {}),
});

export const sourcePollOf = (r: Row): SourcePoll => ({
  url: String(r.url),
  intervalMs: Number(r.interval_ms),
  nextDueAt: String(r.next_due_at),
  ...(r.last_polled_at != null ? { lastPolledAt: String(r.last_polled_at) } : {}),
  ...(r.last_success_at != null ? { lastSuccessAt: String(r.last_success_at) } : {}),
  failures: Number(r.failures),
  ...(r.last_error != null ? { lastError: String(r.last_error) } : {}),
});

/** A channel's settings row; {} for none. */
export const channelSettingsOf = (r: Row | undefined): ChannelSettings => {
  const s: ChannelSettings = {};
  if (r?.digest_time != null) s.digestTime = String(r.digest_time);
  if (r?.time_zone != null) s.timeZone = String(r.time_zone);
  if (r?.quiet_days != null) s.quietDays = String(r.quiet_days) as QuietDays;
  if (r?.story_posts != null) s.storyPosts = String(r.story_posts) as StoryPostsSetting;
  return s;
};

/** The columns searchedArticleOf reads: articles `a` joined to their story `s`. */
export const SEARCHED_ARTICLE_COLS = 'a.id, a.url, a.outlet, a.title, a.text, a.published_at, a.ingested_at, a.story_id, s.storyline_id';

/** An article as the ArticleSearch port gives it. */
export function searchedArticleOf(r: Row): SearchedArticle {
  const a: SearchedArticle = {
    id: Number(r.id),
    url: String(r.url),
    title: String(r.title),
    text: String(r.text),
    ingestedAt: String(r.ingested_at),
  };
  if (r.outlet != null) a.outlet = String(r.outlet);
  if (r.published_at != null) a.publishedAt = String(r.published_at);
  if (r.story_id != null) a.storyId = Number(r.story_id);
  if (r.storyline_id != null) a.storylineId = Number(r.storyline_id);
  return a;
}
