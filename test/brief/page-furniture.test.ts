// Page furniture that is neither news nor a sentence of the story: another language's paragraph,
// a reporter's contact line, a photo credit glued to the next sentence, a caption placed by its
// photo ("Above, ..."), a gallery caption, a line addressed to the reader, a footnote number.
// Fixtures are the project's own sentences.
import { describe, expect, it } from 'vitest';
import { judgeSentence, stripSentenceJunk, stripTextJunk } from '../../src/brief/clean.js';
import { briefExtractive } from '../../src/brief/extractive.js';
import { articleCandidates } from '../../src/brief/candidates.js';
import { splitSentences, words } from '../../src/analyze/text.js';

const usable = (s: string): boolean => judgeSentence(s, words(s)).usable;
const quality = (s: string): number => judgeSentence(s, words(s)).quality;

describe('page furniture', () => {
  it('a sentence in another language inside an English article is refused; an article in another language keeps its sentences', () => {
    const english = 'The council of Northfield voted on Monday to close the old bridge for repairs. ' +
      'De rechter oordeelde dat de gemeente de schade aan de boeren moet vergoeden. ' +
      'Ana Ruiz, Tomas Berg and Lena Voss of Northfield Council signed the Harbor Accord on Monday. ' +
      'El alcalde dijo que el puente estará cerrado durante tres semanas más. ' +
      'The repairs are expected to take eight months and to cost the town about $12 million.';
    const shown = articleCandidates(0, english).map((c) => c.text).join(' ');
    expect(shown).toMatch(/Harbor Accord/);
    expect(shown).toMatch(/old bridge/);
    expect(shown).not.toMatch(/rechter|alcalde/);
    const dutch = 'De gemeenteraad van Noordveld heeft maandag besloten de oude brug te sluiten voor herstel. ' +
      'De werkzaamheden duren naar verwachting acht maanden en kosten ongeveer twaalf miljoen euro. ' +
      'Automobilisten moeten in die tijd omrijden via de nieuwe brug in het zuiden van de stad.';
    expect(articleCandidates(0, dutch).length).toBe(3);
  });

  it('a story told in English shows no sentence of its one article in another language; a story in Dutch keeps them', () => {
    const english = [
      'The council of Northfield voted on Monday to close the old bridge for repairs that will take eight months. ' +
        'The repairs are expected to cost the town about $12 million, the council said in a statement. ' +
        'Drivers will have to use the new bridge south of the town while the old one is closed.',
      'Northfield will close its old bridge for eight months of repairs, the council decided on Monday. ' +
        'The council said the repairs of the bridge would cost about $12 million. ' +
        'Shop owners near the old bridge said they feared losing customers during the closure.',
    ];
    const dutch =
      'De gemeenteraad van Northfield heeft maandag besloten de oude brug acht maanden te sluiten voor herstel. ' +
      'De werkzaamheden aan de brug kosten ongeveer twaalf miljoen dollar, aldus de gemeente. ' +
      'Winkeliers bij de oude brug vrezen dat zij in die tijd klanten verliezen.';
    const b = briefExtractive({
      articles: [...english, dutch].map((text, i) => ({ id: i + 1, title: '', url: `https://outlet${i}.example/bridge`, text })),
    });
    const shown = [b.lede, ...b.takeaways.map((t) => t.text), b.whyItMatters].join(' ');
    expect(shown).toMatch(/bridge/);
    expect(shown).not.toMatch(/\b(?:de|het|brug|gemeente)\b/);
    const inDutch = briefExtractive({
      articles: [dutch, dutch.replace('maandag', 'dinsdag')].map((text, i) => ({ id: i + 1, title: '', url: `https://outlet${i}.example/brug`, text })),
    });
    expect(inDutch.lede).toMatch(/brug/);
  });

  it('the tail of a DOI split off as a sentence is refused', () => {
    expect(usable('0004411 (Link goes live upon article publication)')).toBe(false);
    expect(usable('90210 residents were told to boil their water on Monday.')).toBe(false);
    expect(usable('2,000 residents were told to boil their water on Monday.')).toBe(true);
  });

  it("a reporter's contact line is refused", () => {
    expect(usable('Staff writer Pat Lowell can be reached at 555-201-3344 or plowell@harborpost.example.')).toBe(false);
    expect(usable('Reach her at jdoe@valleynews.example or follow her on social media.')).toBe(false);
    expect(usable('The council can be reached for comment only through its press office, a spokesman said.')).toBe(true);
  });

  it('a photo credit glued to the sentence after it is cut off', () => {
    expect(stripSentenceJunk('Dana Ortiz/Getty Images The band said its farewell tour is sold out in six cities.')).toBe('The band said its farewell tour is sold out in six cities.');
    expect(stripSentenceJunk('Lee Park/AP The governor signed the water bill on Friday.')).toBe('The governor signed the water bill on Friday.');
    expect(stripSentenceJunk('The governor signed the water bill on Friday.')).toBe('The governor signed the water bill on Friday.');
  });

  it('captions placed by their photo, gallery captions and lines to the reader are not reporting', () => {
    expect(usable('Above, the mayor carries the ribbon to the new footbridge.')).toBe(false);
    expect(usable('Pictured: rescue crews search the riverbank near the old mill.')).toBe(false);
    expect(usable('Mara Quinn spotted leaving a studio in West Hollywood on a sunny afternoon.')).toBe(false);
    expect(usable('Consider what happened the last time the river rose this fast.')).toBe(false);
    expect(usable('Imagine a city where every bus runs on time.')).toBe(false);
    expect(quality('Actor Ned Holt was seen at the airport on June 3 in Denver, Colorado.')).toBeLessThan(0.5);
    expect(usable('The suspect was last seen driving a grey van north on Route 9, police said.')).toBe(true);
    expect(quality('The suspect was last seen driving a grey van north on Route 9, police said.')).toBeGreaterThan(0.5);
  });

  it('a quote with its speaker weighs as reporting; a quote with no speaker weighs less', () => {
    const attributed = '"We will reopen the bridge before the winter storms arrive," Mayor Ana Ruiz told the council.';
    const bare = '"We will reopen the bridge before the winter storms arrive, whatever it costs the town."';
    expect(quality(attributed)).toBe(1);
    expect(quality(bare)).toBeLessThan(quality(attributed));
    expect(usable(bare)).toBe(true);
  });

  it('a footnote number glued to a sentence end is dropped and the sentences split there', () => {
    const text = 'Tolls had been charged on the bridge for a century, but they were abolished in most states.7 In 1890 the county bought it.';
    expect(splitSentences(stripTextJunk(text))).toEqual([
      'Tolls had been charged on the bridge for a century, but they were abolished in most states.',
      'In 1890 the county bought it.',
    ]);
    expect(stripTextJunk('Version 2.5 Beta shipped.')).toBe('Version 2.5 Beta shipped.');
  });

  it('none of it reaches a briefing', () => {
    const a = [
      'The Harbor Council voted on Tuesday to close the Old Mill Bridge for eight months of repairs. Dana Ortiz/Getty Images The council said the repairs would cost $12 million. De raad besloot dat de brug acht maanden dicht blijft voor herstel. Above, workers inspect the cracked supports under the bridge. Staff writer Pat Lowell can be reached at 555-201-3344 or plowell@harborpost.example.',
      'Northfield will close the Old Mill Bridge for eight months, the Harbor Council decided on Tuesday. Imagine a city where every commuter crosses the river by ferry. The repairs will cost $12 million and start in May, the council said. Drivers will be sent over the Elm Street bridge during the work.',
    ];
    const b = briefExtractive({ articles: a.map((text, i) => ({ id: i, title: '', url: `https://n${i}.example/a`, text })) });
    const shown = [b.lede, ...b.takeaways.map((t) => t.text), b.whyItMatters].join(' ');
    expect(shown).toMatch(/Old Mill Bridge/);
    expect(shown).not.toMatch(/Getty|De raad|Above,|can be reached|Imagine/);
  });
});

