import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER_OPTIONS, gapDays, scoreStory } from '../../src/cluster/clusterer.js';
import { estimatedJaccard, lshKeys, minhash } from '../../src/cluster/minhash.js';
import { addToCentroid, analyseTerms, cosine, nameTerms, TermStatsTable, tfidfVector } from '../../src/cluster/vector.js';
import { bcubed } from '../../src/eval/cluster.js';

const TEXT =
  'Dock workers at the port of Rotterdam ended a nine-day strike on Tuesday after union leaders accepted a pay offer. ' +
  'Container ships that had queued in the North Sea began berthing within hours, and cranes were running by evening. ' +
  'The union said its members voted in favour of the deal, which also limits night shifts for crane operators.';

describe('minhash', () => {
  it('rates a lightly edited copy near 1 and an unrelated text near 0, sharing LSH keys only with the copy', () => {
    const a = minhash(TEXT);
    const copy = minhash(TEXT.replace('on Tuesday', 'on Tuesday evening'));
    const other = minhash('Iceland evacuated the fishing town of Grindavik overnight after a new fissure opened and lava fountains rose high.');
    expect(estimatedJaccard(a, copy)).toBeGreaterThan(0.75);
    expect(estimatedJaccard(a, other)).toBeLessThan(0.2);
    const keys = new Set(lshKeys(a));
    expect(lshKeys(copy).some((k) => keys.has(k))).toBe(true);
    expect(lshKeys(other).some((k) => keys.has(k))).toBe(false);
  });
});

describe('vectors', () => {
  it('finds proper names written inside sentences', () => {
    const names = nameTerms('The strike ended. Union leaders in Rotterdam met Deltalinqs on Tuesday.');
    expect(names.has('rotterdam')).toBe(true);
    expect(names.has('deltalinq')).toBe(true);
    expect(names.has('union')).toBe(false); // only capitalised at the start of a sentence
  });

  it('scores related texts above unrelated ones and keeps centroids bounded', () => {
    const stats = new TermStatsTable();
    const v1 = tfidfVector(analyseTerms('Rotterdam strike ends', TEXT), stats, 100, 1.5);
    const v2 = tfidfVector(analyseTerms('Dockers back at work', 'Rotterdam dock workers ended their strike after a pay offer; cranes run again.'), stats, 100, 1.5);
    const v3 = tfidfVector(analyseTerms('Lava in Iceland', 'Lava fountains rose over Grindavik in Iceland.'), stats, 100, 1.5);
    expect(cosine(v1, v2)).toBeGreaterThan(cosine(v1, v3));
    expect(Object.keys(addToCentroid(v1, v2, 10))).toHaveLength(10);
  });

  it('without dates, favours the story that took the last few articles over a stale one', () => {
    const profile = (lastArticleId: number) => ({ storyId: 1, headline: 'x', headlineScore: 1, centroid: { strike: 1 }, titleTerms: [], articleCount: 2, lastArticleId });
    const article = { vector: { strike: 0.3, port: 0.95 }, titleTerms: [], seq: 101 };
    const fresh = scoreStory(article, profile(100), DEFAULT_CLUSTER_OPTIONS);
    const stale = scoreStory(article, profile(10), DEFAULT_CLUSTER_OPTIONS);
    // Content similarity 0.3: enough for the story that just took an article, not for a stale one.
    expect(fresh).toBeGreaterThanOrEqual(DEFAULT_CLUSTER_OPTIONS.joinThreshold);
    expect(stale).toBeLessThan(DEFAULT_CLUSTER_OPTIONS.joinThreshold);
    // A dated story is not boosted by arrival order for an undated article.
    expect(scoreStory(article, { ...profile(100), eventFrom: 0, eventTo: 1 }, DEFAULT_CLUSTER_OPTIONS)).toBeLessThan(fresh);
  });

  it('keeps a dated article out of a story dated weeks away', () => {
    const day = 86_400_000;
    const profile = { storyId: 1, headline: 'x', headlineScore: 1, centroid: { strike: 1 }, titleTerms: [], articleCount: 1, lastArticleId: 1, eventFrom: 0, eventTo: day };
    expect(scoreStory({ vector: { strike: 1 }, titleTerms: [], date: day * 2 }, profile, DEFAULT_CLUSTER_OPTIONS)).toBeGreaterThan(1);
    expect(scoreStory({ vector: { strike: 1 }, titleTerms: [], date: day * 30 }, profile, DEFAULT_CLUSTER_OPTIONS)).toBe(-1);
    expect(gapDays(day * 30, 0, day)).toBe(29);
  });
});

describe('b-cubed', () => {
  it('is 1 for a perfect clustering and lower when clusters are split or merged', () => {
    expect(bcubed(['a', 'a', 'b'], ['x', 'x', 'y']).f1).toBe(1);
    const split = bcubed(['a', 'a', 'b'], ['x', 'y', 'z']);
    expect(split.precision).toBe(1);
    expect(split.recall).toBeCloseTo(2 / 3);
    expect(bcubed(['a', 'a', 'b'], ['x', 'x', 'x']).recall).toBe(1);
  });
});
