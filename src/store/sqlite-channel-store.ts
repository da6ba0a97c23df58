// ChannelStore over the SQLite store's file, through its own better-sqlite3 connection (WAL: beside
// the ingest writer), like the article search. Its tables come from migration 5, which the Store's
// init applies: this adapter refuses a file without them rather than creating anything.
import { openSideConnection } from './sqlite-side-connection.js';
import {
  checkChannelKey,
  MAX_SOURCES_PER_CHANNEL,
  MAX_SUBSCRIPTIONS_PER_CHANNEL,
  parseDigestTime,
  parseQuietDays,
  parseSourceUrl,
  parseStoryPosts,
  parseTimeZone,
  subscriptionValue,
  type ChannelKey,
  type ChannelSource,
  type Subscription,
  type SubscriptionKind,
} from '../domain/channels.js';
import { UserError } from '../domain/errors.js';
import type { ChannelStore } from './channel-store.js';
import { channelSettingsOf } from './rows.js';
import { checkPollEvery } from './poll-every.js';

type Row = Record<string, unknown>;

const KEY = 'platform = @platform AND workspace_id = @workspaceId AND channel_id = @channelId';

function keyParams(channel: ChannelKey): { platform: string; workspaceId: string; channelId: string } {
  const k = checkChannelKey(channel);
  return { platform: k.platform, workspaceId: k.workspaceId, channelId: k.channelId };
}

