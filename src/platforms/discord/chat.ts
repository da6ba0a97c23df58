// The Chat port on Discord: a digest posted to a channel with `POST /channels/{id}/messages`
// through discord.js REST (its rate-limit buckets and Retry-After handling). Embeds from the
// Discord renderer, no mentions parsed, and a nonce derived from the delivery key with
// `enforce_nonce`: a post retried after a crash (same key) is answered with the message already
// made instead of a second one, within the minutes Discord keeps nonces (ADR 017).
import { createHash } from 'node:crypto';
import { DiscordAPIError, HTTPError, RateLimitError, REST, Routes } from 'discord.js';
import { GiveUp, RetryLater } from '../../domain/delivery-errors.js';
import { renderDiscord } from '../../render/discord/index.js';
import { cutText } from '../../render/discord/escape.js';
import type { Chat, DigestPost, PostResult, StoryPost } from '../../chat/chat.js';
import { createSpacingPacer, type Pacer } from '../../limits/pacer.js';
import { DISCORD_REQUESTS_PER_SECOND } from '../../limits/platform-budgets.js';

/** Discord's nonce: at most 25 characters; one per message of a delivery. */
export function discordNonce(deliveryKey: string, part: number): string {
  return createHash('sha256').update(`${deliveryKey}#${part}`).digest('base64url').slice(0, 25);
}

/** Discord error codes that no retry can fix: unknown channel, missing access, missing permissions. */
const GIVE_UP_CODES = new Set([10003, 50001, 50013]);
/** The longest rate-limit wait a digest post sits through inside the REST client; longer ones go back to the ledger. */
export const MAX_INLINE_RATE_LIMIT_MS = 5_000;

/** Discord's global limit per bot; our pace stays just under it, so that clock drift between us and Discord costs no 429. */
export { DISCORD_REQUESTS_PER_SECOND };

/**
 * The REST the bot's own posts go through (digests, story posts, thread updates): its own client,
 * not the bot's, paced by one process-wide pacer (ADR 021) instead of discord.js's global counter,
 * which lets 50 requests out at once each second (a burst a moving-second limit answers with 429s).
 * Per-route buckets are still discord.js's, from the response headers. A wait longer than
 * MAX_INLINE_RATE_LIMIT_MS rejects (RateLimitError, mapped to RetryLater) instead of holding a
 * delivery, and 5xx are retried once here before the ledger takes over. A global 429 pauses the pacer.
 */
export function createDigestRest(token: string, apiBase?: string, pacer?: Pacer): REST {
  const rest = new REST({
    version: '10',
    retries: 1,
    timeout: 15_000,
    // The pacer keeps the pace; discord.js's own global counter would only add bursts.
    globalRequestsPerSecond: 10_000,
    // A global limit rejects at once: the caller pauses the pacer and tries again through it, where
    // waiting inside this client would let every held request out in one burst when it lifts. A
    // 429 without Retry-After comes with retryAfter 0, which the client would retry at once, forever.
    rejectOnRateLimit: (d) => d.global || d.timeToReset > MAX_INLINE_RATE_LIMIT_MS || d.retryAfter > MAX_INLINE_RATE_LIMIT_MS || (!Number.isFinite(d.limit) && d.retryAfter <= 0),
    ...(apiBase ? { api: apiBase } : {}),
  }).setToken(token);
  return rest;
}

/**
 * The pacer and REST of a process's own Discord posts (one of each per process). `pacer`: one shared
 * with other processes (queue mode, ADR 024); absent, this process's own at `perSecond`.
 */
export function createDiscordPoster(token: string, apiBase?: string, perSecond = DISCORD_REQUESTS_PER_SECOND, pacer: Pacer = createSpacingPacer({ perSecond })): { rest: REST; pacer: Pacer } {
  return { rest: createDigestRest(token, apiBase, pacer), pacer };
}

