// `/news <subcommand> ...`: the text Slack sends, read by the registry's own line parser and run
// through the registry, answered as Block Kit. No Bolt here: the same function answers the HTTP
// and the Socket Mode receivers, and the "Brief this link" shortcut.
import type { Services } from '../../app/commands.js';
import { ArgsError } from '../../commands/args.js';
import { parseCommandArgs, type CommandContext, type CommandDef } from '../../commands/command.js';
import { dispatch } from '../../commands/dispatch.js';
import { channelTimeZone } from '../../commands/channel-place.js';
import { commandUsage, lineArgs, splitLine } from '../../commands/parse-line.js';
import { renderSlack, slackMessagesOf, slackText, type SlackMessage } from '../../render/slack/index.js';

export interface SlackAnswer {
  /** Errors, refusals and help go only to the asker; answers go to the channel. */
  ephemeral: boolean;
  messages: SlackMessage[];
}

export interface SlackAsker {
  teamId: string;
  channelId: string;
  userId: string;
}

export interface AnswerDeps {
  services: Services;
  commands: readonly CommandDef[];
  digestMaxStories: number;
  /** Dates in answers: the channel's own time zone (`settings timezone`), else this (NEWSBRIEF_TZ). */
  timeZone: string;
  /** Judges whether the asker may run an admin command (workspace admin or owner, or listed). */
  isAdmin(userId: string, teamId: string): Promise<boolean>;
  /** The slash command as registered ("/news"), for help and usage lines. */
  slash: string;
  /** Failures (not user errors) are logged here; the user gets one line. */
  onFailure?(err: unknown, command: string): void;
}

const ephemeralText = (mrkdwn: string): SlackAnswer => ({ ephemeral: true, messages: slackMessagesOf(mrkdwn) });

export function slackHelp(commands: readonly CommandDef[], slash: string, name?: string): string {
  if (name) {
    const def = commands.find((c) => c.name === name);
    if (!def) return `No command "${slackText(name.slice(0, 40))}". Type \`${slash} help\` for the list.`;
    return `\`${slash} ${slackText(commandUsage(def))}\`\n${slackText(def.description)}${def.admin ? '\n_Workspace admins only._' : ''}`;
  }
  const lines = [`*${slash} commands*`];
  for (const c of commands) lines.push(`• \`${slash} ${slackText(commandUsage(c))}\`: ${slackText(c.description)}${c.admin ? ' _(admins)_' : ''}`);
  lines.push(`• \`${slash} help [command]\`: this list, or how to type one command`);
  return lines.join('\n');
}

export async function answerSlackCommand(deps: AnswerDeps, asker: SlackAsker, text: string): Promise<SlackAnswer> {
  let words: string[];
  try {
    words = splitLine(text);
  } catch (err) {
    return ephemeralText(`:warning: ${slackText((err as Error).message)}`);
  }
  const [name, ...rest] = words;
  if (!name || name === 'help') return ephemeralText(slackHelp(deps.commands, deps.slash, rest[0]));
  const def = deps.commands.find((c) => c.name === name);
  if (!def) return ephemeralText(`:warning: No command "${slackText(name.slice(0, 40))}". Type \`${deps.slash} help\` for the list.`);
  let admin = false;
  if (def.admin) {
    admin = await deps.isAdmin(asker.userId, asker.teamId);
    if (!admin) {
      const view = { kind: 'refusal' as const, message: `Only a workspace admin or owner (or a user listed in NEWSBRIEF_SLACK_ADMINS) can use ${deps.slash} ${def.name}.` };
      return { ephemeral: true, messages: renderSlack(view) };
    }
  }
  const ctx: CommandContext = {
    surface: 'slack',
    digestMaxStories: deps.digestMaxStories,
    place: { platform: 'slack', workspaceId: asker.teamId, channelId: asker.channelId },
    user: { id: asker.userId, admin },
  };
  try {
    const args = parseCommandArgs(def, lineArgs(def, rest));
    const view = await dispatch(def, deps.services, args, ctx);
    const timeZone = await channelTimeZone(deps.services, ctx.place, deps.timeZone);
    return { ephemeral: view.kind === 'error' || view.kind === 'refusal', messages: renderSlack(view, { timeZone }) };
  } catch (err) {
    if (err instanceof ArgsError) {
      return ephemeralText(`:warning: ${slackText(err.message)}${err.usage ? `\nUsage: \`${deps.slash} ${slackText(err.usage)}\`` : ''}`);
    }
    deps.onFailure?.(err, def.name);
    return ephemeralText(`:warning: ${deps.slash} ${def.name} failed; the error is logged.`);
  }
}
