import { afterAll, describe, expect, it } from 'vitest';
import { termOf, words } from '../../src/analyze/text.js';
import { addTermCounts, setVocabularyLimit, vocabularySize } from '../../src/analyze/vocabulary.js';

/** The plain way: one termOf per word, counted in a Map. */
function expected(ws: readonly string[], weight = 1, into = new Map<string, number>()): Map<string, number> {
  for (const w of ws) {
    const t = termOf(w);
    if (t) into.set(t, (into.get(t) ?? 0) + weight);
  }
  return into;
}

const TEXT = `The negotiators met again in Cairo on Wednesday. Négociateurs, "ceasefire" talks: the ceasefire's
second phase stalled — again — over disarmament; 20 hostages, 1,968 prisoners. Ünïcödé wörds, 東京 and ثلاثة.
I a x 7 the THE The.`;

describe('vocabulary term counts', () => {
  afterAll(() => setVocabularyLimit(500_000));

  it('counts the same terms as termOf word by word, in first-seen order', () => {
    const ws = words(TEXT);
    const got = addTermCounts(new Map(), ws);
    expect([...got]).toEqual([...expected(ws)]);
    expect(got.get('ceasefir')).toBe(2);
    expect(got.has('the')).toBe(false);
  });

  it('adds weighted counts to a map that already holds some', () => {
    const title = words('Ceasefire talks stall in Cairo');
    const text = words(TEXT);
    const got = addTermCounts(addTermCounts(new Map(), title, 2), text);
    expect([...got]).toEqual([...expected(text, 1, expected(title, 2))]);
  });

  it('gives an empty map for text without content terms', () => {
    expect(addTermCounts(new Map(), words('the a of and I x')).size).toBe(0);
    expect(addTermCounts(new Map(), []).size).toBe(0);
  });

  it('stays right when the table fills and starts over, even in the middle of a text', () => {
    setVocabularyLimit(1000);
    const before = vocabularySize().restarts;
    const many = Array.from({ length: 2500 }, (_, i) => `word${i.toString(36)}x`);
    for (let i = 0; i < many.length; i += 700) {
      const chunk = many.slice(i, i + 700).concat(words(TEXT));
      expect([...addTermCounts(new Map(), chunk)]).toEqual([...expected(chunk)]);
    }
    expect(vocabularySize().restarts).toBeGreaterThan(before);
    expect(vocabularySize().words).toBeLessThanOrEqual(1000);
    // One text with more distinct words than the table holds is still counted in full.
    const huge = Array.from({ length: 3000 }, (_, i) => `big${i}`);
    const got = addTermCounts(new Map(), huge);
    expect(got.size).toBe(3000);
    expect([...got]).toEqual([...expected(huge)]);
  });
});
