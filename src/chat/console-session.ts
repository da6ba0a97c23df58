// The console twin of the chat bots: one typed line in, the Markdown of its answer out, through
// the same registry, argument parser and view models that Discord and Slack will use.
import type { Services } from '../app/commands.js';
import { ArgsError } from '../commands/args.js';
import { parseCommandArgs, type CommandContext } from '../commands/command.js';
import { dispatch } from '../commands/dispatch.js';
import { channelTimeZone } from '../commands/channel-place.js';
import { commandUsage, lineArgs, splitLine } from '../commands/parse-line.js';
import { commands, findCommand } from '../commands/registry.js';
import { renderMarkdown } from '../render/markdown/index.js';
import { inline } from '../render/markdown/escape.js';

export function helpText(name?: string): string {
  if (name) {
    const def = findCommand(name);
    if (!def) return `_No command "${inline(name.slice(0, 40))}"; type help for the list._\n`;
    return `\`${commandUsage(def)}\`\n${def.description}\n`;
  }
  const lines = ['**Commands**', ...commands.map((c) => `- \`${commandUsage(c)}\`: ${c.description}`), '- `quit`'];
  return lines.join('\n') + '\n';
}

export type LineAnswer = { text: string; quit?: boolean };

/** Answers one line: a command, `help`, `quit`; a line Slack would send (`/news brief gaza`) too. */
/** `defaultZone`: dates when the console channel has no time zone set (NEWSBRIEF_TZ). */
export async function answerLine(svc: Services, ctx: CommandContext, line: string, defaultZone = 'UTC'): Promise<LineAnswer> {
  let words: string[];
  try {
    words = splitLine(line);
  } catch (err) {
    return { text: `_${inline((err as Error).message)}_\n` };
  }
  if (words[0] === '/news') words.shift();
  const [name, ...rest] = words;
  if (!name) return { text: '' };
  if (name === 'quit' || name === 'exit') return { text: '', quit: true };
  if (name === 'help') return { text: helpText(rest[0]) };
  const def = findCommand(name);
  if (!def) return { text: `_No command "${inline(name.slice(0, 40))}"; type help for the list._\n` };
  try {
    const args = parseCommandArgs(def, lineArgs(def, rest));
    const view = await dispatch(def, svc, args, ctx);
    return { text: renderMarkdown(view, { timeZone: await channelTimeZone(svc, ctx.place, defaultZone) }) };
  } catch (err) {
    if (err instanceof ArgsError) return { text: `_${inline(err.message)}_${err.usage ? ` (usage: \`${err.usage}\`)` : ''}\n` };
    // A failure (the archive missing, a broken database): said in one line, the session goes on.
    return { text: `_failed: ${inline((err as Error).message)}_\n` };
  }
}
