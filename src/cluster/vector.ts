// Sparse TF-IDF vectors and the incremental document-frequency table behind the IDF.
import { stem, terms, words } from '../analyze/text.js';
import { addTermCounts, vocabularyGeneration } from '../analyze/vocabulary.js';
import type { TermVector } from '../store/store.js';

/** A term's document frequency and the part of it not yet persisted. */
interface TermCount {
  readonly term: string;
  df: number;
  pending: number;
}

/**
 * Document frequencies kept in memory and updated per article; the pipeline persists the pending
 * increments with the article's own write. Bounded: past `maxTerms`, terms seen once are dropped
 * (they get the IDF of an unseen term, which is what they nearly are).
 * One map entry per term holds both counts: a document costs one lookup per distinct term.
 */
export class TermStatsTable {
  docs: number;
  private readonly counts = new Map<string, TermCount>();
  /** Entries with pending increments (each once). */
  private dirty: TermCount[] = [];
  private pendingDocs = 0;
  /** How many times terms were pruned (entries looked up before a prune may be stale). */
  prunes = 0;
  /** Entries by vocabulary term id (see entryById). */
  private byId: Array<TermCount | undefined> = [];
  private byIdGeneration = -1;
  private byIdPrunes = -1;

  constructor(docs = 0, df = new Map<string, number>(), private readonly maxTerms = 400_000) {
    this.docs = docs;
    for (const [t, n] of df) this.counts.set(t, { term: t, df: n, pending: 0 });
  }

  /**
   * IDF with a prior: an archive of a few documents has no real statistics yet, so we behave as
   * though PRIOR_DOCS unseen documents came first (rare terms weigh more from the start).
   */
  idf(term: string): number {
    return this.idfOf(this.counts.get(term));
  }

  idfOf(c: TermCount | undefined): number {
    return Math.log((this.docs + PRIOR_DOCS + 1) / ((c?.df ?? 0) + 1));
  }

  /** The entries of `v` whose terms some stored document holds (a story's index can hold only those). */
  seenPart(v: TermVector): TermVector {
    const out: TermVector = {};
    for (const t in v) if ((this.counts.get(t)?.df ?? 0) > 0) out[t] = v[t]!;
    return out;
  }

  /** A term's counts, created at zero when new: looked up once per article, for its IDF and its add. */
  entry(term: string): TermCount {
    let c = this.counts.get(term);
    if (!c) this.counts.set(term, (c = { term, df: 0, pending: 0 }));
    return c;
  }

  /**
   * entry() found by vocabulary term id: an array index instead of a probe of a map of every term
   * seen, which slows down as the map grows. Valid for one vocabulary generation and prune.
   */
  entryById(id: number, term: string, generation: number): TermCount {
    if (generation !== this.byIdGeneration || this.prunes !== this.byIdPrunes) {
      this.byId = [];
      this.byIdGeneration = generation;
      this.byIdPrunes = this.prunes;
    }
    const byId = this.byId;
    // Grown densely: a sparse array would fall back to a slow dictionary.
    while (byId.length <= id) byId.push(undefined);
    let c = byId[id];
    if (c === undefined) byId[id] = c = this.entry(term);
    return c;
  }

  /** add() for an article whose vector this table weighted (its entries are already looked up). */
  addArticle(a: ArticleTerms, persisted = false): void {
    const refs = a.statRefs;
    // Entries looked up before a prune may have left the table: then look them up again.
    if (refs?.table !== this || refs.prunes !== this.prunes) return this.add(a.tf.keys(), persisted);
    this.docs++;
    if (!persisted) this.pendingDocs++;
    for (const c of refs.entries) {
      c.df++;
      if (!persisted) this.markPending(c, 1);
    }
    this.prune();
  }

  /** Count a document; `persisted`: its increments are already stored (not pending). */
  add(docTerms: Iterable<string>, persisted = false): void {
    this.docs++;
    if (!persisted) this.pendingDocs++;
    for (const t of docTerms) {
      const c = this.entry(t);
      c.df++;
      if (!persisted) this.markPending(c, 1);
    }
    this.prune();
  }

  /** Counts another writer stored (already in the store: nothing pending). */
  applyStored(docs: number, delta: Iterable<[string, number]>): void {
    this.docs += docs;
    for (const [t, n] of delta) this.entry(t).df += n;
    this.prune();
  }

