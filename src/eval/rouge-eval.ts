// A small built-in ROUGE scorer (ROUGE-1, ROUGE-2, ROUGE-Lsum F1, macro-averaged x100), used by
// the eval script when no rouge.mjs scorer is given or found beside the data. Conventions follow rouge-score:
// lowercase, runs of non-[a-z0-9] split tokens, Porter stem for tokens longer than 3 characters.
// Figures can differ slightly from rouge.mjs (which uses NLTK's Porter variant).
import { stemmer } from 'stemmer';

export interface RougeScores {
  rouge1: number;
  rouge2: number;
  rougeLsum: number;
}

export function rougeTokens(text: string): string[] {
  const raw = text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  if (!raw) return [];
  return raw.split(' ').map((t) => (t.length > 3 ? stemmer(t) : t));
}

function f1(overlap: number, hypCount: number, refCount: number): number {
  const p = overlap / Math.max(hypCount, 1);
  const r = overlap / Math.max(refCount, 1);
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

function ngramCounts(tokens: string[], n: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const k = tokens.slice(i, i + n).join(' ');
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

function rougeN(ref: string[], hyp: string[], n: number): number {
  const r = ngramCounts(ref, n);
  const h = ngramCounts(hyp, n);
  let overlap = 0;
  let rc = 0;
  let hc = 0;
  for (const [k, v] of r) {
    rc += v;
    overlap += Math.min(v, h.get(k) ?? 0);
  }
  for (const v of h.values()) hc += v;
  return f1(overlap, hc, rc);
}

/** Indices in `ref` of one longest common subsequence with `hyp`. */
function lcsIndices(ref: string[], hyp: string[]): number[] {
  const rows = ref.length;
  const cols = hyp.length;
  const t: Uint32Array[] = [];
  for (let i = 0; i <= rows; i++) t.push(new Uint32Array(cols + 1));
  for (let i = 1; i <= rows; i++) {
    for (let j = 1; j <= cols; j++) {
      t[i]![j] = ref[i - 1] === hyp[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
    }
  }
  const out: number[] = [];
  let i = rows;
  let j = cols;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === hyp[j - 1]) {
      out.push(i - 1);
      i--;
      j--;
    } else if (t[i]![j - 1]! > t[i - 1]![j]!) j--;
    else i--;
  }
  return out.reverse();
}

/** Summary-level LCS (union LCS per reference sentence, each token counted at most once). */
function rougeLsum(refSents: string[][], hypSents: string[][]): number {
  const m = refSents.reduce((a, s) => a + s.length, 0);
  const n = hypSents.reduce((a, s) => a + s.length, 0);
  if (!m || !n) return 0;
  const refLeft = new Map<string, number>();
  const hypLeft = new Map<string, number>();
  for (const s of refSents) for (const t of s) refLeft.set(t, (refLeft.get(t) ?? 0) + 1);
  for (const s of hypSents) for (const t of s) hypLeft.set(t, (hypLeft.get(t) ?? 0) + 1);
  let hits = 0;
  for (const r of refSents) {
    const union = new Set<number>();
    for (const h of hypSents) for (const idx of lcsIndices(r, h)) union.add(idx);
    for (const idx of [...union].sort((a, b) => a - b)) {
      const tok = r[idx]!;
      if ((hypLeft.get(tok) ?? 0) > 0 && (refLeft.get(tok) ?? 0) > 0) {
        hits++;
        hypLeft.set(tok, hypLeft.get(tok)! - 1);
        refLeft.set(tok, refLeft.get(tok)! - 1);
      }
    }
  }
  return f1(hits, n, m);
}

/** Scores of one hypothesis against one reference, both given as sentence lists. */
export function scorePair(reference: string[], hypothesis: string[]): RougeScores {
  const rs = reference.map(rougeTokens).filter((s) => s.length);
  const hs = hypothesis.map(rougeTokens).filter((s) => s.length);
  const r = rs.flat();
  const h = hs.flat();
  return { rouge1: rougeN(r, h, 1), rouge2: rougeN(r, h, 2), rougeLsum: rougeLsum(rs, hs) };
}

/** Mean F1 x100 over pairs. */
export function scoreCorpus(pairs: Array<{ reference: string[]; hypothesis: string[] }>): RougeScores {
  const sum = { rouge1: 0, rouge2: 0, rougeLsum: 0 };
  for (const p of pairs) {
    const s = scorePair(p.reference, p.hypothesis);
    sum.rouge1 += s.rouge1;
    sum.rouge2 += s.rouge2;
    sum.rougeLsum += s.rougeLsum;
  }
  const n = Math.max(pairs.length, 1);
  const r2 = (x: number) => Math.round((10000 * x) / n) / 100;
  return { rouge1: r2(sum.rouge1), rouge2: r2(sum.rouge2), rougeLsum: r2(sum.rougeLsum) };
}
