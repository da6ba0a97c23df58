// Language detection with franc-min's own data and scoring, computed from tables built once.
//
// franc-min scores a text against every language of its main script: for each distinct trigram of
// the text, 300 when the language's model lacks it, else |count - rank - 1|; the lowest sum wins
// (ties: the language listed first). It looks each trigram up in each language's dictionary, about
// 600 x 44 hash lookups for a Latin text, which made it a quarter of `newsbrief ingest`'s time.
// Here every trigram of a script maps once to the (language, rank) pairs that hold it, so a text
// costs one lookup per distinct trigram plus the pairs found; the sums, and so the answers, are
// franc-min's (test/ingest/language.test.ts compares the two on texts in many languages).
import { data } from 'franc-min/data.js';
import { collapseWhitespace } from '../domain/whitespace.js';
import { expressions } from 'franc-min/expressions.js';

/** franc-min's limits: the sample it reads and the cost of a trigram a model lacks. */
const MAX_LENGTH = 2048;
const MAX_DIFFERENCE = 300;

/** A trigram as a map key: a small integer when its three UTF-16 units are under 1024, else itself. */
type TrigramKey = number | string;

function keyOf(a: number, b: number, c: number, text: string, at: number): TrigramKey {
  return (a | b | c) < 1024 ? (a << 20) | (b << 10) | c : text.slice(at, at + 3);
}

interface ScriptTable {
  languages: string[];
  /** Trigram -> its index in `pairs`. */
  trigrams: Map<TrigramKey, number>;
  /** Per trigram index: flat pairs [language index, rank, language index, rank, ...]. */
  pairs: Int32Array[];
  /** The integer keys of `trigrams` again, open-addressed: [key, index] slots, key -1 when empty. */
  slots: Int32Array;
  mask: number;
}

const EMPTY = -1;

function slotOf(key: number, mask: number): number {
  return (Math.imul(key, 0x9e3779b1) >>> 12) & mask;
}

/** The trigram index of a key, undefined when no model holds it. */
function indexOf(table: ScriptTable, key: TrigramKey): number | undefined {
  if (typeof key !== 'number') return table.trigrams.get(key);
  const { slots, mask } = table;
  for (let s = slotOf(key, mask); ; s = (s + 1) & mask) {
    const k = slots[s * 2]!;
    if (k === key) return slots[s * 2 + 1]!;
    if (k === EMPTY) return undefined;
  }
}

let tables: Map<string, ScriptTable> | undefined;
/** Per-trigram counts of the text being scored, by table index; left all zero after each text. */
let scratch = new Int32Array(0);

function buildTables(): Map<string, ScriptTable> {
  const out = new Map<string, ScriptTable>();
  for (const [script, models] of Object.entries(data)) {
    const languages = Object.keys(models);
    const pairs = new Map<string, number[]>();
    languages.forEach((lang, li) => {
      const model = models[lang]!.split('|');
      // A trigram listed twice keeps its first rank, as in franc-min (it fills its dictionary
      // backwards, so the first listing is written last).
      const seen = new Set<string>();
      model.forEach((tri, rank) => {
        if (seen.has(tri)) return;
        seen.add(tri);
        let list = pairs.get(tri);
        if (!list) pairs.set(tri, (list = []));
        list.push(li, rank);
      });
    });
    const trigrams = new Map<TrigramKey, number>();
    const flat: Int32Array[] = [];
    for (const [tri, list] of pairs) {
      trigrams.set(keyOf(tri.charCodeAt(0), tri.charCodeAt(1), tri.charCodeAt(2), tri, 0), flat.length);
      flat.push(Int32Array.from(list));
    }
    // A table at most a quarter full: a probe reads one or two slots.
    let capacity = 1024;
    while (capacity < trigrams.size * 4) capacity *= 2;
    const slots = new Int32Array(capacity * 2).fill(EMPTY);
    const mask = capacity - 1;
    for (const [key, at] of trigrams) {
      if (typeof key !== 'number') continue;
      let s = slotOf(key, mask);
      while (slots[s * 2] !== EMPTY) s = (s + 1) & mask;
      slots[s * 2] = key;
      slots[s * 2 + 1] = at;
    }
    out.set(script, { languages, trigrams, pairs: flat, slots, mask });
  }
  return out;
}

