// StoryPosts over PostgreSQL (ADR 021, ADR 023), held to test/store/story-posts-contract.ts. The
// takeaways and article ids are jsonb arrays.
import type { StoryPostRecord, StoryPosts } from '../story-posts.js';
import type { PgPool } from './pool.js';

type Row = Record<string, unknown>;

const of = (r: Row): StoryPostRecord => ({
  channel: String(r.channel),
  storyId: Number(r.story_id),
  messageId: String(r.message_id),
  ...(r.thread_id != null ? { threadId: String(r.thread_id) } : {}),
  // jsonb comes back parsed.
  takeaways: r.takeaways as string[],
  articleIds: r.article_ids as number[],
  version: Number(r.version),
  lastPostAt: String(r.last_post_at),
  seenUpdatedAt: String(r.seen_updated_at),
});

/** The pool is the caller's: close() leaves it open. */
export function createPgStoryPosts(pool: PgPool): StoryPosts {
  return {
    async get(channel, storyId) {
      const r = await pool.query('SELECT * FROM story_posts WHERE channel = $1 AND story_id = $2', [channel, storyId]);
      const row = r.rows[0] as Row | undefined;
      return row ? of(row) : undefined;
    },
    async put(rec) {
      // JSON text, cast: pg would send a JS array as a PostgreSQL array, not as JSON.
      await pool.query(
        `INSERT INTO story_posts (channel, story_id, message_id, thread_id, takeaways, article_ids, version, last_post_at, seen_updated_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9)
         ON CONFLICT (channel, story_id) DO UPDATE SET
           message_id = excluded.message_id, thread_id = excluded.thread_id, takeaways = excluded.takeaways,
           article_ids = excluded.article_ids, version = excluded.version, last_post_at = excluded.last_post_at,
           seen_updated_at = excluded.seen_updated_at`,
        [rec.channel, rec.storyId, rec.messageId, rec.threadId ?? null, JSON.stringify(rec.takeaways), JSON.stringify(rec.articleIds), rec.version, rec.lastPostAt, rec.seenUpdatedAt],
      );
    },
    async startAfter(channel, storyId, at) {
      await pool.query('INSERT INTO story_post_channels (channel, after_story_id, started_at) VALUES ($1, $2, $3) ON CONFLICT (channel) DO NOTHING', [channel, storyId, at]);
      const r = await pool.query<{ after_story_id: string }>('SELECT after_story_id FROM story_post_channels WHERE channel = $1', [channel]);
      return Number(r.rows[0]?.after_story_id);
    },
    async close() {},
  };
}
