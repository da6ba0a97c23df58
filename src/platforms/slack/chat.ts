// The Chat port on Slack: a digest posted with `chat.postMessage` through the Bolt app's WebClient,
// Block Kit from the Slack renderer. Each message carries the delivery key in its metadata; a
// delivery claimed again (after a crash or a failure) first looks for its own first message in the
// channel's recent history and answers with it instead of posting again (ADR 017).
import { WebClient } from '@slack/web-api';
import { GiveUp, RetryLater } from '../../domain/delivery-errors.js';
import { renderSlack } from '../../render/slack/index.js';
import type { Chat, DigestPost, PostResult, StoryPost } from '../../chat/chat.js';
import { createKeyedPacer, type KeyedPacer } from '../../limits/pacer.js';
import { SLACK_MESSAGE_INTERVAL_MS } from '../../limits/platform-budgets.js';

/** Slack's pace for chat.postMessage: about one message a second per channel, short bursts aside. */
export { SLACK_MESSAGE_INTERVAL_MS };
/** A 429 whose Retry-After is at most this is waited out in place (that message again); a longer one goes back to the ledger. */
const MAX_INLINE_RETRY_S = 5;
const INLINE_RETRIES = 3;

/** The pacer of a process's own Slack posts: one slot a second per channel, a tenth over for the round trip's jitter (ADR 021). */
export const createSlackPacer = (): KeyedPacer => createKeyedPacer({ intervalMs: SLACK_MESSAGE_INTERVAL_MS });

export const DELIVERY_EVENT = 'newsbrief_delivery';

/** How far back (messages) a retried delivery looks for its own post. */
const HISTORY_LOOKBACK = 100;

/** The parts (message index -> ts) of a delivery already in the channel's recent history. */
async function findOwnParts(client: Pick<WebClient, 'conversations'>, channel: string, key: string, threadTs?: string): Promise<Map<number, string>> {
  const res = threadTs
    ? await client.conversations.replies({ channel, ts: threadTs, limit: HISTORY_LOOKBACK, include_all_metadata: true })
    : await client.conversations.history({ channel, limit: HISTORY_LOOKBACK, include_all_metadata: true });
  const parts = new Map<number, string>();
  for (const m of res.messages ?? []) {
    const meta = (m as { metadata?: { event_type?: string; event_payload?: { key?: unknown; part?: unknown } } }).metadata;
    if (meta?.event_type === DELIVERY_EVENT && meta.event_payload?.key === key && m.ts) parts.set(Number(meta.event_payload?.part ?? 0), m.ts);
  }
  return parts;
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

export function createSlackChat(client: Pick<WebClient, 'chat' | 'conversations'>, pacer?: KeyedPacer): Chat {
  const postOne = async (args: Parameters<WebClient['chat']['postMessage']>[0] & { channel: string }): Promise<{ ts?: string }> => {
    for (let attempt = 0; ; attempt++) {
      await pacer?.acquire(args.channel);
      try {
        return await client.chat.postMessage(args);
      } catch (err) {
        const e = err as { code?: string; retryAfter?: number };
        // Slack said how long: a short wait is sat out here, the channel's pacer held meanwhile.
        if (e?.code === 'slack_webapi_rate_limited_error' && (e.retryAfter ?? 60) <= MAX_INLINE_RETRY_S && attempt < INLINE_RETRIES) {
          pacer?.pauseKey(args.channel, Math.max(1, e.retryAfter ?? 1) * 1000);
          if (!pacer) await new Promise((r) => setTimeout(r, Math.max(1, e.retryAfter ?? 1) * 1000));
          continue;
        }
        throw slackFailure(err);
      }
    }
  };
  /**
   * Posts rendered messages to a channel (or a thread), each carrying the delivery key in its
   * metadata. A retried delivery may have posted some already: those are found in the history by
   * their metadata and not posted again. A missing scope or history we cannot read must not block
   * the post: it is only a lookup.
   */
  const postMessages = async (channel: string, messages: ReturnType<typeof renderSlack>, deliveryKey: string | undefined, retry: boolean | undefined, threadTs?: string): Promise<string | undefined> => {
    const already = retry && deliveryKey ? await findOwnParts(client, channel, deliveryKey, threadTs).catch(() => new Map<number, string>()) : new Map<number, string>();
    let first: string | undefined;
    for (const [i, m] of messages.entries()) {
      const found = already.get(i);
      if (found) {
        first ??= found;
        continue;
      }
      const res = await postOne({
        channel,
        text: m.text,
        blocks: m.blocks as never,
        unfurl_links: false,
        unfurl_media: false,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...(deliveryKey ? { metadata: { event_type: DELIVERY_EVENT, event_payload: { key: deliveryKey, part: i } } } : {}),
      });
      first ??= res.ts;
    }
    return first;
  };
  return {
    name: 'slack',
    async postDigest(post: DigestPost): Promise<PostResult> {
      if (!post.to || post.to.platform !== 'slack') throw new Error(`slack chat cannot post to ${post.to?.platform ?? post.channel}`);
      const first = await postMessages(post.to.channelId, renderSlack(post.digest, { timeZone: post.timeZone ?? 'UTC' }), post.deliveryKey, post.retry);
      return first ? { messageId: first } : {};
    },
    async postStory(post: StoryPost): Promise<PostResult> {
      if (post.to.platform !== 'slack') throw new Error(`slack chat cannot post to ${post.to.platform}`);
      const threadTs = post.thread?.messageId;
      const first = await postMessages(post.to.channelId, renderSlack(post.view, { timeZone: post.timeZone ?? 'UTC' }), post.deliveryKey, post.retry, threadTs);
      return { ...(first ? { messageId: first } : {}), ...(threadTs ? { threadId: threadTs } : {}) };
    },
    async close() {},
  };
}
