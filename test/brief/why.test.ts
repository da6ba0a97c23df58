// "Why it matters" states the implication the sources give (consequence, stakes, what comes
// next, a first), never an aside, a quip, a line to the reader or a claim left to "he said".
// Invented texts only.
import { describe, expect, it } from 'vitest';
import { asideOrQuip, whyCues } from '../../src/brief/why.js';
import { briefExtractive } from '../../src/brief/extractive.js';
import type { BriefingArticle } from '../../src/domain/types.js';

describe('whyCues', () => {
  it('finds consequence, threat, significance, expectation and modal cues', () => {
    expect(whyCues('The closure means that freight from the northern mills must now travel by road.').groups).toContain('consequence');
    expect(whyCues('The drought threatens the harvest across three provinces, officials said.').groups).toContain('threat');
    expect(whyCues('It is the first time a woman has led the orchestra in its 140-year history.').groups).toContain('significance');
    expect(whyCues('The council is expected to vote on the budget before the end of the month.').groups).toContain('expectation');
    expect(whyCues('Higher fees would push smaller carriers out of the regional market.').groups).toContain('modal');
  });

  it('weighs a sentence stating an implication above a plain report, and a plain report at 0', () => {
    expect(whyCues('Ferry crews walked off the job on Monday morning in the harbour town.').weight).toBe(0);
    expect(whyCues('The ruling could force the ministry to reopen forty village schools.').weight).toBeGreaterThan(0);
    const two = whyCues('The deal is expected to raise prices, which means households will pay more for heating.');
    const one = whyCues('The deal is expected to close in the spring after regulators approve it.');
    expect(two.weight).toBeGreaterThan(one.weight);
  });

  it('matches whole words only', () => {
    expect(whyCues('The riskless bond fund meanders through the records office weekly.').weight).toBe(0);
  });
});

describe('asideOrQuip', () => {
  it('refuses asides, quips, lines to the reader, bare quotes and pronoun speakers', () => {
    expect(asideOrQuip('The mayor will, of course, have to explain the missing funds to the council.')).toBe(true);
    expect(asideOrQuip('If the bridge stays shut all summer, so be it, the contractor could lose its licence.')).toBe(true);
    expect(asideOrQuip('If you drive the coastal road this week, expect delays that could run to two hours.')).toBe(true);
    expect(asideOrQuip('"This would change everything for the fishermen on the island," said the harbour master.')).toBe(true);
    expect(asideOrQuip('The new levy would cost the average farm about 2,000 euros a year, he said.')).toBe(true);
    expect(asideOrQuip('What a week it has been for the plucky little ferry company!')).toBe(true);
    expect(asideOrQuip('It could matter.')).toBe(true);
  });

  it('keeps a plain statement of consequence, named speakers included', () => {
    expect(asideOrQuip('The new levy would cost the average farm about 2,000 euros a year, the farmers union said.')).toBe(false);
    expect(asideOrQuip('The closure means freight from the northern mills must travel by road for at least a year.')).toBe(false);
  });
});

const a1: BriefingArticle = {
  id: 1,
  title: 'Orvale river bridge closed after inspectors find cracks',
  outlet: 'Valley Post',
  url: 'https://valleypost.example/bridge',
  text: [
    'Inspectors closed the Orvale river bridge on Thursday after finding cracks in two of its steel supports.',
    'The bridge carries about 18,000 vehicles a day between the towns of Marsden and Kelby.',
    'Engineers from the regional roads agency said repairs would begin next month.',
    'The closure means lorries from the Kelby quarry must take a 40-kilometre detour, which could add weeks to building projects across the valley.',
    'Local cafe owner Rosa Lind has, of course, seen plenty of bridges come and go in her years by the river.',
    'If you commute by car, you should allow an extra hour each way until the repairs are done.',
  ].join('\n\n'),
};
const a2: BriefingArticle = {
  id: 2,
  title: 'Cracks shut Orvale bridge between Marsden and Kelby',
  outlet: 'Regional Wire',
  url: 'https://wire.example/orvale',
  text: [
    'The regional roads agency shut the Orvale river bridge between Marsden and Kelby on Thursday after inspectors found cracks in its steel supports.',
    'About 18,000 vehicles a day use the bridge, the agency said.',
    'Repairs are expected to take at least four months and cost about 3 million euros.',
    'The bridge opened in 1971 and was last renovated in 2004.',
    'Ferry operator Tomas Berg said demand for his crossing had doubled overnight, he said.',
  ].join('\n\n'),
};

describe('a briefing’s "why it matters"', () => {
  it('is the implication the sources state, not an aside or a line to the reader', () => {
    const b = briefExtractive({ articles: [a1, a2], maxWords: 200 });
    expect(b.whyItMatters).toBeTruthy();
    expect(b.whyItMatters).not.toMatch(/of course|\byou\b|he said\./i);
    expect(b.whyItMatters.split(/(?<=\.)\s+/).every((s) => whyCues(s).weight > 0)).toBe(true);
  });
});
