// The StoryPosts contract on a real PostgreSQL (a fresh database for the file, a fresh schema for
// each test), the second handle on a pool of its own, as another process.
import { it } from 'vitest';
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
} else {
  it.skip('PostgreSQL story posts (no server)', () => {});
}
