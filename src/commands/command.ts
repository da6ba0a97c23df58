// One module per command: `{name, description, args (zod), run, autocomplete?}`. The CLI's
// commands and options, the console chat, and later the Discord command definitions and the Slack
// subcommand parser are all generated from these, so a new command is one file.
import type { z } from 'zod';
import type { Services } from '../app/commands.js';
import { UserError } from '../domain/errors.js';
import { ArgsError, flagName, parseArgs } from './args.js';
import type { View } from './view.js';

export type Surface = 'cli' | 'console' | 'discord' | 'slack';

export interface CommandContext {
  surface: Surface;
  /** Stories a digest briefs when the asker gives no --max (NEWSBRIEF_DIGEST_MAX_STORIES). */
  digestMaxStories: number;
  /**
   * A story list with each story's articles (what `stories --json` prints). Off, a list holds the
   * stories alone: reading every article of up to 100,000 stories for a list of headlines is waste.
   */
  storyArticles?: boolean;
  /** Where the command was given: a chat channel (absent on the CLI). */
  place?: { platform: 'discord' | 'slack' | 'console'; workspaceId: string; channelId: string };
  /** Who gave it; `admin` as the platform judged it (Manage Server / workspace admin or NEWSBRIEF_SLACK_ADMINS). */
  user?: { id: string; admin: boolean };
}

/** Who a model's work is for: the chat workspace that pays for it (per-workspace daily token budgets). */
export function askedFor(ctx: Pick<CommandContext, 'place'>): { workspace?: string } {
  return ctx.place ? { workspace: `${ctx.place.platform}:${ctx.place.workspaceId}` } : {};
}

export interface CommandDef<S extends z.ZodObject = z.ZodObject> {
  name: string;
  /** One line: the CLI help, the Discord command description (at most 100 characters). */
  description: string;
  /**
   * It changes what a channel gets (sources, subscriptions, settings): the platforms require
   * Manage Server / a workspace admin, and runCommand refuses it to a user who is not one.
   */
  admin?: boolean;
  args: S;
  /** Fields given by position, in order (the rest are options); a `words` field takes the rest of the line. */
  positional?: Array<keyof z.output<S> & string>;
  /** A rule across fields (e.g. "a topic or --story, not both"): the message, or undefined. */
  check?(args: z.output<S>): string | undefined;
  run(svc: Services, args: z.output<S>, ctx: CommandContext): Promise<View>;
  /**
   * Names that complete the field being typed, best first (at most 25). `given`: the other
   * options the user already filled in, as the platform sent them (e.g. a storyline id).
   */
  autocomplete?(svc: Services, field: string, prefix: string, given?: Readonly<Record<string, unknown>>): Promise<string[]>;
}

/** Keeps each command's argument types while the registry holds them all. */
export function defineCommand<S extends z.ZodObject>(def: CommandDef<S>): CommandDef<S> {
  return def;
}

/** What a non-admin is told when they give an admin command (the platforms show it only to them). */
export function adminRefusal(def: Pick<CommandDef, 'name'>, platform?: string): string {
  const who = platform === 'slack' ? 'a workspace admin' : platform === 'discord' ? 'the Manage Server permission' : 'an admin';
  return `${def.name} changes this channel's settings: it needs ${who}`;
}

/**
 * Runs a command on typed arguments: an admin command given by a known non-admin user is refused;
 * a UserError (nothing found, bad input) becomes an error view; anything else is thrown.
 */
export async function runCommand<S extends z.ZodObject>(def: CommandDef<S>, svc: Services, args: z.output<S>, ctx: CommandContext): Promise<View> {
  // No user: the CLI or the console, run by whoever runs the process (the operator).
  if (def.admin && ctx.user && !ctx.user.admin) return { kind: 'refusal', message: adminRefusal(def, ctx.place?.platform) };
  try {
    return await def.run(svc, args, ctx);
  } catch (err) {
    if (err instanceof UserError) return { kind: 'error', code: err.code, message: err.message };
    throw err;
  }
}

/** Typed arguments of a command from what a surface read, its cross-field rule checked. Throws ArgsError. */
export function parseCommandArgs<S extends z.ZodObject>(def: CommandDef<S>, raw: Record<string, unknown>, label: (key: string) => string = flagName): z.output<S> {
  const args = parseArgs(def.args, raw, label);
  const problem = def.check?.(args);
  if (problem) throw new ArgsError(problem);
  return args;
}
