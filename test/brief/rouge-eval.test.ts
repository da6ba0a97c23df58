import { describe, expect, it } from 'vitest';
import { scoreCorpus, scorePair, rougeTokens } from '../../src/eval/rouge-eval.js';

describe('built-in ROUGE scorer', () => {
  it('tokenises like rouge-score: lowercase, [a-z0-9] runs, stems tokens over 3 characters', () => {
    expect(rougeTokens('The Dogs, running!')).toEqual(['the', 'dog', 'run']);
  });

  it('reproduces the rouge-score README example for ROUGE-1', () => {
    const s = scorePair(['The quick brown fox jumps over the lazy dog'], ['The quick brown dog jumps on the log.']);
    const p = 6 / 8;
    const r = 6 / 9;
    expect(s.rouge1).toBeCloseTo((2 * p * r) / (p + r), 6);
  });

  it('scores identical summaries 100 and unrelated ones 0, macro-averaged', () => {
    const same = scoreCorpus([{ reference: ['Rain fell on the town.'], hypothesis: ['Rain fell on the town.'] }]);
    expect(same).toEqual({ rouge1: 100, rouge2: 100, rougeLsum: 100 });
    const mixed = scoreCorpus([
      { reference: ['a b c d'], hypothesis: ['a b c d'] },
      { reference: ['a b c d'], hypothesis: ['x y z'] },
    ]);
    expect(mixed.rouge1).toBe(50);
  });

  it('computes summary-level LCS over sentences (Lin 2004 example)', () => {
    // reference w1..w5; candidate sentences share w1 w2 and w1 w3 w5: union LCS hits 4 of 5.
    const s = scorePair(['w1 w2 w3 w4 w5'], ['w1 w2 w6 w7 w8', 'w1 w3 w8 w9 w5']);
    const p = 4 / 10;
    const r = 4 / 5;
    expect(s.rougeLsum).toBeCloseTo((2 * p * r) / (p + r), 6);
  });
});
