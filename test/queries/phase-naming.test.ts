// How a phase answer names and orders its processes, on short texts of our own (invented places):
// the place a process is about over the place its talks are held, a generic noun ("accord")
// with the kind its articles call it by, the most recently dated process first whatever the
// order of ingest, and no invented year.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractActors } from '../../src/analyze/actors.js';
import { commonKind, isGenericProcessNoun, placeRole, placeRoles, processKinds, subjectPlace } from '../../src/analyze/process-name.js';
import { isPhaseCandidates, isPhaseUnknown, phaseQuery, type ArticleSearch, type PhaseView } from '../../src/queries/index.js';
import { createPipeline, textDraft } from '../../src/pipeline.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { createSqliteArticleSearch } from '../../src/store/sqlite-article-search.js';

// Talks held in Port Halden about a ceasefire in Marrow Valley: the venue is named more often.
const VALLEY = [
  {
    url: 'https://news.example/valley-1',
    title: 'Envoys arrive in Port Halden to push phase two',
    publishedAt: '2026-06-02T08:00:00Z',
    text: 'Envoys from Tessaly and Brennholt arrived in Port Halden on Monday to prepare the second phase of the Marrow Valley ceasefire. '
      + 'The ceasefire, agreed in April 2026, has mostly held since the guns fell silent. '
      + 'Talks in Port Halden are expected to last three days, and hotel staff in Port Halden said the delegations had booked a whole floor. '
      + 'Phase two would cover the return of displaced farmers and the reopening of river crossings.',
  },
  {
    url: 'https://news.example/valley-2',
    title: 'Port Halden round stalls over river crossings',
    publishedAt: '2026-06-04T08:00:00Z',
    text: 'The Port Halden round ended without a deal on Wednesday, as negotiators headed back to Port Halden airport. '
      + 'Tessaly refused to reopen two river crossings before phase two is signed, a mediator said. '
      + 'The truce in Marrow Valley is still holding, according to monitors on the ground.',
  },
];

// A fishing dispute around Kessel Island, dated earlier (March 2026): its accord is called a truce.
const ISLAND = [
  {
    url: 'https://news.example/island-1',
    title: 'Kessel Island fishing truce reaches phase two',
    publishedAt: '2026-03-10T08:00:00Z',
    text: 'Fishing crews around Kessel Island welcomed the move to the second phase of the truce on Tuesday. '
      + 'The accord signed in February 2026 ended a winter of net-cutting raids between rival fleets. '
      + 'Under phase two, patrol boats will share a single radio channel and catches will be logged at one harbour.',
  },
  {
    url: 'https://news.example/island-2',
    title: 'Kessel Island crews test the truce',
    publishedAt: '2026-03-14T08:00:00Z',
    text: 'Two trawlers strayed across the agreed line near Kessel Island on Friday, but the truce held, harbour officials said. '
      + 'Phase two of the truce foresees joint patrols from next month.',
  },
];

// An undated report whose anchor has no year: "January 19" must stay as written.
const UNDATED = {
  url: 'https://news.example/orchard-1',
  title: 'Orchard Hills truce: phase two talks yet to begin',
  text: 'The Orchard Hills truce that took effect on January 19 has left the apple harvest untouched for the first time in years. '
    + 'Growers said phase two, meant to settle water rights, has not yet been scheduled.',
};

let dir: string;
let search: ArticleSearch;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-naming-'));
  const path = join(dir, 'n.db');
  const store = createSqliteStore(path);
  await store.init();
  const pipeline = createPipeline({ store });
  // The later-dated storyline first, the older one after it, the undated one last: arrival order
  // is the reverse of the news' own dates.
  await pipeline.ingestMany([...VALLEY, ...ISLAND, UNDATED].map((a) => ({ draft: textDraft(a) })));
  await pipeline.flush();
  await store.close();
  search = createSqliteArticleSearch(path);
}, 60_000);

