// The channel a channel command acts on (ctx.place), and who is acting (ctx.user).
import type { ChannelKey } from '../domain/channels.js';
import { UserError } from '../domain/errors.js';
import type { CommandContext } from './command.js';

export function channelOf(ctx: CommandContext, command: string): ChannelKey {
  if (!ctx.place) throw new UserError('bad_input', `${command} belongs to a chat channel: give it in a channel (or in newsbrief chat)`);
  return ctx.place;
}

export const actorOf = (ctx: CommandContext): string | undefined => ctx.user?.id;