describe('captions cut off by the page, and where people stand in a photo', () => {
  it('a sentence the page cut off with "..." is refused', () => {
    expect(usable('Crown Princess Anna, centre, and the mayor stand during a ceremony at the harbour in Lund, Tuesday, May 4,...')).toBe(false);
    expect(usable('Workers repair the dam wall near the village of Orm during the flood season in the valley...')).toBe(false);
    expect(usable('The dam held through the night, the water board said.')).toBe(true);
  });

  it('"X, left, signs..." and "Y, 3rd left and Z" are captions', () => {
    expect(usable('Prime Minister Ola Berg, left, shakes hands with the envoy at the start of the talks in Lund on Monday.')).toBe(false);
    expect(usable('Princess Lea, 3rd left and the minister watch the launch of the ferry in the old harbour.')).toBe(false);
    expect(usable('The talks, which began on Monday, left both sides short of a deal on fishing rights.')).toBe(true);
  });

  it('a wire dateline naming a city and its region is stripped', () => {
    expect(stripSentenceJunk('LUND, Northern Province — Ferry workers ended a two-day strike on Friday.')).toBe('Ferry workers ended a two-day strike on Friday.');
    expect(stripSentenceJunk('PORT ELLEN, Isle of Islay — The distillery reopened after a fire.')).toBe('The distillery reopened after a fire.');
  });
});
