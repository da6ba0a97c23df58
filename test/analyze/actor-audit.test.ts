// An audit of actor extraction on short sentences of the project's own: titles (hyphenated ones
// too) and nationality words are roles, never names; datelines, outlets and places are no actors;
// a surname alone finds the person, family-name-first names included; spellings of one name are
// one person across articles; a name inside another party's demand is not speaking.
import { describe, expect, it } from 'vitest';
import * as K from '../../src/analyze/knowledge/actor-words.data.js';
import { briefingActors } from '../../src/brief/story-analysis.js';
import { actorStatements, canonicalActorName, extractActors, personNameKey, sameByShortForm, summarizeActors, unifyPeople } from '../../src/analyze/actors.js';

const names = (text: string) => summarizeActors(extractActors(text));
const people = (text: string) => names(text).filter((a) => a.kind === 'person').map((a) => a.canonical);

describe('titles are roles, never names', () => {
  it('a hyphenated title and a nationality the table lacks are the role', () => {
    const text = 'Under-Secretary-General Rosa Pell met Malawian President Tomas Banda in Lilongwe on Monday to discuss the drought relief plan for the south. Secretary-General Lee Jae-sun said the meeting went well.';
    const got = names(text);
    const byName = new Map(got.map((a) => [a.canonical, a]));
    expect(byName.get('Rosa Pell')?.roles.join(' ')).toMatch(/Under-Secretary-General/);
    expect(byName.get('Tomas Banda')?.roles.join(' ')).toMatch(/Malawian President/);
    expect(byName.get('Lee Jae-sun')?.roles.join(' ')).toMatch(/Secretary-General/);
    for (const a of got) expect(a.canonical).not.toMatch(/Secretary|President|Malawian/);
  });

  it('a surname that is a common word is kept after a given name, not in a date', () => {
    expect(people('Former prime minister Theresa May said on Tuesday that the deal was weak.')).toEqual(['Theresa May']);
    expect(people('The talks resumed on Monday May 5 in Geneva, officials said.')).toEqual([]);
  });

  it('a chancellor whose given name is a common word keeps it', () => {
    const text = 'Chancellor Will Moreau said on Tuesday that the budget would include the climate levy. Moreau added that the levy would start in April.';
    expect(people(text)).toEqual(['Will Moreau']);
    expect(names(text).find((a) => a.canonical === 'Will Moreau')?.aliases).toContain('Moreau');
  });
});

describe('datelines, outlets and places are no actors', () => {
  it('a dateline in capitals, with or without an agency tag, names nobody', () => {
    for (const text of [
      'PORT LOUIS _ Ministers from the island states met on Friday to discuss sea levels.',
      'KAMPALA, Uganda (AP) — Ministers from the island states met on Friday to discuss sea levels.',
      'SAN JOSE, Costa Rica, March 3 (Reuters) - Ministers from the island states met on Friday.',
    ]) {
      const got = names(text);
      expect(got.filter((a) => a.kind !== 'place' && a.kind !== 'organisation').map((a) => a.canonical), text).toEqual([]);
      expect(got.map((a) => a.canonical), text).not.toEqual(expect.arrayContaining(['Uganda', 'PORT LOUIS', 'KAMPALA']));
    }
  });

  it('a city used as a location is a place when its possessive opens a phrase', () => {
    const text = 'Engineers in Mombasa have studied the flood barriers for a year. Officials said Mombasa\'s sea wall would be raised by two metres.';
    const got = names(text).find((a) => a.canonical === 'Mombasa');
    expect(got?.kind ?? 'place').toBe('place');
  });

  it('a programme of an outlet is no actor, and neither is the outlet', () => {
    const got = names('Speaking on CNBC\'s Squawk Box, Energy Secretary Rhea Lind said the levy would stay. She later told CBS\'s Face the Nation the same.');
    expect(got.filter((a) => a.kind === 'person').map((a) => a.canonical)).toEqual(['Rhea Lind']);
  });

  it('the last word of a place named in the text is that place, even as a subject', () => {
    const got = names('New Carlow said on Monday it would join the pact. Carlow said its budget allowed it.');
    expect(got.map((a) => a.canonical)).not.toContain('Carlow');
  });

  it('a sentence full of names is read as a sentence, not a headline', () => {
    expect(people('Prime Minister Aino Salo and President Ruben Varga met in Vienna.')).toEqual(['Aino Salo', 'Ruben Varga']);
  });

  it('"New X" and "East X" runs are places, not people', () => {
    const text = 'The mayor of New Brighton said the levy was fair. Farmers in East Anglia said it was not.';
    for (const a of names(text)) if (/Brighton|Anglia/.test(a.canonical)) expect(a.kind).toBe('place');
  });
});