/** A failed Discord post as the ledger should treat it (ADR 017, typed errors). */
export function discordFailure(err: unknown): unknown {
  if (err instanceof RateLimitError) return new RetryLater(`discord rate limited${err.global ? ' (global)' : ''}: retry after ${err.retryAfter} ms`, Math.max(err.retryAfter, err.timeToReset, 1_000));
  if (err instanceof DiscordAPIError) {
    if (typeof err.code === 'number' && GIVE_UP_CODES.has(err.code)) return new GiveUp(`discord ${err.status} code ${err.code}: ${err.message}`);
    if (err.status === 429) return new RetryLater(`discord 429: ${err.message}`);
    if (err.status >= 500) return new RetryLater(`discord ${err.status}: ${err.message}`);
    return err;
  }
  if (err instanceof HTTPError && err.status >= 500) return new RetryLater(`discord HTTP ${err.status}: ${err.message}`);
  return err;
}

/** Global limits sat out in place (the pacer held for everyone meanwhile) before the ledger takes over. */
const GLOBAL_RETRIES = 3;

/** One request through the pacer; a short global limit pauses the pacer and the request goes again. */
async function postPaced(rest: Pick<REST, 'post'>, pacer: Pacer | undefined, route: `/${string}`, body: unknown): Promise<{ id?: string }> {
  for (let attempt = 0; ; attempt++) {
    try {
      await pacer?.acquire();
      return (await rest.post(route, { body })) as { id?: string };
    } catch (err) {
      if (err instanceof RateLimitError && err.global && pacer && attempt < GLOBAL_RETRIES && err.retryAfter <= MAX_INLINE_RATE_LIMIT_MS) {
        pacer.pause(Math.max(err.retryAfter, 50));
        continue;
      }
      throw discordFailure(err);
    }
  }
}

/** Discord's code for "a thread has already been created for this message". */
const THREAD_EXISTS = 160004;

export function createDiscordChat(rest: Pick<REST, 'post'>, pacer?: Pacer): Chat {
  /** Posts a view's messages to a channel (or thread), each with its nonce; the first one's id. */
  const postMessages = async (channelId: string, messages: ReturnType<typeof renderDiscord>, deliveryKey: string | undefined): Promise<string | undefined> => {
    let first: string | undefined;
    for (const [i, m] of messages.entries()) {
      const body = {
        ...(m.content !== undefined ? { content: m.content } : {}),
        embeds: m.embeds,
        allowed_mentions: { parse: [] },
        ...(deliveryKey ? { nonce: discordNonce(deliveryKey, i), enforce_nonce: true } : {}),
      };
      const sent = await postPaced(rest, pacer, Routes.channelMessages(channelId), body);
      first ??= sent?.id;
    }
    return first;
  };
  /** The thread on a story's post: started once; Discord gives it the message's id, so a second start finds it. */
  const threadOn = async (channelId: string, messageId: string, name: string): Promise<string> => {
    try {
      const t = await postPaced(rest, pacer, Routes.threads(channelId, messageId), { name: cutText(name, 100) || 'Updates', auto_archive_duration: 1440 });
      return t.id ?? messageId;
    } catch (err) {
      if (err instanceof DiscordAPIError && err.code === THREAD_EXISTS) return messageId;
      throw err;
    }
  };
  return {
    name: 'discord',
    async postDigest(post: DigestPost): Promise<PostResult> {
      if (!post.to || post.to.platform !== 'discord') throw new Error(`discord chat cannot post to ${post.to?.platform ?? post.channel}`);
      const first = await postMessages(post.to.channelId, renderDiscord(post.digest, { timeZone: post.timeZone ?? 'UTC' }), post.deliveryKey);
      return first ? { messageId: first } : {};
    },
    async postStory(post: StoryPost): Promise<PostResult> {
      if (post.to.platform !== 'discord') throw new Error(`discord chat cannot post to ${post.to.platform}`);
      const threadId = post.thread ? (post.thread.threadId ?? (await threadOn(post.to.channelId, post.thread.messageId, post.thread.name))) : undefined;
      const first = await postMessages(threadId ?? post.to.channelId, renderDiscord(post.view, { timeZone: post.timeZone ?? 'UTC' }), post.deliveryKey);
      return { ...(first ? { messageId: first } : {}), ...(threadId ? { threadId } : {}) };
    },
    async close() {},
  };
}