afterAll(async () => {
  await search?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function phaseTwo(process?: string): Promise<PhaseView> {
  const p = await phaseQuery(search, 'phase two', process ? { process } : {});
  if (isPhaseCandidates(p) || isPhaseUnknown(p)) throw new Error(`no view: ${JSON.stringify(p)}`);
  return p;
}

describe('phase answers name a process by what it is', () => {
  it('the place the ceasefire is about, not the place its talks are held, though named less', async () => {
    const p = await phaseTwo();
    const names = [p.process, ...p.others.map((o) => o.process)];
    expect(names).toContain('Marrow Valley ceasefire of April 2026');
    for (const n of names) expect(n).not.toMatch(/Port Halden/);
  });

  it('a generic anchor noun ("accord") is preceded by the kind its articles call it by', async () => {
    const island = (await phaseTwo()).others.find((o) => /Kessel/.test(o.process));
    expect(island?.process).toBe('Kessel Island truce accord of February 2026');
  });

  it('leads with the latest-dated process whatever the order of ingest; an undated one comes last', async () => {
    const p = await phaseTwo();
    expect(p.sources.map((s) => s.title).every((t) => /Port Halden/.test(t))).toBe(true);
    expect(p.others.map((o) => o.process)).toEqual(['Kessel Island truce accord of February 2026', 'Orchard Hills truce of January 19']);
  });

  it('a date without a year keeps no year when no article of its process is dated', async () => {
    const p = await phaseTwo();
    const orchard = p.others.find((o) => /Orchard/.test(o.process))!;
    expect(orchard.process).toBe('Orchard Hills truce of January 19');
    expect(orchard.from).toBeNull();
    const picked = await phaseTwo(orchard.key);
    expect(picked.process).toBe('Orchard Hills truce of January 19');
    expect(picked.processKey).toBe(orchard.key);
  });
});

describe('process-name reading (src/analyze/process-name.ts)', () => {
  const at = (text: string, place: string) => placeRole(text, text.indexOf(place), place);

  it('tells a subject place from a venue', () => {
    expect(at('Envoys will discuss the ceasefire in Lake Orrin next week.', 'Lake Orrin')).toBe('subject');
    expect(at("Lake Orrin's fragile truce is holding.", 'Lake Orrin')).toBe('subject');
    expect(at('The Lake Orrin agreement has two phases.', 'Lake Orrin')).toBe('subject');
    expect(at('The delegation heads to Fort Amsel on Sunday.', 'Fort Amsel')).toBe('venue');
    expect(at('Talks in Fort Amsel resumed after a pause.', 'Fort Amsel')).toBe('venue');
    expect(at('The Fort Amsel round ended early.', 'Fort Amsel')).toBe('venue');
    expect(at('FORT AMSEL - Negotiators met again.', 'FORT AMSEL')).toBe('venue');
    expect(at('Rain fell on Fort Amsel overnight.', 'Fort Amsel')).toBe('plain');
  });

  it('a place named only as a venue is never the subject', () => {
    const text = 'Negotiators arrived in Fort Amsel on Monday. Talks in Fort Amsel continued on Tuesday.';
    const roles = placeRoles('Talks resume in Fort Amsel', text, extractActors(text));
    expect(roles.get('Fort Amsel')?.venue).toBeGreaterThan(0);
    expect(subjectPlace(roles)).toBeUndefined();
  });

  it('the kind: generic nouns, and the kind most articles use', () => {
    expect(isGenericProcessNoun('agreement')).toBe(true);
    expect(isGenericProcessNoun('ceasefire')).toBe(false);
    expect(isGenericProcessNoun('peace plan')).toBe(false);
    expect(processKinds('A tariff pact and a free-trade deal.').get('trade')).toBe(2);
    // One passing mention in one article of three does not rename the process.
    expect(commonKind([new Map([['trade', 1]]), new Map(), new Map()])).toBeUndefined();
    expect(commonKind([new Map([['truce', 2], ['trade', 1]]), new Map([['truce', 1]])])).toBe('truce');
  });
});
