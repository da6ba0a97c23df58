// Copies of one event with and without dates: an archive-dated copy (published years before it
// arrives) and undated copies must land in one story, while dates still keep events apart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IngestOutcome } from '../../src/domain/types.js';
import { createPipeline, textDraft, type Pipeline } from '../../src/pipeline.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';

// Written for this test: two accounts of one event (a bridge collapse), and an unrelated one.
const BRIDGE_A = [
  'A road bridge over the Vistula near the town of Sandomierz collapsed early on Sunday after days of heavy rain swelled the river.',
  'Police said two cars fell into the water and their four occupants were rescued by fire crews using boats.',
  'The regional governor said the bridge, built in 1964, had been due for repairs next year and that inspectors had flagged cracks in its piers.',
  'Traffic between Sandomierz and Tarnobrzeg is being diverted over a bridge forty kilometres downstream.',
].join('\n\n');
const BRIDGE_B = [
  'Rescuers pulled four people from the Vistula after a bridge at Sandomierz gave way under flood water on Sunday morning, police said.',
  'The 1964 bridge had cracks in its piers that inspectors reported last year, the regional governor told reporters, and repairs were planned.',
  'Drivers heading to Tarnobrzeg must now take a detour of forty kilometres downstream while engineers assess the remains.',
].join('\n\n');
const ORCHESTRA = [
  'The Bergen Philharmonic named a new chief conductor on Friday, a 38-year-old Finnish violinist who will take up the post in 2028.',
  'The orchestra, one of the oldest in the world, said the appointment followed two years of guest concerts and a vote by its musicians.',
  'She will lead twelve weeks of concerts a season and a tour of Japan planned for her first year.',
].join('\n\n');

let dir: string;
let store: Store;
let pipeline: Pipeline;
const NOW = new Date('2026-06-07T12:00:00Z');

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-mixed-'));
  store = createSqliteStore(join(dir, 'news.db'));
  await store.init();
  pipeline = createPipeline({ store, now: () => NOW });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const storyOf = (o: IngestOutcome): number => {
  if (o.status !== 'added') throw new Error(`not added: ${o.status}`);
  return o.storyId;
};

describe('dated and undated copies of one event', () => {
  it('an archive-dated copy joins the story its undated copy started at arrival', async () => {
    const undated = storyOf(await pipeline.ingest(textDraft({ url: 'https://a.example/bridge', title: 'Bridge collapses into the Vistula at Sandomierz', text: BRIDGE_A })));
    const archived = storyOf(
      await pipeline.ingest(textDraft({ url: 'https://b.example/bridge', title: 'Four rescued as Sandomierz bridge falls into the Vistula', text: BRIDGE_B, publishedAt: '2015-09-13T08:00:00Z' })),
    );
    expect(archived).toBe(undated);
  });

  it('an undated copy arriving right after a dated one joins its story', async () => {
    const dated = storyOf(
      await pipeline.ingest(textDraft({ url: 'https://a.example/bridge', title: 'Bridge collapses into the Vistula at Sandomierz', text: BRIDGE_A, publishedAt: '2026-06-07T07:00:00Z' })),
    );
    const undated = storyOf(await pipeline.ingest(textDraft({ url: 'https://b.example/bridge', title: 'Four rescued as Sandomierz bridge falls into the Vistula', text: BRIDGE_B })));
    expect(undated).toBe(dated);
  });

  it('unrelated articles stay apart whatever their dates', async () => {
    const bridge = storyOf(await pipeline.ingest(textDraft({ url: 'https://a.example/bridge', title: 'Bridge collapses into the Vistula at Sandomierz', text: BRIDGE_A, publishedAt: '2015-09-13T08:00:00Z' })));
    const music = storyOf(await pipeline.ingest(textDraft({ url: 'https://c.example/orchestra', title: 'Bergen Philharmonic names a new chief conductor', text: ORCHESTRA })));
    expect(music).not.toBe(bridge);
  });
});
