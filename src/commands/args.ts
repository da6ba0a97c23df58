// Command arguments: one zod object per command, built from the few kinds below. Each field's
// kind (in its zod metadata) tells every surface how to read it: the CLI makes options and
// arguments of them, the console and Slack parse them from a line of text, Discord will make
// typed options (integers with their bounds, strings with autocomplete). `parseArgs` turns the
// strings a surface read into typed values with the house's one-line messages, then the zod
// schema checks them (caps included), so no surface can skip a bound.
import { z } from 'zod';
import { parseDuration } from '../domain/duration.js';

export type ArgKind = 'words' | 'text' | 'id' | 'count' | 'duration';

export interface ArgMeta {
  kind: ArgKind;
  description: string;
  /** For `words` and `text`: shown in usage (`<name...>`). */
  label?: string;
  /** For autocompletion: which names complete this argument. */
  complete?: 'actors' | 'phases' | 'stories';
}

/** A bad argument: the CLI exits 2 with this line; chat surfaces answer it. */
export class ArgsError extends Error {
  override name = 'ArgsError';
  constructor(
    message: string,
    /** How the command is typed, where the problem is the shape of the line. */
    readonly usage?: string,
  ) {
    super(message);
  }
}

const meta = <T extends z.ZodType>(schema: T, m: ArgMeta): T => schema.meta({ ...m }) as T;

export const arg = {
  /** Free words, joined by single spaces (a topic, a name): `brief gaza ceasefire`. */
  words: (description: string, extra: Partial<ArgMeta> = {}) => meta(z.string().max(400), { kind: 'words', description, ...extra }),
  /** One string, as given. */
  text: (description: string, extra: Partial<ArgMeta> = {}) => meta(z.string().max(400), { kind: 'text', description, ...extra }),
  /** A stored id: a positive safe integer. */
  id: (description: string) => meta(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), { kind: 'id', description }),
  /** A count with a cap. */
  count: (description: string, max: number) => meta(z.number().int().min(1).max(max), { kind: 'count', description }),
  /** A window before now: 30m, 24h, 7d, 2w (at most 100 years). */
  duration: (description: string) =>
    meta(
      z.string().refine((v) => parseDuration(v) !== undefined, { message: 'not a duration (expected e.g. 30m, 24h, 7d; at most 100 years)' }),
      { kind: 'duration', description },
    ),
};

export interface FieldInfo {
  key: string;
  meta: ArgMeta;
  optional: boolean;
  /** The zod default, when the field has one. */
  default?: unknown;
  /** For counts and ids: the largest value. */
  max?: number;
}

/** What a command's arguments are, field by field, in declaration order. */
export function fields(schema: z.ZodObject): FieldInfo[] {
  return Object.entries(schema.shape).map(([key, value]) => {
    let s = value as z.ZodType;
    let optional = false;
    let dflt: unknown;
    for (;;) {
      const def = s.def as { type: string; innerType?: z.ZodType; defaultValue?: unknown };
      if (def.type === 'optional') optional = true;
      else if (def.type === 'default') {
        optional = true;
        dflt = def.defaultValue;
      } else break;
      s = def.innerType!;
    }
    const m = s.meta() as ArgMeta | undefined;
    if (!m?.kind) throw new Error(`argument ${key} has no kind: build it with arg.*`);
    const max = s instanceof z.ZodNumber && s.maxValue !== null && Number.isFinite(s.maxValue) ? s.maxValue : undefined;
    return { key, meta: m, optional, ...(dflt !== undefined ? { default: dflt } : {}), ...(max !== undefined ? { max } : {}) };
  });
}

/** The option name a field has on the command line and in chat: `--story`, `--since`. */
export function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

function positiveInt(name: string, v: string | number, max: number): number {
  const s = String(v);
  const n = typeof v === 'number' ? v : /^\s*\d+\s*$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new ArgsError(`${name} must be a positive integer, got "${oneLine(s).slice(0, 40)}"`);
  if (n > max) throw new ArgsError(`${name} must be at most ${max}, got ${oneLine(s).slice(0, 40)}`);
  return n;
}

/**
 * Typed arguments from what a surface read: strings (or string lists for words), numbers from a
 * platform that types them. `label(key)` names a field in messages (`--limit` on the CLI).
 * Throws ArgsError with one line.
 */
export function parseArgs<S extends z.ZodObject>(
  schema: S,
  raw: Record<string, unknown>,
  label: (key: string) => string = flagName,
): z.output<S> {
  const typed: Record<string, unknown> = {};
  for (const f of fields(schema)) {
    const v = raw[f.key];
    if (v === undefined || v === null) continue;
    const name = label(f.key);
    switch (f.meta.kind) {
      case 'words':
        typed[f.key] = (Array.isArray(v) ? v.map(String).join(' ') : String(v)).replace(/\s+/g, ' ').trim();
        break;
      case 'text':
        typed[f.key] = String(v);
        break;
      case 'id':
      case 'count':
        typed[f.key] = positiveInt(name, v as string | number, f.max ?? Number.MAX_SAFE_INTEGER);
        break;
      case 'duration':
        if (parseDuration(String(v)) === undefined) {
          throw new ArgsError(`not a duration: "${oneLine(String(v)).slice(0, 40)}" (expected e.g. 30m, 24h, 7d; at most 100 years)`);
        }
        typed[f.key] = String(v);
        break;
    }
  }
  const parsed = schema.safeParse(typed);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    throw new ArgsError(`${key ? `${label(key)}: ` : ''}${oneLine(issue.message)}`);
  }
  return parsed.data;
}
