// The StoryPosts contract on a real PostgreSQL (a fresh database for the file, a fresh schema for
// each test), the second handle on a pool of its own, as another process.
import { expect, it } from 'vitest';
import { createPgStoryPosts } from '../../src/store/postgres/pg-story-posts.js';
import { usePostgres } from '../support/postgres.js';
import { describeStoryPostsContract } from './story-posts-contract.js';

const db = await usePostgres();

if (db) {
  describeStoryPostsContract('postgres', async () => {
    const { pool, schema } = await db.migratedPool();
    const posts = createPgStoryPosts(pool);
    return {
      posts,
      second: async () => {
        const other = db.pool(schema);
        return { ...createPgStoryPosts(other), close: async () => other.end() };
      },
      async cleanup() {
        await posts.close();
        await pool.end();
      },
    };
  });
  it('postgres story posts: two pools starting one channel at once agree on the first story id', async () => {
    const { pool, schema } = await db.migratedPool();
    const other = db.pool(schema);
    try {
      const a = createPgStoryPosts(pool);
      const b = createPgStoryPosts(other);
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? b : a).startAfter('discord:G:C', 100 + i, '2026-03-08T06:00:00.000Z')));
      expect(new Set(answers).size).toBe(1);
      expect(await a.startAfter('discord:G:C', 999, '2026-03-09T06:00:00.000Z')).toBe(answers[0]);
    } finally {
      await pool.end();
      await other.end();
    }
  });
} else {
  it.skip('PostgreSQL story posts (no server)', () => {});
}
