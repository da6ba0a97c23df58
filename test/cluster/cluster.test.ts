import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER_OPTIONS, gapDays, scoreStory } from '../../src/cluster/clusterer.js';
import { estimatedJaccard, lshKeys, minhash } from '../../src/cluster/minhash.js';
import { addToCentroid, analyseTerms, cosine, nameTerms, TermStatsTable, tfidfVector } from '../../src/cluster/vector.js';
import { bcubed } from '../../src/eval/cluster.js';
import { createPipeline, textDraft } from '../../src/pipeline.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import type { ClusterOptions } from '../../src/cluster/clusterer.js';

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

// Made up for these tests: two outlets' reports of one ferry accident that share its names (the
// boat, the skipper, the operator, the place) in otherwise different words, and a bus crash the
// next day that shares only the vocabulary of accidents (police, hospital, helicopter, rescue).
const FERRY_A = [
  'A passenger ferry carrying 43 people capsized off Motuoapa on Saturday afternoon after a sudden squall, and two passengers are still missing, police said.',
  'The vessel, the Kererū Star, had left the marina shortly after 2 p.m. for a sightseeing trip to the rock carvings at Mine Bay.',
  'Coastguard volunteers and a rescue helicopter pulled 41 people from the cold water within an hour; eleven were taken to Taupō Hospital with hypothermia.',
  'Skipper Aroha Tanirau told reporters the wind had swung round without warning and a wave had flooded the stern.',
  'Maritime New Zealand has opened an investigation and the operator, Tūrangi Cruises, has suspended all sailings.',
].join('\n\n');
const FERRY_B = [
  'Survivors of the Kererū Star described frantic minutes clinging to lifejackets and upturned seats, and survivors on the shore hugged relatives as dusk fell.',
  'Divers searched the wreck until dark; divers will return at first light, and the survivors have been offered counselling.',
  'Tanirau, who has captained boats for nineteen years, said the forecast that morning showed nothing alarming.',
  'Tūrangi Cruises said it was cooperating with Maritime New Zealand inspectors, who boarded its two remaining boats, while Coastguard crews kept watch off Motuoapa.',
].join('\n\n');
const BUS = [
  'A tour bus overturned on a gravel road near Ōhakune on Sunday, injuring nine of the tourists on board, two of them seriously.',
  'Paramedics treated walkers from a nearby track who had stopped to help before ambulances arrived; a helicopter flew the two worst hurt to Waikato.',
  'Police said the injured people were taken to hospital and that a rescue crew had cut one passenger free.',
  'The driver, a local man, was breath-tested at the scene; investigators will examine the brakes and the camber of the bend.',
].join('\n\n');

/** Story ids of the texts ingested in order, undated (as files are), into a fresh store. */
async function storiesOf(texts: string[], cluster: Partial<ClusterOptions> = {}): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-cluster-'));
  const store = createSqliteStore(join(dir, 'news.db'));
  try {
    await store.init();
    const pipeline = createPipeline({ store, cluster });
    const ids: number[] = [];
    for (const [i, text] of texts.entries()) {
      const o = await pipeline.ingest(textDraft({ url: `https://outlet${i}.example/story`, title: '', text }));
      if (o.status !== 'added') throw new Error(`not added: ${o.status}`);
      ids.push(o.storyId);
    }
    return ids;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the second event query (terms the archive has seen)', () => {
  it('joins a second report of one event in a young archive, whose rarest terms no story holds', async () => {
    const [a, b] = await storiesOf([FERRY_A, FERRY_B]);
    expect(b).toBe(a);
    // The first query alone (its terms: the second report's own unseen words) finds no story.
    const [a1, b1] = await storiesOf([FERRY_A, FERRY_B], { seenQueryMinSimilarity: Infinity });
    expect(b1).not.toBe(a1);
  });

  it('keeps apart a different event that arrives next and shares only common words', async () => {
    const [a, b, c] = await storiesOf([FERRY_A, FERRY_B, BUS]);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    // Arrival order alone would have taken it: the similarity floor is what keeps it out.
    const [a0, , c0] = await storiesOf([FERRY_A, FERRY_B, BUS], { seenQueryMinSimilarity: 0 });
    expect(c0).toBe(a0);
  });
});