export function createSqliteChannelStore(path: string): ChannelStore {
  const db = openSideConnection(path, ['channel_sources', 'channel_subscriptions', 'channel_settings'], `${path}: no channel tables (open the store first: its migrations create them)`);
  const p = (sql: string) => db.prepare(sql);
  const st = {
    countSources: p(`SELECT count(*) FROM channel_sources WHERE ${KEY}`).pluck(),
    insertSource: p(`INSERT OR IGNORE INTO channel_sources (platform, workspace_id, channel_id, url, added_by, added_at, poll_every_ms)
      VALUES (@platform, @workspaceId, @channelId, @url, @addedBy, @at, @everyMs)`),
    setEvery: p(`UPDATE channel_sources SET poll_every_ms = @everyMs WHERE ${KEY} AND url = @url`),
    deleteSource: p(`DELETE FROM channel_sources WHERE ${KEY} AND url = @url`),
    listSources: p(`SELECT url, added_by, added_at, poll_every_ms FROM channel_sources WHERE ${KEY} ORDER BY added_at, rowid`),
    allSources: p('SELECT DISTINCT url, poll_every_ms FROM channel_sources ORDER BY url, poll_every_ms'),
    countSubs: p(`SELECT count(*) FROM channel_subscriptions WHERE ${KEY}`).pluck(),
    insertSub: p(`INSERT OR IGNORE INTO channel_subscriptions (platform, workspace_id, channel_id, kind, value, added_by, added_at)
      VALUES (@platform, @workspaceId, @channelId, @kind, @value, @addedBy, @at)`),
    deleteSub: p(`DELETE FROM channel_subscriptions WHERE ${KEY} AND kind = @kind AND value = @value`),
    listSubs: p(`SELECT kind, value, added_by, added_at FROM channel_subscriptions WHERE ${KEY} ORDER BY added_at, rowid`),
    subscribed: p('SELECT DISTINCT platform, workspace_id, channel_id FROM channel_subscriptions ORDER BY platform, workspace_id, channel_id'),
    getSettings: p(`SELECT digest_time, time_zone, quiet_days, story_posts FROM channel_settings WHERE ${KEY}`),
    upsertSettings: p(`INSERT INTO channel_settings (platform, workspace_id, channel_id, digest_time, time_zone, quiet_days, story_posts, updated_by, updated_at)
      VALUES (@platform, @workspaceId, @channelId, @digestTime, @timeZone, @quietDays, @storyPosts, @by, @at)
      ON CONFLICT (platform, workspace_id, channel_id) DO UPDATE SET
        digest_time = coalesce(excluded.digest_time, digest_time),
        time_zone = coalesce(excluded.time_zone, time_zone),
        quiet_days = coalesce(excluded.quiet_days, quiet_days),
        story_posts = coalesce(excluded.story_posts, story_posts),
        updated_by = excluded.updated_by, updated_at = excluded.updated_at`),
  };


  // Count and insert in one write transaction: two admins adding at once cannot pass the cap.
  const addSource = db.transaction((k: ReturnType<typeof keyParams>, url: string, addedBy: string | null, at: string, everyMs: number | null): boolean => {
    if (Number(st.countSources.get(k)) >= MAX_SOURCES_PER_CHANNEL) {
      const exists = (st.listSources.all(k) as Row[]).some((r) => r.url === url);
      if (exists) return false;
      throw new UserError('bad_input', `this channel already has ${MAX_SOURCES_PER_CHANNEL} sources, the most it may have: remove one first`);
    }
    return st.insertSource.run({ ...k, url, addedBy, at, everyMs }).changes > 0;
  });
  const subscribe = db.transaction((k: ReturnType<typeof keyParams>, kind: SubscriptionKind, value: string, addedBy: string | null, at: string): boolean => {
    const inserted = st.insertSub.run({ ...k, kind, value, addedBy, at }).changes > 0;
    if (inserted && Number(st.countSubs.get(k)) > MAX_SUBSCRIPTIONS_PER_CHANNEL) {
      throw new UserError('bad_input', `this channel already has ${MAX_SUBSCRIPTIONS_PER_CHANNEL} subscriptions, the most it may have: unsubscribe from one first`);
    }
    return inserted;
  });

  return {
    async addSource(channel, url, addedBy, at, everyMs) {
      return addSource.immediate(keyParams(channel), parseSourceUrl(url), addedBy ?? null, at, checkPollEvery(everyMs));
    },
    async removeSource(channel, url) {
      return st.deleteSource.run({ ...keyParams(channel), url: parseSourceUrl(url) }).changes > 0;
    },
    async listSources(channel) {
      return (st.listSources.all(keyParams(channel)) as Row[]).map((r): ChannelSource => ({
        url: String(r.url),
        ...(r.added_by != null ? { addedBy: String(r.added_by) } : {}),
        addedAt: String(r.added_at),
        ...(r.poll_every_ms != null ? { everyMs: Number(r.poll_every_ms) } : {}),
      }));
    },
    async setSourceEvery(channel, url, everyMs) {
      return st.setEvery.run({ ...keyParams(channel), url: parseSourceUrl(url), everyMs: checkPollEvery(everyMs) }).changes > 0;
    },
    async listAllSources() {
      return (st.allSources.all() as Row[]).map((r) => ({ url: String(r.url), ...(r.poll_every_ms != null ? { everyMs: Number(r.poll_every_ms) } : {}) }));
    },
    async subscribe(channel, kind, value, addedBy, at) {
      return subscribe.immediate(keyParams(channel), kind, subscriptionValue(kind, value), addedBy ?? null, at);
    },
    async unsubscribe(channel, kind, value) {
      return st.deleteSub.run({ ...keyParams(channel), kind, value: subscriptionValue(kind, value) }).changes > 0;
    },
    async listSubscriptions(channel) {
      return (st.listSubs.all(keyParams(channel)) as Row[]).map((r): Subscription => ({
        kind: String(r.kind) as SubscriptionKind,
        value: String(r.value),
        ...(r.added_by != null ? { addedBy: String(r.added_by) } : {}),
        addedAt: String(r.added_at),
      }));
    },
    async listSubscribedChannels() {
      return (st.subscribed.all() as Row[]).map((r): ChannelKey => ({
        platform: String(r.platform) as ChannelKey['platform'],
        workspaceId: String(r.workspace_id),
        channelId: String(r.channel_id),
      }));
    },
    async getSettings(channel) {
      return channelSettingsOf(st.getSettings.get(keyParams(channel)) as Row | undefined);
    },
    async updateSettings(channel, change, by, at) {
      const k = keyParams(channel);
      const digestTime = change.digestTime !== undefined ? parseDigestTime(change.digestTime) : null;
      const timeZone = change.timeZone !== undefined ? parseTimeZone(change.timeZone) : null;
      const quietDays = change.quietDays !== undefined ? parseQuietDays(change.quietDays) : null;
      const storyPosts = change.storyPosts !== undefined ? parseStoryPosts(change.storyPosts) : null;
      st.upsertSettings.run({ ...k, digestTime, timeZone, quietDays, storyPosts, by: by ?? null, at });
      return channelSettingsOf(st.getSettings.get(k) as Row | undefined);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
