// eval:cluster measures what users get: the set's articles are written as files and ingested
// through the `newsbrief ingest` path (dates as that path finds them); both set shapes are read.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bcubed, evaluateClustering, rowTexts } from '../../src/eval/cluster.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-evalc-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Written for this test.
const FLOOD_1 =
  'River Oder floods the old town of Opole\n\nOPOLE, June 3 (Wire) - The river Oder burst its banks in Opole on Wednesday, flooding the old town square and forcing the evacuation of three hospitals. Firefighters built sandbag walls along the embankment overnight, and the army sent amphibious vehicles to reach villages cut off by the water. The mayor said the water had risen two metres in a day.';
const FLOOD_2 =
  'Army evacuates hospitals as the Oder floods Opole. Soldiers in amphibious vehicles moved patients from three hospitals in Opole after the river Oder flooded the old town on Wednesday. Sandbag walls along the embankment held in places, firefighters said, but the water rose two metres in a single day and cut off nearby villages. Residents were told to move to higher floors';
const CHESS =
  'A 14-year-old from Chennai won the national chess championship on Sunday, becoming the youngest champion in its history after a final-round win with the black pieces. She will represent the country at the Olympiad next year, her federation said, and plans to study computer science.';

describe('eval:cluster through the ingest path', () => {
  it('reads both shapes, ingests the articles as files and reports dates found', async () => {
    const rows = [{ id: 'flood', articles: [{ text: FLOOD_1 }, { text: FLOOD_2 }] }, { id: 'chess', text: CHESS }];
    expect(rows.map(rowTexts).map((t) => t.length)).toEqual([2, 1]);
    const folder = join(dir, 'files');
    mkdirSync(folder);
    const e = await evaluateClustering(rows, folder, join(dir, 'eval.db'));
    expect(readdirSync(folder)).toEqual(['000000-000.txt', '000000-001.txt', '000001-000.txt']);
    expect(e).toMatchObject({ articles: 3, clusters: 2, stories: 2, rejected: 0, duplicates: 0, dated: 1 });
    expect(e.scores.f1).toBe(1);
  });

  it('scores the stored articles apart from all inputs: a rejected page counts as a split only in the latter', async () => {
    const rows = [{ id: 'flood', articles: [{ text: FLOOD_1 }, { text: FLOOD_2 }, { text: 'Share this\n\nPhoto' }] }, { id: 'chess', text: CHESS }];
    const folder = join(dir, 'files-junk');
    mkdirSync(folder);
    const e = await evaluateClustering(rows, folder, join(dir, 'eval-junk.db'));
    expect(e.rejected).toBe(1);
    expect(e.scores.recall).toBeLessThan(1);
    expect(e.stored).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it('B-cubed scores', () => {
    expect(bcubed(['a', 'a', 'b'], ['x', 'y', 'z'])).toMatchObject({ precision: 1 });
    expect(bcubed(['a', 'a', 'b'], ['x', 'x', 'x']).recall).toBe(1);
  });
});
