// ChannelStore over PostgreSQL (ADR 023), held to test/store/channel-contract.ts like the SQLite
// adapter, with the same checks from src/domain/channels.ts. Its tables come from migratePostgres.
import {
  checkChannelKey,
  MAX_SOURCES_PER_CHANNEL,
  MAX_SUBSCRIPTIONS_PER_CHANNEL,
  parseDigestTime,
  parseQuietDays,
  parseStoryPosts,
  parseSourceUrl,
  parseTimeZone,
  subscriptionValue,
  type ChannelKey,
  type ChannelSource,
  type Subscription,
  type SubscriptionKind,
} from '../../domain/channels.js';
import { UserError } from '../../domain/errors.js';
import type { ChannelStore } from '../channel-store.js';
import { withTransaction, type PgClient, type PgPool } from './pool.js';
import { channelSettingsOf } from '../rows.js';
import { checkPollEvery } from '../poll-every.js';

type Row = Record<string, unknown>;
type Key = [platform: string, workspaceId: string, channelId: string];


/** The channel's columns as $1, $2, $3. */
const KEY = 'platform = $1 AND workspace_id = $2 AND channel_id = $3';

function keyOf(channel: ChannelKey): Key {
  const k = checkChannelKey(channel);
  return [k.platform, k.workspaceId, k.channelId];
}

/**
 * Serializes the cap checks of one channel (count, then insert), as SQLite's IMMEDIATE transaction
 * does: two admins adding at once cannot pass the cap. Other channels are not held up.
 */
async function lockChannel(c: PgClient, what: string, k: Key): Promise<void> {
  await c.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`newsbrief:${what}:${JSON.stringify(k)}`]);
}


