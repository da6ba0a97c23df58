// Port: where briefings are posted. Console (no token), Discord and Slack adapters render the same
// view models for their platforms. Scheduled posts go through the delivery ledger first (ADR 017):
// the adapter is given the delivery key so it can make a retried post idempotent on the platform.
import type { BriefingView, DigestView } from '../commands/view.js';
import type { ChannelKey } from '../domain/channels.js';

export interface DigestPost {
  /** Channel key; the console has one, "console". */
  channel: string;
  /** The channel as the platform knows it (guild/team + channel); the console's when absent. */
  to?: ChannelKey;
  title: string;
  /** The view model every chat renders its own way. */
  digest: DigestView;
  /** IANA time zone the digest's dates are shown in (the channel's); UTC when absent. */
  timeZone?: string;
  /** The ledger's key for this post (`digest:<platform>:<workspace>:<channel>:<date>`). */
  deliveryKey?: string;
  /**
   * The key was claimed before (a crash or a failure may have left the post made): an adapter that
   * can look for its own message first does so, and answers with it instead of posting again.
   */
  retry?: boolean;
}

export interface PostResult {
  /** The platform's id of the (first) message posted. */
  messageId?: string;
  /** The thread it went to, when it went to one (Discord: the thread channel's id). */
  threadId?: string;
}

/** A story posted by itself, or an update to one in the thread of its post (ADR 021). */
export interface StoryPost {
  to: ChannelKey;
  /** The story's briefing, or for an update, the takeaways that are new. */
  view: BriefingView;
  timeZone?: string;
  /** The ledger's key (`story:...` or `update:...:<version>`). */
  deliveryKey: string;
  /** As DigestPost.retry: look for the post already made before posting. */
  retry?: boolean;
  /** An update: the story post's message (and the thread once started) to answer in. */
  thread?: { messageId: string; threadId?: string; name: string };
}

export interface Chat {
  readonly name: string;
  postDigest(post: DigestPost): Promise<PostResult | void>;
  /** Story posts and thread updates; a chat without it (the console) gets digests only. */
  postStory?(post: StoryPost): Promise<PostResult>;
  close(): Promise<void>;
}
