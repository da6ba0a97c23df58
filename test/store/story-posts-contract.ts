// Contract suite for the StoryPosts port: every implementation (SQLite now, PostgreSQL later) must pass it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoryPosts } from '../../src/store/story-posts.js';

export interface StoryPostsHandle {
  posts: StoryPosts;
  /** Another handle on the same data (another connection, another process's view). */
  second(): Promise<StoryPosts>;
  cleanup(): Promise<void>;
}

export function describeStoryPostsContract(name: string, make: () => Promise<StoryPostsHandle>): void {
  describe(`StoryPosts contract: ${name}`, () => {
    let h: StoryPostsHandle;
    beforeEach(async () => {
      h = await make();
    });
    afterEach(async () => h.cleanup());

    it('keeps a story post per channel and story, replaced by the next write', async () => {
      const rec = { channel: 'discord:g:c1', storyId: 7, messageId: 'm1', takeaways: ['A said B.'], articleIds: [3, 4], version: 1, lastPostAt: '2026-03-08T06:00:00.000Z', seenUpdatedAt: '2026-03-08T05:59:00.000Z' };
      expect(await h.posts.get('discord:g:c1', 7)).toBeUndefined();
      await h.posts.put(rec);
      expect(await h.posts.get('discord:g:c1', 7)).toEqual(rec);
      expect(await h.posts.get('discord:g:c2', 7)).toBeUndefined();
      const next = { ...rec, threadId: 'm1', takeaways: ['A said B.', 'C did D, "quoted" [1].'], articleIds: [3, 4, 9], version: 2 };
      await h.posts.put(next);
      const other = await h.second();
      expect(await other.get('discord:g:c1', 7)).toEqual(next);
      await other.close();
    });

    it('a channel starts once: the first story id given is kept', async () => {
      expect(await h.posts.startAfter('slack:T:C', 41, '2026-03-08T06:00:00.000Z')).toBe(41);
      expect(await h.posts.startAfter('slack:T:C', 90, '2026-03-09T06:00:00.000Z')).toBe(41);
      expect(await h.posts.startAfter('slack:T:D', 90, '2026-03-09T06:00:00.000Z')).toBe(90);
    });
  });
}
