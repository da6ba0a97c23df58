// Near-copy detection: MinHash over word 3-shingles, with LSH bands so that lookup is an index probe.
// One-permutation hashing (Li et al. 2012): each shingle is hashed once and lands in one of 64 bins,
// each bin keeps its minimum; empty bins (short texts) borrow from the next filled bin (rotation
// densification, Shrivastava & Li 2014), so equal positions still estimate the Jaccard similarity.
// That is one hash per shingle instead of 64. LSH: 6 bands of 2 bins: a pair at Jaccard 0.8 shares
// a band with probability ~0.998, a pair at 0.1 with ~0.06; candidates are checked on all 64 bins.
// Few bands on purpose: every band is a row in a large index, and those inserts dominate write cost.
import { words } from '../analyze/text.js';

export const MINHASH_SIZE = 64;
const BIN_SHIFT = 26; // 32 - log2(MINHASH_SIZE)
const BANDS = 6;
const ROWS = 2;
const SHINGLE = 3;
const EMPTY = 0xffffffff;

/** murmur3 finaliser: a cheap, well-mixed 32-bit hash of a 32-bit value. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MinHash signature of a text's word shingles (all words, stopwords included: copies keep them). */
export function minhash(text: string): number[] {
  return minhashWords(words(text));
}

/** minhash of a text already tokenised with words(). */
export function minhashWords(ws: readonly string[]): number[] {
  const sig = new Array<number>(MINHASH_SIZE).fill(EMPTY);
  if (!ws.length) return sig;
  const wh = new Uint32Array(ws.length);
  for (let i = 0; i < ws.length; i++) wh[i] = fnv1a(ws[i]!);
  const n = Math.max(1, wh.length - SHINGLE + 1);
  let filled = 0;
  for (let i = 0; i < n; i++) {
    let h = 0;
    for (let j = 0; j < SHINGLE && i + j < wh.length; j++) h = mix32((h ^ wh[i + j]!) + j);
    const bin = h >>> BIN_SHIFT;
    const v = mix32(h + 0x9e3779b9);
    const old = sig[bin]!;
    if (old === EMPTY) filled++;
    if (v < old) sig[bin] = v;
  }
  if (filled < MINHASH_SIZE) densify(sig);
  return sig;
}

/** Fill each empty bin from the nearest filled bin after it (circularly), salted by the distance. */
function densify(sig: number[]): void {
  const real = sig.slice();
  for (let b = 0; b < MINHASH_SIZE; b++) {
    if (real[b] !== EMPTY) continue;
    for (let d = 1; d < MINHASH_SIZE; d++) {
      const donor = real[(b + d) % MINHASH_SIZE]!;
      if (donor !== EMPTY) {
        sig[b] = mix32(donor + d);
        break;
      }
    }
  }
}

/** LSH band keys of a signature ("band:hash"); a band's bins are spread over the signature. */
export function lshKeys(sig: number[]): string[] {
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = b + 1;
    for (let r = 0; r < ROWS; r++) h = mix32(h ^ (sig[r * BANDS * 2 + b] ?? 0)) + r;
    keys.push(`${b}:${(h >>> 0).toString(36)}`);
  }
  return keys;
}

/** Estimated Jaccard similarity of two signatures (share of equal positions). */
export function estimatedJaccard(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  if (!n) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}
