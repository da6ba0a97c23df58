// A YAML reader for the subset our own deployment files use (block maps and sequences, flow
// sequences of scalars, quoted and plain scalars, comments): enough to check compose.yaml without
// a YAML library or a Docker engine. Anchors, multi-line strings and flow maps are refused.

type Value = string | number | boolean | null | Value[] | { [k: string]: Value };

interface Line {
  indent: number;
  text: string;
  no: number;
}

function scalar(raw: string, no: number): Value {
  const s = raw.trim();
  if (s === '' || s === '~' || s === 'null') return null;
  if (s.startsWith('"')) {
    if (!s.endsWith('"') || s.length < 2) throw new Error(`line ${no}: unterminated string`);
    return JSON.parse(s) as string;
  }
  if (s.startsWith("'")) {
    if (!s.endsWith("'") || s.length < 2) throw new Error(`line ${no}: unterminated string`);
    return s.slice(1, -1).replaceAll("''", "'");
  }
  if (s.startsWith('[')) {
    if (!s.endsWith(']')) throw new Error(`line ${no}: unterminated flow sequence`);
    const inner = s.slice(1, -1).trim();
    if (inner === '') return [];
    const items: string[] = [];
    let cur = '';
    let quote: string | undefined;
    for (const ch of inner) {
      if (quote) {
        cur += ch;
        if (ch === quote) quote = undefined;
      } else if (ch === '"' || ch === "'") {
        quote = ch;
        cur += ch;
      } else if (ch === ',') {
        items.push(cur);
        cur = '';
      } else cur += ch;
    }
    items.push(cur);
    return items.map((i) => scalar(i, no));
  }
  if (/^[{&*|>!]/.test(s)) throw new Error(`line ${no}: unsupported YAML: ${s}`);
  if (s === 'true' || s === 'false') return s === 'true';
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  return s;
}

/** Drops a comment: a # at the start or after a space, outside quotes. */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

/** `key: rest` split at the first `: ` (or a trailing ':') outside quotes; undefined when none. */
function splitKey(text: string): [string, string] | undefined {
  const m = /^("[^"]*"|'[^']*'|[^"'\s][^:]*?):(?:\s+(.*))?$/.exec(text);
  if (!m) return undefined;
  return [String(scalar(m[1]!, 0)), m[2] ?? ''];
}

export function parseYaml(source: string): Value {
  const lines: Line[] = [];
  source.split('\n').forEach((raw, i) => {
    if (raw.includes('\t')) throw new Error(`line ${i + 1}: tab`);
    const text = stripComment(raw).trimEnd();
    if (text.trim() === '' || text.trim() === '---') return;
    lines.push({ indent: text.length - text.trimStart().length, text: text.trim(), no: i + 1 });
  });
  let pos = 0;

  const block = (indent: number): Value => {
    const first = lines[pos];
    if (!first || first.indent < indent) return null;
    if (first.text.startsWith('- ') || first.text === '-') return sequence(first.indent);
    return map(first.indent);
  };

  const map = (indent: number, into: { [k: string]: Value } = {}): Value => {
    while (pos < lines.length && lines[pos]!.indent === indent && !lines[pos]!.text.startsWith('- ')) {
      const l = lines[pos]!;
      const kv = splitKey(l.text);
      if (!kv) throw new Error(`line ${l.no}: expected "key: value"`);
      const [k, rest] = kv;
      if (k in into) throw new Error(`line ${l.no}: duplicate key ${k}`);
      pos++;
      if (rest !== '') into[k] = scalar(rest, l.no);
      else {
        const next = lines[pos];
        // A sequence may sit at the key's own indent (compose files often do).
        if (next && (next.indent > indent || (next.indent === indent && next.text.startsWith('- ')))) into[k] = block(next.indent);
        else into[k] = null;
      }
    }
    if (pos < lines.length && lines[pos]!.indent > indent) throw new Error(`line ${lines[pos]!.no}: bad indentation`);
    return into;
  };

  const sequence = (indent: number): Value => {
    const out: Value[] = [];
    while (pos < lines.length && lines[pos]!.indent === indent && (lines[pos]!.text.startsWith('- ') || lines[pos]!.text === '-')) {
      const l = lines[pos]!;
      const rest = l.text.slice(1).trimStart();
      if (rest === '') {
        pos++;
        out.push(block(lines[pos]?.indent ?? 0));
      } else if (splitKey(rest) && !rest.startsWith('"') && !rest.startsWith("'")) {
        // "- key: value" opens a map whose keys sit at the column after "- ".
        const col = indent + (l.text.length - rest.length);
        lines[pos] = { indent: col, text: rest, no: l.no };
        out.push(map(col));
      } else {
        pos++;
        out.push(scalar(rest, l.no));
      }
    }
    return out;
  };

  const value = block(0);
  if (pos < lines.length) throw new Error(`line ${lines[pos]!.no}: unexpected`);
  return value;
}