/** The pool is the caller's: close() leaves it open. */
export function createPgChannelStore(pool: PgPool): ChannelStore {
  const q = async (sql: string, params: unknown[]): Promise<Row[]> => (await pool.query(sql, params)).rows as Row[];
  const count = async (sql: string, params: unknown[]): Promise<number> => (await pool.query(sql, params)).rowCount ?? 0;

  return {
    async addSource(channel, url, addedBy, at, everyMs) {
      const k = keyOf(channel);
      const u = parseSourceUrl(url);
      const every = checkPollEvery(everyMs);
      return withTransaction(pool, async (c) => {
        await lockChannel(c, 'sources', k);
        const r = await c.query<{ n: string; has: boolean }>(`SELECT count(*) AS n, bool_or(url = $4) AS has FROM channel_sources WHERE ${KEY}`, [...k, u]);
        if (Number(r.rows[0]?.n) >= MAX_SOURCES_PER_CHANNEL) {
          if (r.rows[0]?.has) return false;
          throw new UserError('bad_input', `this channel already has ${MAX_SOURCES_PER_CHANNEL} sources, the most it may have: remove one first`);
        }
        const ins = await c.query(
          `INSERT INTO channel_sources (platform, workspace_id, channel_id, url, added_by, added_at, poll_every_ms)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
          [...k, u, addedBy ?? null, at, every],
        );
        return (ins.rowCount ?? 0) > 0;
      });
    },
    async setSourceEvery(channel, url, everyMs) {
      const k = keyOf(channel);
      return (await count(`UPDATE channel_sources SET poll_every_ms = $5 WHERE ${KEY} AND url = $4`, [...k, parseSourceUrl(url), checkPollEvery(everyMs)])) > 0;
    },
    async removeSource(channel, url) {
      return (await count(`DELETE FROM channel_sources WHERE ${KEY} AND url = $4`, [...keyOf(channel), parseSourceUrl(url)])) > 0;
    },
    async listSources(channel) {
      const rows = await q(`SELECT url, added_by, added_at, poll_every_ms FROM channel_sources WHERE ${KEY} ORDER BY added_at, seq`, keyOf(channel));
      return rows.map((r): ChannelSource => ({
        url: String(r.url),
        ...(r.added_by != null ? { addedBy: String(r.added_by) } : {}),
        addedAt: String(r.added_at),
        ...(r.poll_every_ms != null ? { everyMs: Number(r.poll_every_ms) } : {}),
      }));
    },
    async listAllSources() {
      // NULLS FIRST: the default interval before any asked one, as SQLite orders them.
      const rows = await q('SELECT DISTINCT url, poll_every_ms FROM channel_sources ORDER BY url, poll_every_ms NULLS FIRST', []);
      return rows.map((r) => ({ url: String(r.url), ...(r.poll_every_ms != null ? { everyMs: Number(r.poll_every_ms) } : {}) }));
    },
    async subscribe(channel, kind, value, addedBy, at) {
      const k = keyOf(channel);
      const v = subscriptionValue(kind, value);
      return withTransaction(pool, async (c) => {
        await lockChannel(c, 'subscriptions', k);
        const ins = await c.query(
          `INSERT INTO channel_subscriptions (platform, workspace_id, channel_id, kind, value, added_by, added_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (platform, workspace_id, channel_id, kind, lower(value)) DO NOTHING`,
          [...k, kind, v, addedBy ?? null, at],
        );
        const inserted = (ins.rowCount ?? 0) > 0;
        if (inserted) {
          const n = await c.query<{ n: string }>(`SELECT count(*) AS n FROM channel_subscriptions WHERE ${KEY}`, k);
          // Thrown inside the transaction: the row just inserted is rolled back.
          if (Number(n.rows[0]?.n) > MAX_SUBSCRIPTIONS_PER_CHANNEL) {
            throw new UserError('bad_input', `this channel already has ${MAX_SUBSCRIPTIONS_PER_CHANNEL} subscriptions, the most it may have: unsubscribe from one first`);
          }
        }
        return inserted;
      });
    },
    async unsubscribe(channel, kind, value) {
      const k = keyOf(channel);
      const v = subscriptionValue(kind, value);
      return (await count(`DELETE FROM channel_subscriptions WHERE ${KEY} AND kind = $4 AND lower(value) = lower($5::text COLLATE "C")`, [...k, kind, v])) > 0;
    },
    async listSubscriptions(channel) {
      const rows = await q(`SELECT kind, value, added_by, added_at FROM channel_subscriptions WHERE ${KEY} ORDER BY added_at, seq`, keyOf(channel));
      return rows.map((r): Subscription => ({
        kind: String(r.kind) as SubscriptionKind,
        value: String(r.value),
        ...(r.added_by != null ? { addedBy: String(r.added_by) } : {}),
        addedAt: String(r.added_at),
      }));
    },
    async listSubscribedChannels() {
      const rows = await q('SELECT DISTINCT platform, workspace_id, channel_id FROM channel_subscriptions ORDER BY platform, workspace_id, channel_id', []);
      return rows.map((r): ChannelKey => ({
        platform: String(r.platform) as ChannelKey['platform'],
        workspaceId: String(r.workspace_id),
        channelId: String(r.channel_id),
      }));
    },
    async getSettings(channel) {
      return channelSettingsOf((await q(`SELECT digest_time, time_zone, quiet_days, story_posts FROM channel_settings WHERE ${KEY}`, keyOf(channel)))[0]);
    },
    async updateSettings(channel, change, by, at) {
      const k = keyOf(channel);
      // Every field checked before anything is written: a bad one refuses the whole change.
      const digestTime = change.digestTime !== undefined ? parseDigestTime(change.digestTime) : null;
      const timeZone = change.timeZone !== undefined ? parseTimeZone(change.timeZone) : null;
      const quietDays = change.quietDays !== undefined ? parseQuietDays(change.quietDays) : null;
      const storyPosts = change.storyPosts !== undefined ? parseStoryPosts(change.storyPosts) : null;
      const rows = await q(
        `INSERT INTO channel_settings (platform, workspace_id, channel_id, digest_time, time_zone, quiet_days, story_posts, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (platform, workspace_id, channel_id) DO UPDATE SET
           digest_time = coalesce(excluded.digest_time, channel_settings.digest_time),
           time_zone = coalesce(excluded.time_zone, channel_settings.time_zone),
           quiet_days = coalesce(excluded.quiet_days, channel_settings.quiet_days),
           story_posts = coalesce(excluded.story_posts, channel_settings.story_posts),
           updated_by = excluded.updated_by, updated_at = excluded.updated_at
         RETURNING digest_time, time_zone, quiet_days, story_posts`,
        [...k, digestTime, timeZone, quietDays, storyPosts, by ?? null, at],
      );
      return channelSettingsOf(rows[0]);
    },
    async close() {},
  };
}
