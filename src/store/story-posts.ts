// Port: the stories the bot posted to each channel by itself (issue 10 item 3, ADR 021), so that a
// story is posted once per channel and later articles on it go to that post's thread, at most hourly,
// and only with takeaways not shown before. SQLite now; PostgreSQL later, both held to
// test/store/story-posts-contract.ts. The delivery ledger stays what makes each post happen once;
// this is what the next update reads.

export interface StoryPostRecord {
  /** Channel id string (`platform:workspace:channel`). */
  channel: string;
  storyId: number;
  /** The platform's id of the story's post (what its thread hangs on). */
  messageId: string;
  /** The thread's id once one was started (Discord), when it differs from nothing. */
  threadId?: string;
  /** Takeaways shown in the channel so far (the post's and its updates'), as posted. */
  takeaways: string[];
  /** The story's articles when it was last posted: a point any of them made is not news to the channel. */
  articleIds: number[];
  /** Posts made for the story: 1 after the story post, +1 per update. */
  version: number;
  /** When the last post (story or update) went out (ISO). */
  lastPostAt: string;
  /** The story's updatedAt when it was last looked at: a story not updated since needs no look. */
  seenUpdatedAt: string;
}

export interface StoryPosts {
  get(channel: string, storyId: number): Promise<StoryPostRecord | undefined>;
  /** Writes the record (insert or replace). */
  put(record: StoryPostRecord): Promise<void>;
  /**
   * The newest story id stored when the channel started getting story posts: `storyId` on the first
   * call (made at `at`), kept after. Stories up to it are left to the channel's digest.
   */
  startAfter(channel: string, storyId: number, at: string): Promise<number>;
  close(): Promise<void>;
}
