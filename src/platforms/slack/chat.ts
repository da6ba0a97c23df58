// The Chat port on Slack: a digest posted with `chat.postMessage` through the Bolt app's WebClient,
// Block Kit from the Slack renderer. Each message carries the delivery key in its metadata; a
// delivery claimed again (after a crash or a failure) first looks for its own first message in the
// channel's recent history and answers with it instead of posting again (ADR 017).
import type { WebClient } from '@slack/web-api';
import { renderSlack } from '../../render/slack/index.js';
import type { Chat, DigestPost, PostResult } from '../../chat/chat.js';

export const DELIVERY_EVENT = 'newsbrief_delivery';

/** How far back (messages) a retried delivery looks for its own post. */
const HISTORY_LOOKBACK = 100;

async function findOwnPost(client: Pick<WebClient, 'conversations'>, channel: string, key: string): Promise<string | undefined> {
  const res = await client.conversations.history({ channel, limit: HISTORY_LOOKBACK, include_all_metadata: true });
  const own = (res.messages ?? []).find((m) => {
    const meta = (m as { metadata?: { event_type?: string; event_payload?: { key?: unknown; part?: unknown } } }).metadata;
    return meta?.event_type === DELIVERY_EVENT && meta.event_payload?.key === key && Number(meta.event_payload?.part ?? 0) === 0;
  });
  return own?.ts;
}

export function createSlackChat(client: Pick<WebClient, 'chat' | 'conversations'>): Chat {
  return {
    name: 'slack',
    async postDigest(post: DigestPost): Promise<PostResult> {
      if (!post.to || post.to.platform !== 'slack') throw new Error(`slack chat cannot post to ${post.to?.platform ?? post.channel}`);
      if (post.retry && post.deliveryKey) {
        // A missing scope or history we cannot read must not block the post: it is only a lookup.
        const found = await findOwnPost(client, post.to.channelId, post.deliveryKey).catch(() => undefined);
        if (found) return { messageId: found };
      }
      const messages = renderSlack(post.digest, { timeZone: post.timeZone ?? 'UTC' });
      let first: string | undefined;
      for (const [i, m] of messages.entries()) {
        const res = await client.chat.postMessage({
          channel: post.to.channelId,
          text: m.text,
          blocks: m.blocks as never,
          unfurl_links: false,
          unfurl_media: false,
          ...(post.deliveryKey ? { metadata: { event_type: DELIVERY_EVENT, event_payload: { key: post.deliveryKey, part: i } } } : {}),
        });
        first ??= res.ts;
      }
      return first ? { messageId: first } : {};
    },
    async close() {},
  };
}
