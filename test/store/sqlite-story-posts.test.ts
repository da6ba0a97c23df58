// The StoryPosts contract on a real SQLite file, migrated by the Store's init.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { createSqliteStoryPosts } from '../../src/store/sqlite-story-posts.js';
import { describeStoryPostsContract } from './story-posts-contract.js';

describeStoryPostsContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-story-posts-'));
  const path = join(dir, 'posts.db');
  const store = createSqliteStore(path);
  await store.init();
  const posts = createSqliteStoryPosts(path);
  return {
    posts,
    second: async () => createSqliteStoryPosts(path),
    async cleanup() {
      await posts.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