  private prune(): void {
    if (this.counts.size > this.maxTerms) {
      this.prunes++;
      for (const [t, c] of this.counts) if (c.df <= 1 && c.pending === 0) this.counts.delete(t);
    }
  }

  private markPending(c: TermCount, n: number): void {
    if (c.pending === 0) this.dirty.push(c);
    c.pending += n;
  }

  /** Take the increments not yet persisted. */
  drain(): { docs: number; delta: Map<string, number> } {
    const delta = new Map<string, number>();
    for (const c of this.dirty) {
      delta.set(c.term, c.pending);
      c.pending = 0;
    }
    const out = { docs: this.pendingDocs, delta };
    this.dirty = [];
    this.pendingDocs = 0;
    return out;
  }

  /** Put drained increments back (their write was rolled back). */
  restore(drained: { docs: number; delta: Map<string, number> }): void {
    this.pendingDocs += drained.docs;
    for (const [t, n] of drained.delta) {
      const c = this.entry(t);
      if (c.df === 0) c.df = n;
      this.markPending(c, n);
    }
  }

  get pendingCount(): number {
    return this.pendingDocs;
  }
}

const PRIOR_DOCS = 20;

/**
 * Proper-name terms of a text: words written with a capital inside a sentence (not only at its
 * start). Names (people, places, organisations) are what tells one event from another.
 */
