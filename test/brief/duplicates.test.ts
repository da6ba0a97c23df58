// Two takeaways restating one fact: overlap is measured on all content terms and on the longer ones
// alone, so that short numbers do not hide a restatement. Invented texts only.
import { describe, expect, it } from 'vitest';
import { articleCandidates } from '../../src/brief/candidates.js';
import { isDuplicate } from '../../src/brief/select.js';

describe('isDuplicate', () => {
  it('sees a restatement whose numbers differ', () => {
    const [a, b] = articleCandidates(0, 'The singer Lena Moor confirmed in a radio interview that she married Tom Ash in 2004.\n\nShe was 22 years old and Ash was 41 when Moor married him.');
    expect(a && b).toBeTruthy();
    expect(isDuplicate(b!, [a!], 0.6)).toBe(true);
  });

  it('keeps two different facts apart', () => {
    const [a, b] = articleCandidates(0, 'The singer Lena Moor confirmed in a radio interview that she married Tom Ash in 2004.\n\nMoor releases her ninth studio album on the Harbour label next spring.');
    expect(isDuplicate(b!, [a!], 0.6)).toBe(false);
  });
});

describe('selectSentences with an MMR weight', () => {
  it('prefers a new fact to a rewording of one already picked, below the duplicate threshold', async () => {
    const { conceptWeights, selectSentences } = await import('../../src/brief/select.js');
    const a = articleCandidates(0, [
      'Rain flooded the lower valley after the Kelby dam failed on Tuesday night.',
      'The lower valley flooded on Tuesday night as the failed Kelby dam let rain through.',
      'A school in Marsden opened its hall to families.',
    ].join('\n\n'));
    const b = articleCandidates(1, [
      'The Kelby dam failed on Tuesday night and rain flooded the lower valley.',
      'Tuesday night rain through the failed Kelby dam flooded the lower valley.',
    ].join('\n\n'));
    const cands = [...a, ...b];
    const w = conceptWeights(cands, 2);
    // duplicateAt above 1: no sentence is refused as a duplicate, only weighed down by MMR.
    const base = { budgetWords: 60, hardCapWords: 60, maxCount: 2, minCount: 2, taken: [], positionWeight: 0.08, duplicateAt: 1.01 };
    const plain = selectSentences(cands, w, base).map((c) => c.text);
    const mmr = selectSentences(cands, w, { ...base, redundancyWeight: 1 }).map((c) => c.text);
    expect(plain.some((t) => /school/.test(t))).toBe(false);
    expect(mmr.some((t) => /school/.test(t))).toBe(true);
  });
});