describe('one person under one name', () => {
  it('a family name written first is found alone', () => {
    const text = 'Foreign Minister Zhao Kun arrived in Geneva on Monday. Zhao said the talks would last two days.';
    const got = names(text).filter((a) => a.kind === 'person');
    expect(got.map((a) => a.canonical)).toEqual(['Zhao Kun']);
    expect(got[0]!.mentions).toBe(2);
  });

  it('an honorific or a title in apposition makes a lone surname a person with its role', () => {
    const got = names('Mr. Ndlovu, who chairs the African group, said the deal was weak. Okonjo, the trade commissioner, said it was fair.');
    const byName = new Map(got.map((a) => [a.canonical, a]));
    expect(byName.get('Ndlovu')?.kind).toBe('person');
    expect(byName.get('Okonjo')?.kind).toBe('person');
    expect(byName.get('Okonjo')?.roles).toContain('trade commissioner');
  });

  it('a lone surname opening a sentence, not a common word, is a speaker', () => {
    const got = names('Dlamini said the fund needed more donors. Analysts said the fund was too small.');
    expect(got.map((a) => a.canonical)).toContain('Dlamini');
    expect(got.map((a) => a.canonical)).not.toContain('Analysts');
  });

  it('spellings of one name share a key; surnames and spellings unify across articles', () => {
    expect(personNameKey('Mohammed al-Jaber')).toBe(personNameKey('Muhammad Al Jaber'));
    expect(personNameKey('Ahmad el-Sayed')).toBe(personNameKey('Ahmed Sayed'));
    expect(personNameKey('Ban Ki-moon')).toBe(personNameKey('Ban Ki moon'));
    const u = unifyPeople([
      { name: 'Tariq al-Nouri', kind: 'person', count: 3 },
      { name: 'Tariq Al Nouri', kind: 'person', count: 1 },
      { name: 'Nouri', kind: 'unknown', count: 2 },
      { name: 'Zhao Kun', kind: 'person', count: 2 },
      { name: 'Zhao', kind: 'unknown', count: 1 },
      { name: 'Lena Ross', kind: 'person' },
      { name: 'Tom Ross', kind: 'person' },
      { name: 'Ross', kind: 'unknown' },
    ]);
    expect(u.get('Nouri')).toBe('Tariq al-Nouri');
    expect(u.get('Zhao')).toBe('Zhao Kun');
    // Two people with one surname: the surname alone is neither.
    expect(u.has('Ross')).toBe(false);
    expect(u.get('Tariq Al Nouri')).toBe('Tariq al-Nouri');
    expect(u.has('Tariq al-Nouri')).toBe(false);
  });

  it('another spelling of the surname in the same article is the same person', () => {
    const text = 'President Volodymyr Zelenskyy said on Sunday that the grid needed repairs. Zelensky later told reporters that the winter would be hard.';
    expect(people(text)).toEqual(['Volodymyr Zelenskyy']);
  });

  it('a two-word city is a place, not a person', () => {
    const got = names('Officials in Hong Kong said the harbour would reopen. Kuala Lumpur said it would send ships.');
    expect(got.filter((a) => a.kind === 'person')).toEqual([]);
  });

  it('a typed spelling finds the known person', () => {
    expect(canonicalActorName('Mohamed Al-Jaber', undefined, ['Mohammed al-Jaber', 'Wang Yi'])).toBe('Mohammed al-Jaber');
    expect(canonicalActorName('Wang', undefined, ['Mohammed al-Jaber', 'Wang Yi'])).toBe('Wang Yi');
    expect(canonicalActorName('Ban', undefined, ['Ban Ki-moon'])).toBe('Ban Ki-moon');
  });
});

