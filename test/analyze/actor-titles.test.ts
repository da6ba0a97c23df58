// Titles and nationality words are the role, never the name; a name that is also a common word
// ("He" in He Lifeng) is kept after a title; an organisation keeps its leading words.
import { describe, expect, it } from 'vitest';
import { briefExtractive } from '../../src/brief/extractive.js';

const A = `GENEVA, May 3 - Treasury Secretary Janet Morrow met Vice Premier He Lifeng in Geneva on Saturday to discuss tariffs on steel. Morrow told reporters the talks were constructive and would continue.
Israeli Prime Minister Benjamin Netanyahu said on Saturday that Israel backed the talks on trade in the region.
The Trade Ministry said in a statement that the steel tariffs would stay in place until a deal was signed.`;
const B = `GENEVA - U.S. Treasury Secretary Janet Morrow and Chinese Vice Premier He Lifeng ended two days of talks on Sunday without a deal on steel tariffs. Morrow said the United States would keep the tariffs for now.
Former United Nations chief Ban Ki-moon called the talks a hopeful sign for the world economy.`;

describe('actor names and roles', () => {
  it('keeps titles as roles and finds every person under one name', () => {
    const b = briefExtractive({ articles: [{ id: 1, title: 'Steel talks', url: 'https://a.example/1', outlet: 'A', text: A }, { id: 2, title: 'No steel deal', url: 'https://b.example/2', outlet: 'B', text: B }] });
    const byName = new Map(b.actors.map((a) => [a.name, a]));
    expect(byName.get('Janet Morrow')?.role).toMatch(/Treasury Secretary/);
    expect(byName.get('He Lifeng')?.role).toMatch(/Vice Premier/);
    expect(b.actors.map((a) => a.name)).not.toEqual(expect.arrayContaining(['Treasury Secretary Janet Morrow']));
    expect(b.actors.filter((a) => /Morrow/.test(a.name))).toHaveLength(1);
    expect(b.actors.filter((a) => /Lifeng/.test(a.name))).toHaveLength(1);
  });

  it('finds a prime minister named with nationality and title', () => {
    const b = briefExtractive({ articles: [{ id: 1, title: 'Steel talks', url: 'https://a.example/1', outlet: 'A', text: A }, { id: 2, title: 'No steel deal', url: 'https://b.example/2', outlet: 'B', text: B }] }, { maxActors: 12 });
    expect(b.actors.map((a) => a.name)).toContain('Benjamin Netanyahu');
  });
});

describe('one actor per person across a story', () => {
  it('merges surnames, titles, spellings and typos of one person, and drops things that are not actors', () => {
    const a1 = `Bishop Edward Kane of Dallas said on Sunday that the diocese would open its files to investigators. Kane told parishioners the review had found new evidence. Barack Obama praised the decision in a post on Facebook. Happy Father's Day messages filled the parish website.
Judy Nir-Mozes, a spokeswoman for the diocese, said the files would be handed over within a week.`;
    const a2 = `Dallas Bishop Edward Kane announced on Sunday that the diocese would give police its files on the priest. Bishop Kane said the church had failed victims. Former president Barak Obama called the move brave. Judy Nir Mozes said the handover would take a week. Researchers compared the case with Alzheimer's disease studies.`;
    const b = briefExtractive({ articles: [{ id: 1, title: 'Diocese opens files', url: 'https://a.example/1', outlet: 'A', text: a1 }, { id: 2, title: 'Bishop hands files to police', url: 'https://b.example/2', outlet: 'B', text: a2 }] }, { maxActors: 12 });
    const names = b.actors.map((a) => a.name);
    expect(names.filter((n) => /Kane/.test(n)), names.join(' | ')).toHaveLength(1);
    expect(names.filter((n) => /Oba/.test(n)), names.join(' | ')).toHaveLength(1);
    expect(names.filter((n) => /Mozes/.test(n)), names.join(' | ')).toHaveLength(1);
    expect(names.some((n) => /Happy|Alzheimer|Facebook/.test(n)), names.join(' | ')).toBe(false);
  });
});
