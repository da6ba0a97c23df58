// StoryPosts over the SQLite store's file, through its own connection (WAL), like the delivery
// ledger. Its tables come from migration 9, which the Store's init applies.
import { openSideConnection } from './sqlite-side-connection.js';
import type { StoryPostRecord, StoryPosts } from './story-posts.js';

type Row = Record<string, unknown>;

export function createSqliteStoryPosts(path: string): StoryPosts {
  const db = openSideConnection(path, ['story_posts', 'story_post_channels'], `${path}: no story post tables (open the store first: its migrations create them)`);
  const st = {
    get: db.prepare('SELECT * FROM story_posts WHERE channel = ? AND story_id = ?'),
    put: db.prepare(`INSERT OR REPLACE INTO story_posts (channel, story_id, message_id, thread_id, takeaways, article_ids, version, last_post_at, seen_updated_at)
      VALUES (@channel, @storyId, @messageId, @threadId, @takeaways, @articleIds, @version, @lastPostAt, @seenUpdatedAt)`),
    start: db.prepare('INSERT INTO story_post_channels (channel, after_story_id, started_at) VALUES (?, ?, ?) ON CONFLICT (channel) DO NOTHING'),
    started: db.prepare('SELECT after_story_id FROM story_post_channels WHERE channel = ?').pluck(),
  };
  const of = (r: Row): StoryPostRecord => ({
    channel: String(r.channel),
    storyId: Number(r.story_id),
    messageId: String(r.message_id),
    ...(r.thread_id != null ? { threadId: String(r.thread_id) } : {}),
    takeaways: JSON.parse(String(r.takeaways)) as string[],
    articleIds: JSON.parse(String(r.article_ids)) as number[],
    version: Number(r.version),
    lastPostAt: String(r.last_post_at),
    seenUpdatedAt: String(r.seen_updated_at),
  });
  return {
    async get(channel, storyId) {
      const r = st.get.get(channel, storyId) as Row | undefined;
      return r ? of(r) : undefined;
    },
    async put(rec) {
      st.put.run({ ...rec, threadId: rec.threadId ?? null, takeaways: JSON.stringify(rec.takeaways), articleIds: JSON.stringify(rec.articleIds) });
    },
    async startAfter(channel, storyId, at) {
      st.start.run(channel, storyId, at);
      return Number(st.started.get(channel));
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
