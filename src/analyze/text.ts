// Text primitives shared by clustering, dedupe and the extractive engine.
// Kept dependency-light and fast: ingest throughput depends on them.
import { stemmer } from 'stemmer';

const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has have having ' +
    'he her here hers herself him himself his how i if in into is it its itself just me more most my myself no ' +
    'nor not now of off on once only or other our ours ourselves out over own same she should so some such than ' +
    'that the their theirs them themselves then there these they this those through to too under until up very ' +
    'was we were what when where which while who whom why will with would you your yours yourself yourselves ' +
    'said says say according told also would could may might must shall one two new like get got us mr mrs ms ' +
    'year years time last first week day'
  ).split(/\s+/),
);

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Lowercased word tokens (letters/digits, with an inner apostrophe kept). */
export function words(text: string): string[] {
  // match() with a global pattern returns the matched strings alone (no match objects): fast.
  const out = text.toLowerCase().match(WORD_RE) ?? [];
  for (let i = 0; i < out.length; i++) {
    // Possessive "'s" dropped ("minister's" -> "minister").
    const w = out[i]!;
    const n = w.length;
    if (n > 2 && w.charCodeAt(n - 1) === 115) {
      const q = w.charCodeAt(n - 2);
      if (q === 39 || q === 0x2019) out[i] = w.slice(0, n - 2);
    }
  }
  return out;
}

const stemCache = new Map<string, string>();
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = word.length > 3 && /^[a-z]+$/.test(word) ? stemmer(word) : word;
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** A word's content term ('' for stopwords and 1-char tokens), cached: one lookup per token. */
const termCache = new Map<string, string>();
export function termOf(word: string): string {
  let t = termCache.get(word);
  if (t === undefined) {
    t = word.length < 2 || STOPWORDS.has(word) ? '' : stem(word);
    if (termCache.size > 200_000) termCache.clear();
    termCache.set(word, t);
  }
  return t;
}

/** Content terms of already tokenised words (see words()). */
export function termsOfWords(ws: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of ws) {
    const t = termOf(w);
    if (t) out.push(t);
  }
  return out;
}

/** Content terms: stemmed, stopwords and 1-char tokens dropped. */
export function terms(text: string): string[] {
  return termsOfWords(words(text));
}

/** Term frequencies of a text. */
export function termCounts(text: string): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of terms(text)) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}

// Abbreviations after which a period does not end a sentence.
const ABBREV = new Set(
  ('mr mrs ms dr prof sr jr st mt gen col lt sgt capt cmdr adm gov sen rep rev hon pres vs etc inc ltd co corp ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec no fig u.s u.k u.n e.g i.e a.m p.m approx dept est')
    .split(/\s+/),
);

/**
 * Split text into sentences. Paragraph breaks always end a sentence; within a paragraph a
 * sentence ends at . ! ? (plus closing quotes/brackets) followed by space and an upper-case
 * letter, digit or opening quote, unless the period ends a known abbreviation or an initial.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const para of text.split(/\n\s*\n|\r?\n(?=\s*[-•*]\s)|\r?\n/)) {
    // Sentences glued by a lost space ("...in the primary.Michele Bachmann said", a related link run
    // into the text): parted where a lowercase word of 3+ letters ends one and a capitalised word starts the next.
    const p = para.replace(/\s+/g, ' ').trim().replace(/(?<=[\s(][\p{Ll}]{2,}\p{Ll}[.!?]["”’]?)(?=[\p{Lu}][\p{Ll}])/gu, ' ');
    if (!p) continue;
    let start = 0;
    const re = /[.!?]+["'”’)\]]*\s+(?=["'“‘(\[]?[\p{Lu}\p{N}])/gu;
    let m: RegExpExecArray | null;
    while ((m = re.exec(p))) {
      const end = m.index + m[0].length;
      const before = p.slice(start, m.index + 1);
      const lastWord = /([\p{L}.]+)\.$/u.exec(before)?.[1]?.toLowerCase() ?? '';
      if (m[0].startsWith('.') && !/[!?]/.test(m[0])) {
        if (ABBREV.has(lastWord) || ABBREV.has(lastWord.replace(/\.$/, ''))) continue;
        if (/^\p{L}$/u.test(lastWord)) continue; // an initial: "J. Smith"
        if (/(^|\.)\p{L}\.\p{L}$/u.test(lastWord)) continue; // "U.S." style
      }
      const s = p.slice(start, end).trim();
      if (s) out.push(s);
      start = end;
    }
    const rest = p.slice(start).trim();
    if (rest) out.push(rest);
  }
  return out;
}
