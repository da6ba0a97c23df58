// The chat platforms a configuration asks for, started on one set of services: what `newsbrief bot`
// and `npm start` (with tokens) both run. Each platform's client is loaded only when it runs, so a
// process without tokens never loads discord.js or Bolt.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Services } from './commands.js';
import type { Chat } from '../chat/chat.js';
import type { HttpRoute, PlatformStates } from './http-endpoints.js';
import type { Limits } from '../limits/shared-limits.js';

export interface RunningPlatforms {
  /** One line per platform started, for the operator ("Discord bot running ..."). */
  lines: string[];
  /** What posts scheduled digests on each platform started. */
  chats: Partial<Record<'discord' | 'slack', Chat>>;
  /** Each platform's state now, for /healthz. */
  status(): PlatformStates;
  /** The port Slack's HTTP mode listens on, serving the routes given too; absent: no such server. */
  httpPort?: number;
  stop(): Promise<void>;
}

/** Which platforms the configuration turns on: Discord needs a token and an application id. */
export function chatPlatformsConfigured(config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_APPLICATION_ID' | 'SLACK_BOT_TOKEN'>): { discord: boolean; slack: boolean } {
  return { discord: Boolean(config.DISCORD_TOKEN && config.DISCORD_APPLICATION_ID), slack: Boolean(config.SLACK_BOT_TOKEN) };
}

/**
 * Starts every configured platform; if one fails to start, those already started are stopped and
 * the error is thrown (a half-started bot is not left running). `routes` (/healthz, /metrics) go to
 * Slack's HTTP server when Slack runs in HTTP mode. `pacers`: the ones the bot's own posts go
 * through (queue mode: shared in Redis, ADR 024); absent, this process's own.
 */
export async function startChatPlatforms(
  config: Config,
  services: Services,
  logger: Logger,
  routes?: HttpRoute[],
  pacers?: Partial<Pick<Limits, 'discordPacer' | 'slackPacer'>>,
): Promise<RunningPlatforms> {
  const on = chatPlatformsConfigured(config);
  const stops: Array<() => Promise<void>> = [];
  const lines: string[] = [];
  const chats: RunningPlatforms['chats'] = {};
  let stopped = false;
  let discordReady: (() => boolean) | undefined;
  let slackUp = false;
  let httpPort: number | undefined;
  const stop = async (): Promise<void> => {
    stopped = true;
    await Promise.allSettled(stops.splice(0).map((s) => s()));
  };
  const status = (): PlatformStates => ({
    discord: !on.discord ? 'off' : stopped ? 'stopped' : discordReady?.() ? 'ready' : 'connecting',
    slack: !on.slack ? 'off' : stopped ? 'stopped' : slackUp ? 'ready' : 'connecting',
  });
  try {
    if (on.discord) {
      const { startDiscordFromConfig } = await import('../platforms/discord/index.js');
      const bot = await startDiscordFromConfig(config, services, logger);
      if (bot) {
        stops.push(() => bot.close());
        discordReady = () => bot.client.isReady();
        lines.push('Discord bot running');
        const { createDiscordChat, createDiscordPoster } = await import('../platforms/discord/chat.js');
        const poster = createDiscordPoster(config.DISCORD_TOKEN!, config.DISCORD_API_BASE, undefined, pacers?.discordPacer);
        chats.discord = createDiscordChat(poster.rest, poster.pacer);
      }
    }
    if (on.slack) {
      const { startSlackFromConfig } = await import('../platforms/slack/start.js');
      const slack = await startSlackFromConfig(config, services, logger, routes);
      stops.push(() => slack.stop());
      slackUp = true;
      if (slack.mode === 'http' && routes) httpPort = slack.port;
      const { createSlackChat, createDigestWebClient, createSlackPacer } = await import('../platforms/slack/chat.js');
      chats.slack = createSlackChat(createDigestWebClient(config.SLACK_BOT_TOKEN!, config.SLACK_API_URL), pacers?.slackPacer ?? createSlackPacer());
      lines.push(`Slack bot running (${slack.mode === 'socket' ? 'Socket Mode' : `HTTP on port ${slack.port}, path /slack/events`})`);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { lines, chats, status, ...(httpPort !== undefined ? { httpPort } : {}), stop };
}

/**
 * What a worker posts with (queue mode, ADR 022): each configured platform's REST client and its
 * pacer, without the gateway or socket that answers commands (that is the bot's).
 */
export async function openPostingChats(config: Config, pacers?: Partial<Pick<Limits, 'discordPacer' | 'slackPacer'>>): Promise<RunningPlatforms['chats']> {
  const on = chatPlatformsConfigured(config);
  const chats: RunningPlatforms['chats'] = {};
  if (on.discord) {
    const { createDiscordChat, createDiscordPoster } = await import('../platforms/discord/chat.js');
    const poster = createDiscordPoster(config.DISCORD_TOKEN!, config.DISCORD_API_BASE, undefined, pacers?.discordPacer);
    chats.discord = createDiscordChat(poster.rest, poster.pacer);
  }
  if (on.slack) {
    const { createSlackChat, createDigestWebClient, createSlackPacer } = await import('../platforms/slack/chat.js');
    chats.slack = createSlackChat(createDigestWebClient(config.SLACK_BOT_TOKEN!, config.SLACK_API_URL), pacers?.slackPacer ?? createSlackPacer());
  }
  return chats;
}

