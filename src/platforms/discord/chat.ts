// The Chat port on Discord: a digest posted to a channel with `POST /channels/{id}/messages`
// through discord.js REST (its rate-limit buckets and Retry-After handling). Embeds from the
// Discord renderer, no mentions parsed, and a nonce derived from the delivery key with
// `enforce_nonce`: a post retried after a crash (same key) is answered with the message already
// made instead of a second one, within the minutes Discord keeps nonces (ADR 017).
import { createHash } from 'node:crypto';
import { Routes, type REST } from 'discord.js';
import { renderDiscord } from '../../render/discord/index.js';
import type { Chat, DigestPost, PostResult } from '../../chat/chat.js';

/** Discord's nonce: at most 25 characters; one per message of a delivery. */
export function discordNonce(deliveryKey: string, part: number): string {
  return createHash('sha256').update(`${deliveryKey}#${part}`).digest('base64url').slice(0, 25);
}

export function createDiscordChat(rest: Pick<REST, 'post'>): Chat {
  return {
    name: 'discord',
    async postDigest(post: DigestPost): Promise<PostResult> {
      if (!post.to || post.to.platform !== 'discord') throw new Error(`discord chat cannot post to ${post.to?.platform ?? post.channel}`);
      const messages = renderDiscord(post.digest, { timeZone: post.timeZone ?? 'UTC' });
      let first: string | undefined;
      for (const [i, m] of messages.entries()) {
        const body = {
          ...(m.content !== undefined ? { content: m.content } : {}),
          embeds: m.embeds,
          allowed_mentions: { parse: [] },
          ...(post.deliveryKey ? { nonce: discordNonce(post.deliveryKey, i), enforce_nonce: true } : {}),
        };
        const sent = (await rest.post(Routes.channelMessages(post.to.channelId), { body })) as { id?: string };
        first ??= sent?.id;
      }
      return first ? { messageId: first } : {};
    },
    async close() {},
  };
}