describe('one article, one actor per person: the surname alone is never a second actor (issue 9 item 3)', () => {
  const brief = (text: string, title = 'Hearing ends') => briefingActors([{ id: 1, title, url: 'https://n.example/a', text }]).map((a) => a.name);

  it('an occupation opening the sentence is the role, not a word of the name', () => {
    const text = 'Activist Orla Penhallow told a council panel on Thursday that bus fares had doubled. Penhallow said riders were walking instead. Councillors questioned Penhallow for an hour.';
    expect(people(text)).toEqual(['Orla Penhallow']);
    expect(names(text).find((a) => a.canonical === 'Orla Penhallow')?.mentions).toBe(3);
    expect(brief(text)).toEqual(['Orla Penhallow']);
    const design = 'Designer Ines Vardalo opened the spring show in Lisbon on Friday. "Linen is the future," Vardalo said.';
    expect(people(design)).toEqual(['Ines Vardalo']);
    expect(names(design).find((a) => a.canonical === 'Ines Vardalo')?.roles.join(' ')).toMatch(/Designer/i);
  });

  it('a person the title names in full is who the surname alone in the text is', () => {
    const title = 'Ines Vardalo moves her label to recycled linen';
    const text = 'The designer opened the spring show on Friday with a line cut from recycled linen. Vardalo said prices would rise by a tenth. Buyers from Porto praised Vardalo after the show.';
    const got = summarizeActors(extractActors(text, { title })).filter((a) => a.kind === 'person' || a.kind === 'unknown');
    expect(got.map((a) => a.canonical)).toEqual(['Ines Vardalo']);
    expect(got[0]!.mentions).toBe(2);
    expect(brief(text, title)).toEqual(['Ines Vardalo']);
    // Without the title the surname stays what the text says, and a Title Case headline names nobody.
    expect(names(text).map((a) => a.canonical)).toContain('Vardalo');
    expect(summarizeActors(extractActors(text, { title: 'Senate Grills Vardalo Over Linen' })).map((a) => a.canonical)).not.toContain('Grills Vardalo');
  });

  it('two people of one surname in the title and the text: the surname alone is neither', () => {
    const title = 'Joel Marsh and Ada Marsh split the family firm';
    const text = 'Marsh said the split was friendly. The board approved it on Monday.';
    expect(summarizeActors(extractActors(text, { title })).map((a) => a.canonical)).not.toContain('Joel Marsh');
  });
});

describe('common short forms of a given name are one person (issue 9 item 3)', () => {
  it('"Mike" and "Michael" with one surname in one article are one actor under the first name written', () => {
    const text = 'Envoy Mike Tarrant arrived in Valletta on Monday. The communique named Michael Tarrant as head of the mission. Tarrant said the talks were useful.';
    expect(people(text)).toEqual(['Mike Tarrant']);
    expect(names(text).find((a) => a.canonical === 'Mike Tarrant')?.mentions).toBe(3);
  });

  it('across the articles of a story and the store: Bill/William, Bob/Robert, Tom/Thomas are one', () => {
    const found = briefingActors([
      { id: 1, title: 'Port deal signed', url: 'https://n.example/1', text: 'Harbour chief Bill Okafor signed the port deal on Monday. Okafor said cranes would arrive in May.' },
      { id: 2, title: 'Port deal criticised', url: 'https://n.example/2', text: 'Dockers criticised William Okafor on Tuesday. William Okafor said the deal protected jobs.' },
    ]).map((a) => a.name);
    expect(found.filter((n) => /Okafor/.test(n))).toHaveLength(1);
    const u = unifyPeople([
      { name: 'Robert Lindqvist', kind: 'person', count: 3 },
      { name: 'Bob Lindqvist', kind: 'person', count: 1 },
      { name: 'Lindqvist', kind: 'unknown', count: 2 },
      { name: 'Tom Varga', kind: 'person', count: 1 },
      { name: 'Thomas Varga', kind: 'person', count: 2 },
    ]);
    expect(u.get('Bob Lindqvist')).toBe('Robert Lindqvist');
    expect(u.get('Lindqvist')).toBe('Robert Lindqvist');
    expect(u.get('Tom Varga')).toBe('Thomas Varga');
    expect(canonicalActorName('Mike Tarrant', undefined, ['Michael Tarrant', 'Hana Ito'])).toBe('Michael Tarrant');
  });

  it('two people sharing a surname stay two, and so does anyone beside them', () => {
    const text = 'President Joe Biden pardoned his son Hunter Biden on Sunday. Hunter Biden had faced sentencing this month.';
    expect(people(text)).toEqual(['Joe Biden', 'Hunter Biden']);
    expect(sameByShortForm(['Joe Biden', 'Hunter Biden']).size).toBe(0);
    // A third form beside two people: which one he is, is not guessed.
    expect(sameByShortForm(['Joe Biden', 'Hunter Biden', 'Joseph Biden']).size).toBe(0);
    const u = unifyPeople([{ name: 'Joe Biden', kind: 'person' }, { name: 'Hunter Biden', kind: 'person' }, { name: 'Biden', kind: 'unknown' }]);
    expect(u.size).toBe(0);
    // A short form of another name, or a common-word surname, is not folded.
    expect(sameByShortForm(['Ben Ito', 'Benedict Ito']).size).toBe(0);
    expect(sameByShortForm(['Mary Will', 'Mary William']).size).toBe(0);
  });
});

