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
