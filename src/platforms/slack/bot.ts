// The Slack bot: a Bolt App that serves `/news <subcommand> ...` from the command registry.
// Socket Mode when an app-level token (SLACK_APP_TOKEN, xapp-...) is given: no public URL needed.
// Otherwise HTTP mode on NEWSBRIEF_HTTP_PORT, path /slack/events, every request verified with the
// signing secret (Bolt answers 401 to a bad signature or a timestamp over 5 minutes old).
// Every command is acknowledged at once (Slack wants an ack within 3 s), then answered through
// `respond` (the response_url, good for 5 answers in 30 minutes): in the channel, or only to the
// asker for help, errors and refusals.
import { App, LogLevel, type RespondArguments } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Services } from '../../app/commands.js';
import type { CommandDef } from '../../commands/command.js';
import { commands as registry } from '../../commands/registry.js';
import { slackUnescape } from '../../render/slack/index.js';
import { answerSlackCommand, type AnswerDeps, type SlackAnswer } from './answer.js';
import { BRIEF_LINK_CALLBACK, briefLinkShortcut } from './shortcut.js';

export interface SlackBotOptions {
  /** Bot token (xoxb-...). */
  botToken: string;
  /** HTTP mode: the app's signing secret. */
  signingSecret?: string;
  /** Socket Mode when set: the app-level token (xapp-...) with connections:write. */
  appToken?: string;
  /** HTTP mode: the port (0 for any free one) and host to listen on. */
  port?: number;
  host?: string;
  /** HTTP mode: more paths served on the same port (/healthz, /metrics); ignored in Socket Mode. */
  customRoutes?: Array<{ path: string; method: string[]; handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void }>;
  /** Another Web API root (a proxy; a local server in tests), e.g. http://127.0.0.1:PORT/api/. */
  apiUrl?: string;
  /** User ids allowed to run admin commands besides workspace admins and owners. */
  admins?: readonly string[];
  services: Services;
  digestMaxStories: number;
  timeZone?: string;
  /** The slash command (default /news). */
  slash?: string;
  /** The registry (default: every command). */
  commands?: readonly CommandDef[];
  /** Web API retries (default 3: a post must not hang for Slack's default half hour). */
  retries?: number;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

export interface RunningSlackBot {
  app: App;
  mode: 'http' | 'socket';
  /** HTTP mode: the port listened on. */
  port?: number;
  stop(): Promise<void>;
}

/** How long a users.info judgement is kept. */
const ADMIN_CACHE_MS = 60_000;

export function slackAdminCheck(client: () => WebClient, admins: readonly string[], log?: SlackBotOptions['log']): (userId: string) => Promise<boolean> {
  const listed = new Set(admins);
  const cache = new Map<string, { admin: boolean; at: number }>();
  return async (userId) => {
    if (listed.has(userId)) return true;
    const hit = cache.get(userId);
    if (hit && Date.now() - hit.at < ADMIN_CACHE_MS) return hit.admin;
    try {
      const res = await client().users.info({ user: userId });
      const u = res.user as { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean } | undefined;
      const admin = Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner);
      cache.set(userId, { admin, at: Date.now() });
      return admin;
    } catch (err) {
      // No users:read scope, Slack down: refuse (an admin command is never run on a guess).
      log?.warn({ err: (err as Error).message }, 'slack users.info failed; admin command refused');
      return false;
    }
  };
}

async function send(respond: (msg: RespondArguments) => Promise<unknown>, answer: SlackAnswer): Promise<void> {
  for (const m of answer.messages) {
    await respond({ response_type: answer.ephemeral ? 'ephemeral' : 'in_channel', replace_original: false, text: m.text, blocks: m.blocks });
  }
}

export async function startSlackBot(opts: SlackBotOptions): Promise<RunningSlackBot> {
  const socket = Boolean(opts.appToken);
  if (!socket && !opts.signingSecret) throw new Error('Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)');
  const clientOptions = {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
    retryConfig: { retries: opts.retries ?? 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
  };
  const app = new App({
    token: opts.botToken,
    logLevel: LogLevel.WARN,
    clientOptions,
    ...(socket
      ? { socketMode: true, appToken: opts.appToken, installerOptions: { clientOptions } }
      : { signingSecret: opts.signingSecret, ...(opts.customRoutes ? { customRoutes: opts.customRoutes } : {}) }),
  });
  const slash = opts.slash ?? '/news';
  const isAdmin = slackAdminCheck(() => app.client, opts.admins ?? [], opts.log);
  const deps: AnswerDeps = {
    services: opts.services,
    commands: opts.commands ?? registry,
    digestMaxStories: opts.digestMaxStories,
    timeZone: opts.timeZone ?? 'UTC',
    isAdmin: (userId) => isAdmin(userId),
    slash,
    onFailure: (err, command) => opts.log?.error({ err: (err as Error).message, command }, 'slack command failed'),
  };

  app.command(slash, async ({ command, ack, respond }) => {
    await ack(); // first: Slack gives 3 s, a briefing can take longer
    // Slack sends the text with &, <, > escaped: read back, then escaped again in every answer.
    const answer = await answerSlackCommand(deps, { teamId: command.team_id, channelId: command.channel_id, userId: command.user_id }, slackUnescape(command.text ?? ''));
    await send(respond, answer);
  });

  app.shortcut(BRIEF_LINK_CALLBACK, async ({ shortcut, ack, respond }) => {
    await ack();
    if (shortcut.type !== 'message_action') return;
    const answer = await briefLinkShortcut(deps, shortcut);
    await send(respond, answer);
  });

  app.error(async (err) => {
    opts.log?.error({ err: err.message, code: err.code }, 'slack listener error');
  });

  if (socket) {
    await app.start();
    opts.log?.info({ mode: 'socket' }, 'slack bot connected (Socket Mode)');
    return { app, mode: 'socket', stop: () => app.stop().then(() => undefined) };
  }
  const server = (await app.start({ port: opts.port ?? 3000, host: opts.host ?? '0.0.0.0' })) as unknown as import('node:http').Server;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  opts.log?.info({ mode: 'http', port, path: '/slack/events' }, 'slack bot listening (HTTP mode)');
  return { app, mode: 'http', ...(port !== undefined ? { port } : {}), stop: () => app.stop().then(() => undefined) };
}
