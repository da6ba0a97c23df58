// `help [command]`: the commands there are (from the registry itself), or how one is typed.
import { z } from 'zod';
import { UserError } from '../domain/errors.js';
import { arg } from './args.js';
import { defineCommand, type CommandDef } from './command.js';
import { commandUsage } from './parse-line.js';
import type { HelpView } from './view.js';

/** The help view over a list of commands (the registry passes itself: no import cycle). */
export function helpView(all: readonly CommandDef[], name?: string): HelpView {
  const wanted = name?.trim().toLowerCase();
  const chosen = wanted ? all.filter((c) => c.name === wanted) : all;
  if (wanted && chosen.length === 0) throw new UserError('not_found', `no command "${wanted.slice(0, 40)}"; help lists them`);
  return { kind: 'help', commands: chosen.map((c) => ({ name: c.name, usage: commandUsage(c), description: c.description, admin: Boolean(c.admin) })) };
}

/** Built with the registry's list, which holds it too. */
export function makeHelp(list: () => readonly CommandDef[]) {
  return defineCommand({
    name: 'help',
    description: 'The commands, or how one is typed: help [command]',
    args: z.object({ command: arg.text('a command name', { label: 'command' }).optional() }),
    positional: ['command'],
    async run(_svc, a) {
      return helpView(list(), a.command);
    },
    async autocomplete(_svc, _field, prefix) {
      return list().map((c) => c.name).filter((n) => n.startsWith(prefix.trim().toLowerCase())).slice(0, 25);
    },
  });
}
