import { describe, expect, it } from 'vitest';
import { spotActors } from '../../src/analyze/entities.js';
import { harbourCoast, harbourWire } from './fixtures.js';

describe('spotActors', () => {
  it('lists the named organisations and people of a story, best first, with a kind', () => {
    const actors = spotActors([harbourCoast, harbourWire].map((a) => `${a.title}\n\n${a.text}`));
    const byName = new Map(actors.map((a) => [a.name, a.kind]));
    expect(byName.get('Port Authority')).toBe('organisation');
    expect(byName.get('Marlow Shipping Union')).toBe('organisation');
    expect(byName.get('Tessa Orlund')).toBe('person');
    // Named in both outlets, so ahead of names only one outlet gives.
    expect(actors[0]!.name).toBe('Port Authority');
    expect(actors.length).toBeLessThanOrEqual(8);
    // Sentence starts and bylines glued across lines are not actors.
    expect(actors.some((a) => /\n|^The |Dockworkers/.test(a.name))).toBe(false);
  });

  it('uses the shipped tables for countries and groups, and keeps a title as the role', () => {
    const actors = spotActors([
      'Egypt and Qatar hosted talks with Hamas in Cairo on Monday. President Selma Arvand of Norland said Hamas must answer by Friday.',
      'Mediators from Egypt met Hamas officials again. Selma Arvand said the United Nations would send observers.',
    ]);
    const kinds = Object.fromEntries(actors.map((a) => [a.name, a.kind]));
    expect(kinds).toMatchObject({ Egypt: 'country', Hamas: 'group', 'Selma Arvand': 'person', 'United Nations': 'organisation', Cairo: 'place' });
    expect(actors.find((a) => a.name === 'Selma Arvand')?.role).toBe('President');
  });
});
