// A command line as chat users type it (`/news actor "Khalil al-Hayya" --storyline 2`, the console
// twin's `actor al-Hayya`): words, "double" or 'single' quoted arguments (typographic quotes too,
// as Slack and phones send them), `--name value` or `--name=value` options. The fields come from
// the command's definition, so this parser serves every text surface and cannot drift from it.
import { ArgsError, fields, flagName, type FieldInfo } from './args.js';
import type { CommandDef } from './command.js';

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '\u201c': '\u201d', '\u2018': '\u2019', '\u201e': '\u201c' };

/** Words of a line; quotes group words, a backslash keeps the next character as is. */
export function splitLine(line: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  let close: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (close !== undefined) {
      if (c === close || (close === '"' && c === '\u201d')) close = undefined;
      else if (c === '\\' && i + 1 < line.length) word = (word ?? '') + line[++i];
      else word = (word ?? '') + c;
    } else if (/\s/.test(c)) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else if (c in QUOTES) {
      close = QUOTES[c];
      word ??= '';
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else {
      word = (word ?? '') + c;
    }
  }
  if (close !== undefined) throw new ArgsError('a quote is not closed');
  if (word !== undefined) out.push(word);
  return out;
}

/** `actor <name...> [--storyline <id>]`: how a command is typed. */
export function commandUsage(def: CommandDef): string {
  const all = fields(def.args);
  const positional = (def.positional ?? []).map((k) => all.find((f) => f.key === k)!);
  const parts = [def.name];
  for (const f of positional) {
    const name = `${f.meta.label ?? f.key}${f.meta.kind === 'words' ? '...' : ''}`;
    parts.push(f.optional ? `[${name}]` : `<${name}>`);
  }
  for (const f of all) if (!positional.includes(f)) parts.push(`[${flagName(f.key)} <${placeholder(f)}>]`);
  return parts.join(' ');
}

function placeholder(f: FieldInfo): string {
  return f.meta.label ?? { id: 'id', count: 'n', duration: 'duration', text: 'value', words: 'words' }[f.meta.kind];
}

/** The raw values of a command's fields from the words after its name (typed by parseCommandArgs). */
export function lineArgs(def: CommandDef, words: string[]): Record<string, unknown> {
  const all = fields(def.args);
  const positional = (def.positional ?? []).map((k) => all.find((f) => f.key === k)!);
  const options = new Map(all.filter((f) => !positional.includes(f)).map((f) => [flagName(f.key), f]));
  const raw: Record<string, unknown> = {};
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.startsWith('--') || w === '--') {
      rest.push(w);
      continue;
    }
    const eq = w.indexOf('=');
    const flag = eq > 0 ? w.slice(0, eq) : w;
    const f = options.get(flag);
    if (!f) throw new ArgsError(`${def.name} has no option ${flag.slice(0, 40)}`, commandUsage(def));
    const value = eq > 0 ? w.slice(eq + 1) : words[++i];
    if (value === undefined) throw new ArgsError(`${flag} needs a value`, commandUsage(def));
    raw[f.key] = value;
  }
  // Positional fields in order; a `words` field takes all the words left for it.
  let next = 0;
  for (const [i, f] of positional.entries()) {
    if (f.meta.kind === 'words') {
      const take = rest.length - next - (positional.length - i - 1);
      if (take > 0) raw[f.key] = rest.slice(next, next + take);
      next += Math.max(0, take);
    } else if (next < rest.length) {
      raw[f.key] = rest[next++];
    }
    if (raw[f.key] === undefined && !f.optional) throw new ArgsError(`missing ${f.meta.label ?? f.key}`, commandUsage(def));
  }
  if (next < rest.length) throw new ArgsError(`too many arguments`, commandUsage(def));
  return raw;
}
