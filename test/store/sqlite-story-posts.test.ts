// The StoryPosts contract on a real SQLite file, migrated by the Store's init.
import { sqlitePort } from '../support/sqlite-file.js';
import { createSqliteStoryPosts } from '../../src/store/sqlite-story-posts.js';
import { describeStoryPostsContract } from './story-posts-contract.js';

describeStoryPostsContract('sqlite', async () => {
  const h = await sqlitePort('story-posts', createSqliteStoryPosts);
  return { posts: h.port, second: h.second, cleanup: h.cleanup };
});
