// Sentence selection by concept coverage (Gillick & Favre style, greedy): a concept is a stemmed
// bigram or content term; it weighs more when several articles state it. Sentences are picked for
// the weight of the concepts they add, per word, plus a position prior (news puts facts first),
// with near-duplicates of picked sentences refused.
import { containment, jaccard, type Candidate } from './candidates.js';

export interface ConceptWeights {
  bigram: Map<string, number>;
  term: Map<string, number>;
}

/** Weights from how many articles (multi-source) or sentences (single source) carry a concept. */
export function conceptWeights(cands: Candidate[], articleCount: number): ConceptWeights {
  const bigramDocs = new Map<string, Set<number>>();
  const termDocs = new Map<string, Set<number>>();
  const bigramTf = new Map<string, number>();
  const termTf = new Map<string, number>();
  for (const c of cands) {
    for (const b of c.concepts) {
      let s = bigramDocs.get(b);
      if (!s) bigramDocs.set(b, (s = new Set()));
      s.add(c.article);
      bigramTf.set(b, (bigramTf.get(b) ?? 0) + 1);
    }
    for (const t of c.terms) {
      let s = termDocs.get(t);
      if (!s) termDocs.set(t, (s = new Set()));
      s.add(c.article);
      termTf.set(t, (termTf.get(t) ?? 0) + 1);
    }
  }
  const weigh = (docs: Map<string, Set<number>>, tf: Map<string, number>) => {
    const out = new Map<string, number>();
    for (const [k, d] of docs) {
      const n = tf.get(k) ?? 1;
      // Multi-source: agreement between articles is the signal; repetition within one adds a little.
      // Single source: repetition is all there is.
      const w = articleCount > 1 ? (d.size - 1) * 1.0 + 0.15 * Math.log2(n) : 0.25 * Math.log2(n);
      if (w > 0) out.set(k, w);
    }
    return out;
  };
  return { bigram: weigh(bigramDocs, bigramTf), term: weigh(termDocs, termTf) };
}

export interface SelectOptions {
  /** Stop once this many words are picked here (and minCount reached). */
  budgetWords: number;
  /** Never pick more than this many words here. */
  hardCapWords: number;
  maxCount: number;
  minCount: number;
  /** Sentences not to pick (already used elsewhere), and to not repeat. */
  taken: Candidate[];
  /** Extra multiplier per candidate (topic bias, cue words). */
  boost?: (c: Candidate) => number;
  /** Weight of the position prior (0: none). */
  positionWeight: number;
  /** Two sentences this similar (term containment) are near-duplicates. */
  duplicateAt: number;
  /**
   * Maximal marginal relevance: a candidate's score is multiplied by 1 - this x its greatest
   * Jaccard similarity to a sentence already picked in this call (0 or absent: none).
   */
  redundancyWeight?: number;
}

export function positionPrior(position: number): number {
  return 1 / Math.sqrt(1 + position);
}

/** Greedy selection. Returns picked candidates in pick order. */
export function selectSentences(cands: Candidate[], weights: ConceptWeights, opts: SelectOptions): Candidate[] {
  const coveredB = new Set<string>();
  const coveredT = new Set<string>();
  for (const t of opts.taken) {
    for (const b of t.concepts) coveredB.add(b);
    for (const x of t.terms) coveredT.add(x);
  }
  const picked: Candidate[] = [];
  const used = new Set<Candidate>(opts.taken);
  let total = 0;
  const maxWeight = Math.max(1e-9, ...cands.map((c) => gainOf(c, weights, new Set(), new Set())));
  while (picked.length < opts.maxCount) {
    if (total >= opts.budgetWords && picked.length >= opts.minCount) break;
    let best: Candidate | undefined;
    let bestScore = -Infinity;
    for (const c of cands) {
      if (used.has(c)) continue;
      if (total + c.length > opts.hardCapWords) continue;
      // Past the minimum count, a sentence must not overshoot the budget by much.
      if (picked.length >= opts.minCount && total + c.length > opts.budgetWords * 1.2) continue;
      if (isDuplicate(c, picked, opts.duplicateAt) || isDuplicate(c, opts.taken, opts.duplicateAt)) continue;
      const gain = gainOf(c, weights, coveredB, coveredT) / maxWeight;
      // MMR: a sentence close to one already picked here adds less, short of being a duplicate.
      let sim = 0;
      if (opts.redundancyWeight) for (const p of picked) sim = Math.max(sim, jaccard(c.terms, p.terms));
      const density = gain / Math.pow(Math.max(c.length, 10), 0.5);
      const score =
        (density + opts.positionWeight * positionPrior(c.position)) * Math.sqrt(c.quality) * (opts.boost ? opts.boost(c) : 1) * (1 - (opts.redundancyWeight ?? 0) * sim);
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    if (!best) break;
    picked.push(best);
    used.add(best);
    total += best.length;
    for (const b of best.concepts) coveredB.add(b);
    for (const x of best.terms) coveredT.add(x);
  }
  return picked;
}

function gainOf(c: Candidate, w: ConceptWeights, coveredB: Set<string>, coveredT: Set<string>): number {
  let g = 0;
  for (const b of c.concepts) if (!coveredB.has(b)) g += w.bigram.get(b) ?? 0;
  for (const t of c.terms) if (!coveredT.has(t)) g += 0.5 * (w.term.get(t) ?? 0);
  return g;
}

export function isDuplicate(c: Candidate, others: Candidate[], threshold: number): boolean {
  // On all content terms, or on the longer ones alone: "He was 24 and she was 33 when they dated"
  // restates "X dated Y in 1991" though its numbers differ.
  for (const o of others) if (o !== c && (containment(c.terms, o.terms) >= threshold || (c.core.size >= 3 && containment(c.core, o.core) >= threshold))) return true;
  return false;
}

/** The concept weight a candidate adds to what the given sentences already cover. */
export function addedWeight(c: Candidate, weights: ConceptWeights, covered: readonly Candidate[]): number {
  const b = new Set<string>();
  const t = new Set<string>();
  for (const x of covered) {
    for (const k of x.concepts) b.add(k);
    for (const k of x.terms) t.add(k);
  }
  return gainOf(c, weights, b, t);
}