export function nameTerms(text: string): Set<string> {
  const caps = new Set<string>();
  const re = /(?<![.!?"“‘:\n]\s*)(?<=\S\s+)\p{Lu}[\p{Ll}\p{Lu}'’-]+/gu;
  for (const m of text.matchAll(re)) {
    for (const w of words(m[0])) if (w.length > 1) caps.add(stem(w));
  }
  return caps;
}

export interface ArticleTerms {
  tf: Map<string, number>;
  names: Set<string>;
  titleTerms: string[];
  /** Vocabulary ids of the terms, in tf's order (see vocabulary.ts): stats are found by id. */
  termIds?: { ids: number[]; generation: number };
  /** The table entries of its terms, set by tfidfVector (so that adding it looks nothing up again). */
  statRefs?: { table: TermStatsTable; prunes: number; entries: TermCount[] };
}

/** Terms of an article; `textWords`: the text already tokenised with words() (spares a pass). */
export function analyseTerms(title: string, text: string, textWords: readonly string[] = words(text)): ArticleTerms {
  const tf = new Map<string, number>();
  const ids: number[] = [];
  const generation = vocabularyGeneration();
  // The title counts twice: it states the event.
  addTermCounts(tf, words(title), 2, ids);
  addTermCounts(tf, textWords, 1, ids);
  const out: ArticleTerms = { tf, names: nameTerms(`${title}\n${text}`), titleTerms: [...new Set(terms(title))] };
  // The ids hold only if the vocabulary did not start over meanwhile (once in 500,000 words).
  if (generation === vocabularyGeneration() && ids.length === tf.size) out.termIds = { ids, generation };
  return out;
}

/**
 * Unit TF-IDF vector (sublinear tf, names boosted), pruned to its `keep` heaviest terms.
 * `idfPower` 2 weighs each term by IDF on both sides of the cosine (as a query-document match
 * does): terms shared by only a few articles (names, places, figures of one event) dominate,
 * topic words shared by many stories (a country, an office) count far less.
 */
export function tfidfVector(a: ArticleTerms, stats: TermStatsTable, keep: number, nameBoost: number, idfPower = 1): TermVector {
  const entries: Array<[string, number]> = [];
  const refs: TermCount[] = [];
  a.statRefs = { table: stats, prunes: stats.prunes, entries: refs };
  const ids = a.termIds;
  let i = 0;
  for (const [t, n] of a.tf) {
    const c = ids ? stats.entryById(ids.ids[i++]!, t, ids.generation) : stats.entry(t);
    refs.push(c);
    const idf = stats.idfOf(c);
    let w = (1 + Math.log(n)) * (idfPower === 1 ? idf : idf > 0 ? idf ** idfPower : 0);
    if (a.names.has(t)) w *= nameBoost;
    if (w > 0) entries.push([t, w]);
  }
  // Frozen: it is scored against many stories, and cosine keeps a packed form of frozen vectors.
  return Object.freeze(normalise(topEntries(entries, keep)));
}

/** The `keep` heaviest entries (ties: term order), in no particular order; may reorder `entries`. */
export function topEntries(entries: Array<[string, number]>, keep: number): Array<[string, number]> {
  if (entries.length <= keep) return entries;
  if (keep <= 0) return [];
  // Threshold by a numeric sort of the weights (fast), then a term-ordered pick among the ties.
  const ws = new Float64Array(entries.length);
  for (let i = 0; i < entries.length; i++) ws[i] = entries[i]![1];
  ws.sort();
  const cut = ws[entries.length - keep]!;
  const out: Array<[string, number]> = [];
  const ties: Array<[string, number]> = [];
  for (const e of entries) {
    if (e[1] > cut) out.push(e);
    else if (e[1] === cut) ties.push(e);
  }
  if (ties.length > keep - out.length) ties.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  for (let i = 0; out.length < keep; i++) out.push(ties[i]!);
  return out;
}

export function normalise(entries: Array<[string, number]>): TermVector {
  let norm = 0;
  for (const [, w] of entries) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  const v: TermVector = {};
  for (const [t, w] of entries) v[t] = w / norm;
  return v;
}

/**
 * Vectors packed for the dot product: term ids ascending with their weights, and the norm. A
 * cosine is then a merge of two short integer arrays instead of a hash lookup per term. Frozen
 * vectors (cached story centroids, article vectors) are packed once and scored many times.
 */
interface Packed {
  ids: Int32Array;
  ws: Float64Array;
  norm: number;
  generation: number;
}

const termIds = new Map<string, number>();
/** Bumped when the id table is reset (bounded memory): older packings are then rebuilt. */
let generation = 0;
const packedVectors = new WeakMap<TermVector, Packed>();

function termId(t: string): number {
  let id = termIds.get(t);
  if (id === undefined) {
    if (termIds.size >= 2_000_000) {
      termIds.clear();
      generation++;
    }
    termIds.set(t, (id = termIds.size));
  }
  return id;
}

function pack(v: TermVector): Packed {
  const frozen = Object.isFrozen(v);
  if (frozen) {
    const p = packedVectors.get(v);
    if (p && p.generation === generation) return p;
  }
  const keys = Object.keys(v);
  const gen = generation;
  const order = keys.map((t) => termId(t));
  // termId may have reset the table mid-way (once in millions of terms): pack again.
  if (gen !== generation) return pack(v);
  // Ids ascending, each with its position: id * count + position, sorted as numbers (a typed-array
  // sort, no comparator calls; ids are distinct and the products stay far below 2^53).
  const count = keys.length;
  const byId = new Float64Array(count);
  for (let i = 0; i < count; i++) byId[i] = order[i]! * count + i;
  byId.sort();
  const ids = new Int32Array(count);
  const ws = new Float64Array(count);
  let n = 0;
  for (let i = 0; i < count; i++) {
    const at = byId[i]! % count;
    ids[i] = order[at]!;
    const w = v[keys[at]!]!;
    ws[i] = w;
    n += w * w;
  }
  const p: Packed = { ids, ws, norm: Math.sqrt(n), generation };
  if (frozen) packedVectors.set(v, p);
  return p;
}

export function cosine(a: TermVector, b: TermVector): number {
  const pa = pack(a);
  const pb = pack(b);
  if (!pa.norm || !pb.norm) return 0;
  const ai = pa.ids;
  const bi = pb.ids;
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!;
    const y = bi[j]!;
    if (x === y) dot += pa.ws[i++]! * pb.ws[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot / pa.norm / pb.norm;
}

/** Centroid after adding a unit vector: the sum, pruned to its `keep` heaviest terms. */
export function addToCentroid(centroid: TermVector, v: TermVector, keep: number): TermVector {
  const sum = new Map<string, number>(Object.entries(centroid));
  for (const t in v) sum.set(t, (sum.get(t) ?? 0) + v[t]!);
  const out: TermVector = {};
  for (const [t, w] of topEntries([...sum], keep)) out[t] = w;
  return out;
}

/** The `n` heaviest terms of a vector, heaviest first. */
export function topTerms(v: TermVector, n: number): string[] {
  return topEntries(Object.entries(v), n)
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .map(([t]) => t);
}