const SCRIPTS = Object.entries(expressions);
/** Each script's expression for one character alone (they match one code point at a time). */
const SINGLE = SCRIPTS.map(([, e]) => new RegExp(`^(?:${e.source})$`));
/** Per UTF-16 unit: bit i set when script i matches it; bit 31 marks the entry as computed. */
const unitScripts = new Uint32Array(65536);
const COMPUTED = 1 << 31;

function scriptsOfUnit(c: number): number {
  let m = unitScripts[c]!;
  if (m === 0) {
    m = COMPUTED;
    const ch = String.fromCharCode(c);
    for (let i = 0; i < SINGLE.length; i++) if (SINGLE[i]!.test(ch)) m |= 1 << i;
    unitScripts[c] = m;
  }
  return m;
}

/** The script (or single-script language) whose characters occur most, franc-min's way. */
function topScript(value: string): [string | undefined, number] {
  // franc-min counts each expression's matches with value.match(); without surrogates every match
  // is one character, so one pass over the characters counts them all.
  let counts: number[] | undefined = new Array<number>(SCRIPTS.length).fill(0);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      counts = undefined; // astral characters: match as franc-min does
      break;
    }
    let m = scriptsOfUnit(c) & ~COMPUTED;
    while (m !== 0) {
      const bit = 31 - Math.clz32(m);
      counts[bit]!++;
      m &= ~(1 << bit);
    }
  }
  let topCount = -1;
  let top: string | undefined;
  SCRIPTS.forEach(([script, expression], i) => {
    const n = counts ? counts[i]! : (value.match(expression)?.length ?? 0);
    const count = n / value.length || 0;
    if (count > topCount) {
      topCount = count;
      top = script;
    }
  });
  return [top, topCount];
}

/** The text franc-min makes trigrams of: digits and ASCII punctuation to spaces, collapsed, lower case. */
function cleaned(value: string): string {
  return ` ${collapseWhitespace(value.replace(/[\u0021-\u0040]+/g, ' ')).trim().toLowerCase()} `;
}

/**
 * ISO 639-3 code of the most probable language, as franc-min's `franc(value, { minLength })`
 * returns it ("und" when undetermined).
 */
export function francCode(value: string, minLength = 10): string {
  if (!value || value.length < minLength) return 'und';
  const sample = value.slice(0, MAX_LENGTH);
  const [script, share] = topScript(sample);
  tables ??= buildTables();
  const table = script === undefined ? undefined : tables.get(script);
  if (!table) return !script || share === 0 ? 'und' : script;

  const text = cleaned(sample);
  // Counts of the trigrams the models hold, by table index (one map probe per position, no map
  // of counts); the others only count as distinct. Integer keys spare a string per position.
  if (scratch.length < table.pairs.length) scratch = new Int32Array(table.pairs.length);
  const touched: number[] = [];
  let others: Set<TrigramKey> | undefined;
  let a = text.charCodeAt(0);
  let b = text.charCodeAt(1);
  for (let i = 2; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const key = keyOf(a, b, c, text, i - 2);
    const at = indexOf(table, key);
    if (at === undefined) (others ??= new Set()).add(key);
    else if (scratch[at]!++ === 0) touched.push(at);
    a = b;
    b = c;
  }
  // Every language starts as if it lacked every trigram; each (language, rank) found corrects that.
  // The sums are of integers: the order they are added in does not change them.
  const distances = new Float64Array(table.languages.length).fill((touched.length + (others?.size ?? 0)) * MAX_DIFFERENCE);
  for (const at of touched) {
    const count = scratch[at]!;
    scratch[at] = 0;
    const pairs = table.pairs[at]!;
    for (let k = 0; k < pairs.length; k += 2) {
      const d = count - pairs[k + 1]! - 1;
      distances[pairs[k]!]! += (d < 0 ? -d : d) - MAX_DIFFERENCE;
    }
  }
  let best = 0;
  for (let li = 1; li < distances.length; li++) if (distances[li]! < distances[best]!) best = li;
  return table.languages[best]!;
}
