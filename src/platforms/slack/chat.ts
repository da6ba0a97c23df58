// The Chat port on Slack: a digest posted with `chat.postMessage` through the Bolt app's WebClient,
// Block Kit from the Slack renderer. Each message carries the delivery key in its metadata; a
// delivery claimed again (after a crash or a failure) first looks for its own first message in the
// channel's recent history and answers with it instead of posting again (ADR 017).
import { WebClient } from '@slack/web-api';
import { GiveUp, RetryLater } from '../../domain/delivery-errors.js';
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

/** Slack errors no retry can fix: the channel is gone or archived, the bot is not in it, or lacks a scope. */
const GIVE_UP_ERRORS = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'missing_scope', 'invalid_auth', 'account_inactive', 'token_revoked']);

/**
 * The WebClient digests are posted through: its own (not the Bolt app's), which rejects a 429 at
 * once (`rejectRateLimitedCalls`, mapped to RetryLater with Slack's Retry-After) instead of waiting
 * inside the tick, and retries 5xx at most twice, within seconds, before the ledger takes over.
 */
export function createDigestWebClient(token: string, apiUrl?: string): WebClient {
  return new WebClient(token, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2_000 },
  });
}

/** A failed Slack call as the ledger should treat it (ADR 017, typed errors). */
export function slackFailure(err: unknown): unknown {
  const e = err as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number; message?: string };
  if (e?.code === 'slack_webapi_rate_limited_error') return new RetryLater(`slack rate limited: retry after ${e.retryAfter ?? '?'} s`, Math.max(1, e.retryAfter ?? 60) * 1000);
  if (e?.code === 'slack_webapi_platform_error' && e.data?.error && GIVE_UP_ERRORS.has(e.data.error)) return new GiveUp(`slack ${e.data.error}`);
  if (e?.code === 'slack_webapi_http_error' && (e.statusCode ?? 0) >= 500) return new RetryLater(`slack HTTP ${e.statusCode}`);
  return err;
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
        const res = await client.chat
          .postMessage({
            channel: post.to.channelId,
            text: m.text,
            blocks: m.blocks as never,
            unfurl_links: false,
            unfurl_media: false,
            ...(post.deliveryKey ? { metadata: { event_type: DELIVERY_EVENT, event_payload: { key: post.deliveryKey, part: i } } } : {}),
          })
          .catch((err: unknown) => {
            throw slackFailure(err);
          });
        first ??= res.ts;
      }
      return first ? { messageId: first } : {};
    },
    async close() {},
  };
}