describe('the speaker, not the one named in a demand', () => {
  it('"X demanded that Y withdraw" is a statement of X only', () => {
    const text = 'Finance Minister Ana Ferraz demanded that Trade Commissioner Piet Vos withdraw the steel quota. Vos said the quota would stay.';
    const mentions = extractActors(text);
    const ferraz = actorStatements(text, 'Ana Ferraz', mentions);
    const vos = actorStatements(text, 'Piet Vos', mentions);
    expect(ferraz.map((s) => s.sentenceIndex)).toEqual([0]);
    expect(vos.map((s) => s.sentenceIndex)).toEqual([1]);
  });

  it('a lone surname asked to act is found, and is not the one speaking', () => {
    const text = 'Finance Minister Ana Ferraz demanded on Monday that Vos withdraw the steel quota before the vote.';
    const mentions = extractActors(text);
    expect(mentions.map((m) => m.canonical)).toContain('Vos');
    expect(actorStatements(text, 'Vos', mentions)).toEqual([]);
    expect(actorStatements(text, 'Ana Ferraz', mentions).map((s) => s.sentenceIndex)).toEqual([0]);
  });
});

describe('the new word lists (data)', () => {
  it('are lowercase, trimmed and without duplicates', () => {
    for (const list of [K.COMMON_WORD_SURNAMES, K.PLACE_OPENING_WORDS, K.PLACE_PREPOSITIONS, K.SURNAME_FIRST, K.SURNAME_PARTICLES, K.OCCUPATION_WORDS, ...K.NAME_SPELLINGS, ...K.GIVEN_NAME_SHORT_FORMS]) {
      expect(list.length).toBeGreaterThan(0);
      expect(new Set(list).size).toBe(list.length);
      for (const w of list) expect(w).toBe(w.trim().toLowerCase());
    }
    for (const w of K.DEMAND_VERBS) expect(() => new RegExp(`^(?:${w})$`, 'i')).not.toThrow();
  });
});

describe('outlets quoted as sources are no actors', () => {
  it("a magazine or a paper whose name is a common word or a possessive (People, People's Daily) is not an actor", () => {
    const text = "The bridge collapsed on Saturday in Lanzhou, according to People's Daily Online. Mayor Chen Hua told People the city would rebuild it.";
    const found = briefingActors([{ id: 1, title: 'Bridge collapses in Lanzhou', url: 'https://n.example/a', text }]).map((a) => a.name);
    expect(found).not.toContain('People');
    expect(found).toContain('Chen Hua');
  });
});

