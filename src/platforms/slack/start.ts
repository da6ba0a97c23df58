// The Slack bot from the configuration: what `newsbrief bot` calls when SLACK_BOT_TOKEN is set.
import type { Services } from '../../app/commands.js';
import { slackAdmins, type Config } from '../../config.js';
import { startSlackBot, type RunningSlackBot, type SlackBotOptions } from './bot.js';
import type { HttpRoute } from '../../app/http-endpoints.js';

/**
 * Starts the Slack bot (Socket Mode with SLACK_APP_TOKEN, else HTTP) from the configuration. In HTTP
 * mode `routes` (/healthz, /metrics) are served on the same port as /slack/events.
 */
export function startSlackFromConfig(config: Config, services: Services, log?: SlackBotOptions['log'], routes?: HttpRoute[]): Promise<RunningSlackBot> {
  if (!config.SLACK_BOT_TOKEN) throw new Error('SLACK_BOT_TOKEN is not set');
  return startSlackBot({
    botToken: config.SLACK_BOT_TOKEN,
    ...(config.SLACK_SIGNING_SECRET ? { signingSecret: config.SLACK_SIGNING_SECRET } : {}),
    ...(config.SLACK_APP_TOKEN ? { appToken: config.SLACK_APP_TOKEN } : {}),
    ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}),
    port: config.NEWSBRIEF_HTTP_PORT,
    host: config.NEWSBRIEF_HTTP_HOST,
    ...(routes ? { customRoutes: routes } : {}),
    admins: slackAdmins(config),
    services,
    digestMaxStories: config.NEWSBRIEF_DIGEST_MAX_STORIES,
    timeZone: config.NEWSBRIEF_TZ,
    ...(log ? { log } : {}),
  });
}
