// The figures of a digest fan-out to the local Discord (fanout.ts, queue.ts): one reading of what
// the server took, for every bench that posts to it.
import type { DiscordServer } from '../platforms/discord/local-server.js';

export const DISCORD_RATE = 50;
export const TARGET_RATIO = 1.2;

export interface FanoutFigures {
  /** Post requests, and the messages the server made (once per nonce). */
  requests: number;
  messages: number;
  messagesPerDigest: number;
  /** First post to last (s), against the rate-limit minimum (messages / 50 per s). */
  first: number;
  last: number;
  seconds: number;
  minimum: number;
  ratio: number;
  /** Every one of the channels got the same number of messages. */
  exact: boolean;
  channelsPosted: number;
  limited: number;
}

/** Undefined when nothing was posted. */
export function fanoutFigures(server: DiscordServer, channels: number): FanoutFigures | undefined {
  const posts = server.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path));
  const accepted = server.channelMessages;
  if (!accepted.length) return undefined;
  const first = Math.min(...posts.map((r) => r.at));
  const last = Math.max(...posts.map((r) => r.at));
  const seconds = (last - first) / 1000;
  const minimum = accepted.length / DISCORD_RATE;
  const perChannel = new Map<string, number>();
  for (const m of accepted) perChannel.set(m.channelId, (perChannel.get(m.channelId) ?? 0) + 1);
  const counts = [...perChannel.values()];
  return {
    requests: posts.length,
    messages: accepted.length,
    messagesPerDigest: Math.max(...counts),
    first,
    last,
    seconds,
    minimum,
    ratio: seconds / minimum,
    exact: perChannel.size === channels && counts.every((c) => c === counts[0]),
    channelsPosted: perChannel.size,
    limited: server.rateLimited.global + server.rateLimited.route,
  };
}
