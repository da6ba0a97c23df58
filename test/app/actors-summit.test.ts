// Actors through the CLI on a storyline of the project's own writing (test/fixtures/summit: a
// climate summit told by four wire articles), alone in its store with the Gaza and trade
// fixtures: one actor per person, found by full name, surname and another spelling; no outlet,
// place, TV show or dateline as an actor; titles are roles; a stance is the speaker's only.
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliStore, type CliStore } from '../support/cli-store.js';

const root = resolve(import.meta.dirname, '../..');
const fixtures = join(root, 'test', 'fixtures');
let store: CliStore;
const cli = (args: string[]): Promise<string> => store.cli(args);

interface ActorJson {
  name: string;
  kind: string;
  roles: string[];
  aliases: string[];
  nothingKnown?: true;
  activity: Array<{ text: string; sources: number[] }>;
  stance: Array<{ text: string; sources: number[] }>;
}
const actor = async (name: string) => JSON.parse(await cli(['actor', name, '--json'])) as ActorJson;

const PEOPLE: Array<[full: string, ...other: string[]]> = [
  ['Ban Ki-moon', 'Ban', 'Ban Ki moon'],
  ['Wang Yi', 'Wang'],
  ['Mark Carney', 'Carney'],
  ['Howard Lutnick', 'Lutnick'],
  ['William Ruto', 'Ruto'],
  ['Will Hart', 'Hart'],
  ['Mohammed al-Jaber', 'al-Jaber', 'Muhammad Al Jaber', 'Mohamed Al-Jaber', 'Jaber'],
];
const NOT_ACTORS = /^(?:Reuters|Agence France-Presse|AFP|AP|Associated Press|Financial Times|CBS|BBC|Face the Nation|Nairobi|York|New York|Africa|East Africa|DAR ES SALAAM|NAIROBI|Kenya)$/;
const ROLE_WORDS = /\b(?:President|Minister|Secretary|Chancellor|Premier|Kenyan|Chinese|Canadian|Saudi)\b/;

for (const [label, dirs] of [['alone', ['summit']], ['with the Gaza and trade storylines', ['gaza', 'trade', 'summit']]] as const) {
  describe(`summit actors (${label})`, () => {
    beforeAll(async () => {
      store = cliStore('summit');
      await cli(['ingest', ...dirs.map((d) => join(fixtures, d))]);
    }, 60_000);
    afterAll(() => store.remove());

    it('lists one actor per person under the full name, and no outlet, place, show or dateline', async () => {
      const all = (await cli(['actors'])).trim().split('\n');
      for (const [full, ...other] of PEOPLE) {
        expect(all, full).toContain(full);
        for (const o of other) if (o !== full) expect(all, o).not.toContain(o);
      }
      expect(all).not.toContain('Muhammad Al Jaber');
      for (const n of all) {
        expect(n).not.toMatch(NOT_ACTORS);
        expect(n).not.toMatch(ROLE_WORDS);
      }
    });

    it('offers the full name for a prefix of the surname or a spelling, and nothing no article holds', async () => {
      expect((await cli(['actors', 'lut'])).trim().split('\n')).toEqual(['Howard Lutnick']);
      expect((await cli(['actors', 'muh'])).trim().split('\n')).toEqual(['Mohammed al-Jaber']);
      expect((await cli(['actors', 'wan'])).trim().split('\n')).toEqual(['Wang Yi']);
      expect((await cli(['actors', 'reu'])).trim()).toBe('');
      expect((await cli(['actors', 'nai'])).trim()).toBe('');
      expect((await cli(['actors', 'fac'])).trim()).toBe('');
    });

    it('finds each person by full name, surname and another spelling, with the title as role', async () => {
      for (const [full, ...other] of PEOPLE) {
        for (const typed of [full, ...other]) {
          const a = await actor(typed);
          expect(a.nothingKnown, typed).toBeUndefined();
          expect(a.name, typed).toBe(full);
          expect(a.kind, typed).toBe('person');
        }
      }
      expect((await actor('Ruto')).roles.join(' | ')).toMatch(/Kenyan President/);
      expect((await actor('Hart')).roles.join(' | ')).toMatch(/Chancellor/);
      expect((await actor('Ban')).roles.join(' | ')).toMatch(/Secretary-General/);
      // Both spellings' articles are read: the statements of each are there.
      const jaber = await actor('Muhammad Al Jaber');
      expect(jaber.activity.map((x) => x.text).join(' ')).toMatch(/Gulf pledge would be paid over five years/);
      expect(jaber.activity.map((x) => x.text).join(' ')).toMatch(/add 2 billion dollars/);
    });

    it('says an outlet is no actor', async () => {
      for (const o of ['Reuters', 'Agence France-Presse']) {
        const a = await actor(o);
        expect(a.nothingKnown, o).toBe(true);
      }
    });

    it('gives the demand to the one who demands: one line with all its sources', async () => {
      const ruto = await actor('William Ruto');
      const demand = ruto.activity.filter((x) => /withdraw/.test(x.text));
      expect(demand).toHaveLength(1);
      expect(demand[0]!.sources.length).toBe(3);
      expect(ruto.stance.filter((x) => /withdraw/.test(x.text))).toHaveLength(1);
      const lutnick = await actor('Lutnick');
      for (const x of [...lutnick.activity, ...lutnick.stance]) expect(x.text).not.toMatch(/demanded/);
      expect(lutnick.activity.length).toBeGreaterThanOrEqual(2);
    });

    it('the brief names the people with their roles, never an outlet or a place', async () => {
      const stories = await cli(['stories']);
      const ids = [...stories.matchAll(/\*\*#(\d+)\*\* (?:Climate summit|Summit closes|Donors pledge|Tariff row)/g)].map((m) => m[1]!);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) {
        const md = await cli(['brief', '--story', id]);
        const line = /\*\*Actors:\*\* (.*)/.exec(md)?.[1] ?? '';
        const names = line.split(' · ').map((n) => n.replace(/ \(.*\)$/, ''));
        for (const n of names) {
          expect(n).not.toMatch(NOT_ACTORS);
          expect(n).not.toMatch(ROLE_WORDS);
        }
      }
    });
  });
}