describe('a person needs evidence (issue 9 item 3)', () => {
  const brief = (...texts: string[]) =>
    briefingActors(texts.map((text, i) => ({ id: i + 1, title: '', outlet: `Outlet ${i}`, url: `https://o${i}.example/a`, text })));

  it('a capitalised run with no given name, title, initial or verb is no person and is not listed', () => {
    const text = 'The crowd cheered when Velvet Copper Lights played again on Friday. Karen Oduya said the night was long. Fans of Velvet Copper Lights queued for hours.';
    const got = names(text);
    expect(got.find((a) => a.canonical === 'Velvet Copper Lights')?.kind).toBe('unknown');
    expect(got.find((a) => a.canonical === 'Karen Oduya')?.kind).toBe('person');
    expect(brief(text).map((a) => a.name)).toEqual(['Karen Oduya']);
    // An unknown name that acts, or whose plan it is, is listed.
    expect(brief('Velvet Copper Lights rejected the offer on Friday. Karen Oduya said the night was long.').map((a) => a.name)).toContain('Velvet Copper Lights');
    expect(brief("Under Brannick's plan the fees would fall. Karen Oduya said the night was long.").map((a) => a.name)).toContain('Brannick');
  });

  it('a run whose surname speaks alone elsewhere, or that speaks itself, is a person; the same run silent is not', () => {
    expect(people('The inquiry heard from Tamsin Quorle on Tuesday. Quorle said the ledger had been altered.')).toContain('Tamsin Quorle');
    expect(people('The inquiry heard from Tamsin Quorle on Tuesday. Okwe Brandvold said the ledger had been altered.')).toEqual(['Okwe Brandvold']);
  });

  it('a title inside a run splits it: the name is after the title, the words before are the role', () => {
    const got = names('Shipping firm Kelvar CEO Dina Marsh and Ostland Governor Piet Roos met on Monday to discuss the port fees.');
    const byName = new Map(got.map((a) => [a.canonical, a]));
    expect(byName.get('Dina Marsh')?.roles.join(' ')).toMatch(/Kelvar CEO/);
    expect(byName.get('Piet Roos')?.roles.join(' ')).toMatch(/Ostland Governor/);
    for (const a of got) expect(a.canonical).not.toMatch(/CEO|Governor/);
  });

  it('a place opening with "New" stays whole in a role before a title', () => {
    const got = names('New Carlow Foreign Minister Ruth Adeyemi said the treaty would be signed in May.');
    expect(got.find((a) => a.canonical === 'Ruth Adeyemi')?.roles).toContain('New Carlow Foreign Minister');
  });

  it('a party label or a trade word before a name is not part of it', () => {
    expect(people('Republican Sarah Nwosu and Detective Mark Ellory spoke after the hearing on Thursday.')).toEqual(['Sarah Nwosu', 'Mark Ellory']);
  });

  it('runs ending in a street, township, park or side word are places', () => {
    const text = 'Police closed Fenwick Road and Oldmere Township after the storm. Crews cleared Hollins Park and the Lower West Side by noon, officials said.';
    for (const a of names(text)) expect(a.kind, a.canonical).not.toBe('person');
  });

  it('a model number, a work title with a connecting word, or a repeated word is no actor', () => {
    const text = 'The Skyjet Q400 landed safely on Sunday. The film Dancing In Rain and the song Rain Rain Go topped the charts, critics said.';
    for (const a of names(text)) expect(a.kind, a.canonical).not.toBe('person');
  });

  it('page furniture words end or cut a run', () => {
    const text = 'Advertisement Continue Reading The vote was close. Replay More Videos Helen Strand said the count would resume on Monday.';
    const got = names(text).map((a) => a.canonical);
    expect(got).toContain('Helen Strand');
    for (const n of got) expect(n).not.toMatch(/Advertisement|Replay|Videos|Continue/);
  });

  it('a run ending in an outlet word, or a known outlet, is never an actor', () => {
    const found = brief(
      'The Millbrook Tribune reported on Monday that the mayor, Anna Kowal, had resigned. Anna Kowal told the Harlow Daily and Teen Vogue she would stay on until June, the Millbrook Tribune added.',
      'According to the Harlow Daily and to Teen Vogue, Anna Kowal said she would stay on until June. The Millbrook Tribune said so too.',
    ).map((a) => a.name);
    expect(found).toContain('Anna Kowal');
    for (const n of found) expect(n).not.toMatch(/Tribune|Daily|Vogue/);
  });

  it('a clause after a name is no role, and a leading "now" is dropped', () => {
    const got = names('Laura Venn, and then her brother Paul Venn, spoke. Karen Lusk, now director of the Lakeside Clinic, said the wards were full. Omar Bell, who was elected mayor last year, said little.');
    const byName = new Map(got.map((a) => [a.canonical, a]));
    expect(byName.get('Laura Venn')?.roles ?? []).toEqual([]);
    expect(byName.get('Karen Lusk')?.roles).toContain('director of the Lakeside Clinic');
    expect(byName.get('Omar Bell')?.roles ?? []).toEqual([]);
  });

  it('a group named by its party is a group, not a person', () => {
    const got = names('Senate Democrats said on Monday they would block the bill.');
    expect(got.find((a) => a.canonical === 'Senate Democrats')?.kind ?? 'group').not.toBe('person');
  });
});
