// The channel a channel command acts on (ctx.place), and who is acting (ctx.user).
import type { ChannelKey } from '../domain/channels.js';
import type { ChannelStore } from '../store/channel-store.js';
import { UserError } from '../domain/errors.js';
import type { CommandContext } from './command.js';

export function channelOf(ctx: CommandContext, command: string): ChannelKey {
  if (!ctx.place) throw new UserError('bad_input', `${command} belongs to a chat channel: give it in a channel (or in newsbrief chat)`);
  return ctx.place;
}

export const actorOf = (ctx: CommandContext): string | undefined => ctx.user?.id;

/**
 * The time zone a channel's answers show dates in: the channel's own setting (`settings timezone`),
 * else the deployment's default (NEWSBRIEF_TZ). A store that cannot answer falls back: a date shown
 * in the default zone beats no answer.
 */
export async function channelTimeZone(svc: { readonly channels?: ChannelStore }, place: ChannelKey | undefined, fallback: string): Promise<string> {
  if (!place) return fallback;
  try {
    // Read inside the try: on the CLI the store opens on first use, and may fail to.
    const channels = svc.channels;
    return (channels && (await channels.getSettings(place)).timeZone) || fallback;
  } catch {
    return fallback;
  }
}
