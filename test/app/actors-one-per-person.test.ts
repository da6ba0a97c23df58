// One actor per person through the CLI (issue 9 item 3), on made-up articles of the project's own
// (test/fixtures/namesakes: a dock strike in two articles, a fashion piece whose title alone names
// its designer in full) stored with the summit storyline: a surname alone is never a second actor
// in a briefing, even a one-article one; a common short form of a given name (Bob/Robert,
// Tom/Thomas) does not split a person, two people of one surname stay two; `actors PREFIX
// --storyline ID` (or `--story ID`) offers only that storyline's names, best first.
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliStore, type CliStore } from '../support/cli-store.js';

const root = resolve(import.meta.dirname, '../..');
const fixtures = join(root, 'test', 'fixtures');
let store: CliStore;
const cli = (args: string[]): Promise<string> => store.cli(args);
const lines = async (args: string[]): Promise<string[]> => (await cli(args)).split('\n').filter(Boolean);
const actorsLine = (md: string): string[] => (/\*\*Actors:\*\* (.*)/.exec(md)?.[1] ?? '').split(' · ').map((n) => n.replace(/ \(.*\)$/, ''));

/** Story id -> storyline id, and each story's headline, as stored. */
let stories: Array<{ id: number; storyline: number; headline: string }> = [];
const storyOf = (re: RegExp) => stories.find((s) => re.test(s.headline))!;

describe('one actor per person, and the names of one storyline', () => {
  beforeAll(async () => {
    store = cliStore('namesakes');
    await cli(['ingest', join(fixtures, 'namesakes', 'harbour'), join(fixtures, 'namesakes', 'fashion'), join(fixtures, 'summit')]);
    const db = new Database(store.db, { readonly: true });
    stories = db.prepare('SELECT id, storyline_id AS storyline, headline FROM stories').all() as typeof stories;
    db.close();
  }, 60_000);
  afterAll(() => store.remove());

  it('the fixtures make three storylines: the strike, the fashion piece, the summit', () => {
    const lines = new Set([storyOf(/Dockers strike/).storyline, storyOf(/Vardalo/).storyline, storyOf(/Climate summit opens/).storyline]);
    expect(lines.size).toBe(3);
    expect(storyOf(/Summit closes/).storyline).toBe(storyOf(/Climate summit opens/).storyline);
  });

  it('a one-article briefing whose title alone names the person in full lists the full name only', async () => {
    expect(actorsLine(await cli(['brief', '--story', String(storyOf(/Vardalo/).id)]))).toEqual(['Ines Vardalo']);
  });

  it('a one-article briefing naming people by surname alone lists the full names its storyline gives', async () => {
    // The closing article says "Wang said", "Hart told the BBC": Wang Yi and Will Hart in the other articles.
    const names = actorsLine(await cli(['brief', '--story', String(storyOf(/Summit closes/).id)]));
    expect(names).toEqual(expect.arrayContaining(['Wang Yi', 'Will Hart', 'Mark Carney']));
    for (const n of ['Wang', 'Hart', 'Ruto', 'Carney', 'Ban']) expect(names, n).not.toContain(n);
  });

  it('a briefing: an occupation is the role, Bob/Robert and Tom/Thomas are one each, two of one surname are two', async () => {
    const names = actorsLine(await cli(['brief', '--story', String(storyOf(/Dockers strike/).id)]));
    expect(names).toContain('Joel Marsh');
    expect(names.filter((n) => /Lindqvist/.test(n))).toEqual(['Robert Lindqvist']);
    expect(names.filter((n) => /Varga/.test(n))).toEqual(['Thomas Varga']);
    for (const n of names) expect(n).not.toMatch(/^(?:Shipowner|Lindqvist|Varga|Marsh)\b/);
  });

  it('actors: one name per person across the store, never the surname alone or the other form', async () => {
    const all = await lines(['actors']);
    expect(all).toEqual(expect.arrayContaining(['Robert Lindqvist', 'Thomas Varga', 'Joel Marsh', 'Ada Marsh', 'Ines Vardalo', 'Wang Yi']));
    for (const n of ['Bob Lindqvist', 'Tom Varga', 'Lindqvist', 'Varga', 'Vardalo', 'Marsh', 'Shipowner Joel Marsh']) expect(all, n).not.toContain(n);
  });

  it('actor: the surname and either form of the given name find the one person; a surname two people share finds neither', async () => {
    for (const [typed, full] of [['Lindqvist', 'Robert Lindqvist'], ['Bob Lindqvist', 'Robert Lindqvist'], ['Tom Varga', 'Thomas Varga'], ['Vardalo', 'Ines Vardalo']]) {
      const a = JSON.parse(await cli(['actor', typed!, '--json'])) as { name: string; nothingKnown?: true };
      expect(a.nothingKnown, typed).toBeUndefined();
      expect(a.name, typed).toBe(full);
    }
    const marsh = JSON.parse(await cli(['actor', 'Marsh', '--json'])) as { nothingKnown?: true; suggestions: string[] };
    expect(marsh.nothingKnown).toBe(true);
    expect(marsh.suggestions).toEqual(expect.arrayContaining(['Joel Marsh', 'Ada Marsh']));
  });

  it('actors PREFIX --storyline ID offers only that storyline\'s names, best first; --story ID one story\'s', async () => {
    const strike = storyOf(/Dockers strike/);
    const fashion = storyOf(/Vardalo/);
    const summit = storyOf(/Climate summit opens/);
    const strikeNames = await lines(['actors', '--storyline', String(strike.storyline)]);
    expect(strikeNames).toEqual(expect.arrayContaining(['Robert Lindqvist', 'Thomas Varga', 'Joel Marsh', 'Ada Marsh']));
    for (const n of strikeNames) expect(n).not.toMatch(/Vardalo|Wang|Lutnick|Carney|Port Ellery/);
    // Best first: named by both strike articles before named by one.
    expect(strikeNames.indexOf('Joel Marsh')).toBeLessThan(strikeNames.indexOf('Ada Marsh'));
    expect(await lines(['actors', 'var', '--storyline', String(strike.storyline)])).toEqual(['Thomas Varga']);
    expect(await lines(['actors', 'var', '--storyline', String(fashion.storyline)])).toEqual(['Ines Vardalo']);
    expect(await lines(['actors', 'var', '--storyline', String(summit.storyline)])).toEqual([]);
    // A surname or a spelling offers the full name within the storyline too.
    expect(await lines(['actors', 'lut', '--storyline', String(summit.storyline)])).toEqual(['Howard Lutnick']);
    expect(await lines(['actors', 'bob', '--storyline', String(strike.storyline)])).toEqual(['Robert Lindqvist']);
    expect(await lines(['actors', 'wan', '--story', String(storyOf(/Summit closes/).id)])).toEqual(['Wang Yi']);
    // Without one, every storyline's names.
    expect(await lines(['actors', 'var'])).toEqual(expect.arrayContaining(['Thomas Varga', 'Ines Vardalo']));
    expect(await lines(['actors', '--storyline', '999'])).toEqual([]);
  });
});
