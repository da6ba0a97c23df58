// The Chat port on Slack: a digest posted with `chat.postMessage` through the Bolt app's WebClient,
// Block Kit from the Slack renderer. Each message carries the delivery key in its metadata, so
// that a later recovery can find a post that went out before a crash (ADR 017).
import type { WebClient } from '@slack/web-api';
import { renderSlack } from '../../render/slack/index.js';
import type { Chat, DigestPost, PostResult } from '../../chat/chat.js';

export const DELIVERY_EVENT = 'newsbrief_delivery';

export function createSlackChat(client: Pick<WebClient, 'chat'>): Chat {
  return {
    name: 'slack',
    async postDigest(post: DigestPost): Promise<PostResult> {
      if (!post.to || post.to.platform !== 'slack') throw new Error(`slack chat cannot post to ${post.to?.platform ?? post.channel}`);
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
