// Sparse TF-IDF vectors and the incremental document-frequency table behind the IDF.
import { stem, terms, words } from '../analyze/text.js';
import type { TermVector } from '../store/store.js';

/**
 * Document frequencies kept in memory and updated per article; the pipeline persists the pending
 * increments with the article's own write. Bounded: past `maxTerms`, terms seen once are dropped
 * (they get the IDF of an unseen term, which is what they nearly are).
 */
export class TermStatsTable {
  docs: number;
  private readonly df: Map<string, number>;
  private pending = new Map<string, number>();
  private pendingDocs = 0;

  constructor(docs = 0, df = new Map<string, number>(), private readonly maxTerms = 400_000) {
    this.docs = docs;
    this.df = df;
  }

  /**
   * IDF with a prior: an archive of a few documents has no real statistics yet, so we behave as
   * though PRIOR_DOCS unseen documents came first (rare terms weigh more from the start).
   */
  idf(term: string): number {
    const PRIOR_DOCS = 20;
    return Math.log((this.docs + PRIOR_DOCS + 1) / ((this.df.get(term) ?? 0) + 1));
  }

  /** Count a document; `persisted`: its increments are already stored (not pending). */
  add(docTerms: Iterable<string>, persisted = false): void {
    this.docs++;
    if (!persisted) this.pendingDocs++;
    for (const t of docTerms) {
      this.df.set(t, (this.df.get(t) ?? 0) + 1);
      if (!persisted) this.pending.set(t, (this.pending.get(t) ?? 0) + 1);
    }
    if (this.df.size > this.maxTerms) {
      for (const [t, n] of this.df) if (n <= 1) this.df.delete(t);
    }
  }

  /** Take the increments not yet persisted. */
  drain(): { docs: number; delta: Map<string, number> } {
    const out = { docs: this.pendingDocs, delta: this.pending };
    this.pending = new Map();
    this.pendingDocs = 0;
    return out;
  }

  /** Put drained increments back (their write was rolled back). */
  restore(drained: { docs: number; delta: Map<string, number> }): void {
    this.pendingDocs += drained.docs;
    for (const [t, n] of drained.delta) this.pending.set(t, (this.pending.get(t) ?? 0) + n);
  }

  get pendingCount(): number {
    return this.pendingDocs;
  }
}

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
}

export function analyseTerms(title: string, text: string): ArticleTerms {
  const tf = new Map<string, number>();
  // The title counts twice: it states the event.
  for (const t of terms(title)) tf.set(t, (tf.get(t) ?? 0) + 2);
  for (const t of terms(text)) tf.set(t, (tf.get(t) ?? 0) + 1);
  return { tf, names: nameTerms(`${title}\n${text}`), titleTerms: [...new Set(terms(title))] };
}

/**
 * Unit TF-IDF vector (sublinear tf, names boosted), pruned to its `keep` heaviest terms.
 * `idfPower` 2 weighs each term by IDF on both sides of the cosine (as a query-document match
 * does): terms shared by only a few articles (names, places, figures of one event) dominate,
 * topic words shared by many stories (a country, an office) count far less.
 */
export function tfidfVector(a: ArticleTerms, stats: TermStatsTable, keep: number, nameBoost: number, idfPower = 1): TermVector {
  const entries: Array<[string, number]> = [];
  for (const [t, n] of a.tf) {
    const idf = stats.idf(t);
    let w = (1 + Math.log(n)) * (idfPower === 1 ? idf : idf > 0 ? idf ** idfPower : 0);
    if (a.names.has(t)) w *= nameBoost;
    if (w > 0) entries.push([t, w]);
  }
  return normalise(topEntries(entries, keep));
}

export function topEntries(entries: Array<[string, number]>, keep: number): Array<[string, number]> {
  if (entries.length > keep) {
    entries.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    entries.length = keep;
  }
  return entries;
}

export function normalise(entries: Array<[string, number]>): TermVector {
  let norm = 0;
  for (const [, w] of entries) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  const v: TermVector = {};
  for (const [t, w] of entries) v[t] = w / norm;
  return v;
}

export function cosine(a: TermVector, b: TermVector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const t in a) {
    const w = a[t]!;
    na += w * w;
    const o = b[t];
    if (o !== undefined) dot += w * o;
  }
  for (const t in b) nb += b[t]! * b[t]!;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
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
  return topEntries(Object.entries(v), n).map(([t]) => t);
}
