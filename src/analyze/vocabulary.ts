// Word -> content term, for counting the terms of many articles fast at any archive size.
//
// A Map<string, string> cache of every word seen works, but its lookups slow down as it grows (a
// news archive keeps meeting new names): each probe walks a bucket, an entry and the key string,
// scattered over a heap of hundreds of thousands of strings, so a 5 KB article's ~850 tokens cost
// 75% more at 50,000 articles than at 2,000. Here a word is found by a 64-bit fingerprint of its
// characters in one open-addressed Int32Array: one cache line per probe, the same cost at any size.
// Two distinct words share a fingerprint with odds of about n^2 / 2^64 (1e-8 at 500,000 words);
// such a pair would share a term, which costs one term weight a little, nothing more.
import { termOf } from './text.js';

/** Slots hold [fingerprint low, fingerprint high, term id + 2 (0: empty, 1: no term), unused]. */
const SLOT = 4;
const MIN_CAPACITY = 1 << 14;
/** Past this many distinct words the table starts over (bounded memory: ~16 MB of slots). */
let maxWords = 500_000;

let capacity = MIN_CAPACITY;
let slots = new Int32Array(capacity * SLOT);
let wordCount = 0;
/** Term id -> term. */
let termList: string[] = [];
let termIdOf = new Map<string, number>();
/** Per-term scratch counts for one text at a time (always all zero between calls). */
let scratch = new Int32Array(1024);
/** Bumped when the table starts over: term ids taken before are void. */
let generation = 0;

function reset(): void {
  generation++;
  capacity = MIN_CAPACITY;
  slots = new Int32Array(capacity * SLOT);
  wordCount = 0;
  termList = [];
  termIdOf = new Map();
  scratch = new Int32Array(1024);
}

function grow(): void {
  const old = slots;
  capacity *= 2;
  slots = new Int32Array(capacity * SLOT);
  const mask = capacity - 1;
  for (let i = 0; i < old.length; i += SLOT) {
    if (old[i + 2] === 0) continue;
    let s = old[i]! & mask;
    while (slots[s * SLOT + 2] !== 0) s = (s + 1) & mask;
    slots.set(old.subarray(i, i + SLOT), s * SLOT);
  }
}

/** Term id of a word, -1 when it has none (a stopword, a 1-character token). */
export function termIdOfWord(word: string): number {
  // Two independent 32-bit hashes (FNV-1a and a multiply-xorshift), read off the word in one pass.
  let lo = 0x811c9dc5 | 0;
  let hi = 0x9e3779b9 ^ word.length;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    lo = Math.imul(lo ^ c, 0x01000193);
    hi = Math.imul(hi + c, 0x5bd1e995);
    hi ^= hi >>> 15;
  }
  const mask = capacity - 1;
  for (let s = lo & mask; ; s = (s + 1) & mask) {
    const b = s * SLOT;
    const v = slots[b + 2]!;
    if (v === 0) return insert(word, b, lo, hi);
    if (slots[b] === lo && slots[b + 1] === hi) return v - 2;
  }
}

function insert(word: string, at: number, lo: number, hi: number): number {
  if (wordCount >= maxWords) {
    reset();
    return termIdOfWord(word);
  }
  const t = termOf(word);
  let id = -1;
  if (t) {
    id = termIdOf.get(t) ?? -1;
    if (id < 0) {
      id = termList.length;
      termList.push(t);
      termIdOf.set(t, id);
      if (id >= scratch.length) {
        const bigger = new Int32Array(scratch.length * 2);
        bigger.set(scratch);
        scratch = bigger;
      }
    }
  }
  slots[at] = lo;
  slots[at + 1] = hi;
  slots[at + 2] = id + 2;
  if (++wordCount * 2 > capacity) grow();
  return id;
}

/**
 * Add the content terms of already tokenised words (see words()) to `tf`, `weight` each. Counting
 * goes through dense per-term slots; `tf` is touched once per distinct term. `ids`, when given,
 * gets the term id of each term new to `tf`, in the order they enter it (ids of this generation).
 */
export function addTermCounts(tf: Map<string, number>, ws: readonly string[], weight = 1, ids?: number[], retried = false): Map<string, number> {
  const gen = generation;
  const touched: number[] = [];
  for (let i = 0; i < ws.length; i++) {
    const id = termIdOfWord(ws[i]!);
    if (id < 0) continue;
    if (scratch[id]!++ === 0) touched.push(id);
  }
  // The table started over mid-text (once in 500,000 words): the ids counted are void; count
  // again in the new table, which has room now.
  if (gen !== generation) {
    scratch.fill(0);
    if (ids) ids.length = 0;
    if (!retried) return addTermCounts(tf, ws, weight, ids, true);
    // A text of more distinct words than the table holds (hostile input): count it word by word.
    for (const w of ws) {
      const t = termOf(w);
      if (t) tf.set(t, (tf.get(t) ?? 0) + weight);
    }
    if (ids) ids.length = 0;
    return tf;
  }
  const terms = termList;
  for (const id of touched) {
    const n = scratch[id]!;
    scratch[id] = 0;
    const t = terms[id]!;
    const had = tf.get(t);
    if (had === undefined && ids) ids.push(id);
    tf.set(t, (had ?? 0) + n * weight);
  }
  return tf;
}

/** The table's generation: term ids are valid while it stays the same. */
export function vocabularyGeneration(): number {
  return generation;
}

/** How many distinct words and terms the table holds, and how often it started over. */
export function vocabularySize(): { words: number; terms: number; restarts: number } {
  return { words: wordCount, terms: termList.length, restarts: generation };
}

/** Lower the word limit (tests reach it without 500,000 words); starts the table over. */
export function setVocabularyLimit(words: number): void {
  maxWords = Math.max(1, Math.floor(words));
  reset();
}
