// Near-copy detection: MinHash over word 3-shingles, with LSH bands so that lookup is an index probe.
// 64 hashes; the first 48 form 12 LSH bands of 4 rows: a pair with Jaccard 0.8 shares a band with
// probability ~0.998, a pair at 0.3 with ~0.09; candidates are then checked on all 64 hashes.
import { words } from '../analyze/text.js';

export const MINHASH_SIZE = 64;
const BANDS = 12;
const ROWS = 4;
const SHINGLE = 3;

/** murmur3 finaliser: a cheap, well-mixed 32-bit hash of a 32-bit value. */
function mix32(h: number): number {
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

const SEEDS = Array.from({ length: MINHASH_SIZE }, (_, i) => mix32(0x9e3779b9 + i * 0x632be5ab));

/** MinHash signature of a text's word shingles (all words, stopwords included: copies keep them). */
export function minhash(text: string): number[] {
  const ws = words(text);
  const sig = new Array<number>(MINHASH_SIZE).fill(0xffffffff);
  if (!ws.length) return sig;
  const wh = ws.map(fnv1a);
  const n = Math.max(1, wh.length - SHINGLE + 1);
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    let h = 0;
    for (let j = 0; j < SHINGLE && i + j < wh.length; j++) h = mix32((h ^ wh[i + j]!) + j);
    if (seen.has(h)) continue;
    seen.add(h);
    for (let k = 0; k < MINHASH_SIZE; k++) {
      const v = mix32(h ^ SEEDS[k]!);
      if (v < sig[k]!) sig[k] = v;
    }
  }
  return sig;
}

/** LSH band keys of a signature ("band:hash"). */
export function lshKeys(sig: number[]): string[] {
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = b + 1;
    for (let r = 0; r < ROWS; r++) h = mix32(h ^ (sig[b * ROWS + r] ?? 0)) + r;
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
