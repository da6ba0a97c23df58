// The Discord side, for the entry points: start the bot when DISCORD_TOKEN and
// DISCORD_APPLICATION_ID are set (`newsbrief bot` wires this), register commands as a deploy step.
import type { Logger } from 'pino';
import type { Services } from '../../app/commands.js';
import type { Config } from '../../config.js';
import { startDiscordBot, type DiscordBot } from './bot.js';

export { startDiscordBot, createDiscordHandler, type DiscordBot, type DiscordBotOptions } from './bot.js';
export { deployCommands } from './deploy.js';
export { discordCommands, inviteUrl, BOT_PERMISSIONS, BRIEF_LINK_COMMAND } from './commands.js';

/** The bot, logged in, or undefined when Discord is not configured. */
export async function startDiscordFromConfig(
  config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_APPLICATION_ID' | 'DISCORD_API_BASE' | 'NEWSBRIEF_DIGEST_MAX_STORIES' | 'NEWSBRIEF_TZ'>,
  services: Services,
  logger?: Logger,
): Promise<DiscordBot | undefined> {
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) return undefined;
  return startDiscordBot({
    token: config.DISCORD_TOKEN,
    applicationId: config.DISCORD_APPLICATION_ID,
    ...(config.DISCORD_API_BASE ? { apiBase: config.DISCORD_API_BASE } : {}),
    services,
    digestMaxStories: config.NEWSBRIEF_DIGEST_MAX_STORIES,
    timeZone: config.NEWSBRIEF_TZ,
    ...(logger ? { logger } : {}),
  });
}
