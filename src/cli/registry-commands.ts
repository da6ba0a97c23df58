// The CLI's commands generated from the registry: each field of a command's zod args becomes an
// argument (those in `positional`, in order) or an option (`--name <value>`, with its default), so
// the CLI cannot drift from what Discord and Slack will offer. Values arrive as strings and are
// read by parseCommandArgs, with the same one-line messages and caps on every surface.
import { Command, Option } from 'commander';
import { fields, flagName, type FieldInfo } from '../commands/args.js';
import type { CommandDef } from '../commands/command.js';

const PLACEHOLDER: Record<FieldInfo['meta']['kind'], string> = { id: 'id', count: 'n', duration: 'duration', text: 'value', words: 'words' };

/** Usage of one positional field: `<name...>`, `[topic...]`, `<alias>`. */
export function argumentUsage(f: FieldInfo): string {
  const name = `${f.meta.label ?? f.key}${f.meta.kind === 'words' ? '...' : ''}`;
  return f.optional ? `[${name}]` : `<${name}>`;
}

export interface ParsedInvocation {
  raw: Record<string, unknown>;
  json: boolean;
}

/** Adds `def` to `program`; `action` gets the raw values by field key and whether --json was given. */
export function addRegistryCommand(program: Command, def: CommandDef, action: (def: CommandDef, parsed: ParsedInvocation) => Promise<void>, opts: { json?: boolean } = {}): Command {
  const cmd = program.command(def.name).description(def.description);
  const all = fields(def.args);
  const positional = (def.positional ?? []).map((k) => all.find((f) => f.key === k)!);
  for (const f of positional) cmd.argument(argumentUsage(f), f.meta.description);
  for (const f of all) {
    if (positional.includes(f)) continue;
    const option = new Option(`${flagName(f.key)} <${f.meta.label ?? PLACEHOLDER[f.meta.kind]}>`, f.meta.description);
    if (f.default !== undefined) option.default(f.default);
    cmd.addOption(option);
  }
  if (opts.json !== false) cmd.option('--json', 'JSON output');
  cmd.action(async (...params: unknown[]) => {
    const options = params[positional.length] as Record<string, unknown>;
    const raw: Record<string, unknown> = {};
    positional.forEach((f, i) => {
      if (params[i] !== undefined) raw[f.key] = params[i];
    });
    for (const f of all) if (!positional.includes(f) && options[f.key] !== undefined) raw[f.key] = options[f.key];
    await action(def, { raw, json: Boolean(options.json) });
  });
  return cmd;
}
