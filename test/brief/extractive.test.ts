import { describe, expect, it } from 'vitest';
import { createExtractiveEngine, briefExtractive } from '../../src/brief/extractive.js';
import { UserError } from '../../src/domain/errors.js';
import { terms } from '../../src/analyze/text.js';
import type { Briefing, BriefingArticle } from '../../src/domain/types.js';
import { harbourCoast, harbourQuota, harbourWire, junkyStory, libraryStory } from './fixtures.js';

const engine = createExtractiveEngine();

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A shown sentence is a source sentence, or a prefix of one closed with a period (a trimmed clause). */
function foundInSources(sentence: string, articles: BriefingArticle[]): boolean {
  const s = norm(sentence);
  return articles.some((a) => {
    const text = norm(a.text);
    return text.includes(s) || (s.endsWith('.') && text.includes(s.slice(0, -1)));
  });
}

function shownSentences(b: Briefing): string[] {
  return [b.lede, ...b.takeaways.map((t) => t.text), b.whyItMatters].filter(Boolean);
}

function overlap(a: string, b: string): number {
  const x = new Set(terms(a));
  const y = new Set(terms(b));
  const small = x.size <= y.size ? x : y;
  const big = small === x ? y : x;
  let shared = 0;
  for (const t of small) if (big.has(t)) shared++;
  return small.size ? shared / small.size : 0;
}

function wordsIn(b: Briefing): number {
  return shownSentences(b).join(' ').split(/\s+/).filter(Boolean).length;
}

describe('extractive engine: a two-outlet story', () => {
  const articles = [harbourCoast, harbourWire];

  it('writes a headline, a lede, 3-5 takeaways, why it matters, actors and numbered sources', async () => {
    const b = await engine.brief({ articles });
    expect(b.headline.length).toBeGreaterThan(10);
    expect(b.headline).not.toMatch(/Coastal Herald$/); // outlet suffix cleaned off
    expect(b.lede.split(/\s+/).length).toBeGreaterThanOrEqual(6);
    expect(b.takeaways.length).toBeGreaterThanOrEqual(3);
    expect(b.takeaways.length).toBeLessThanOrEqual(5);
    expect(b.whyItMatters.length).toBeGreaterThan(20);
    expect(b.actors.length).toBeGreaterThan(0);
    // Sources ordered by publishedAt: the Herald (09:00) is [1], Northline (11:30) is [2].
    expect(b.sources.map((s) => [s.n, s.outlet])).toEqual([
      [1, 'Coastal Herald'],
      [2, 'Northline News'],
    ]);
    expect(b.sources[0]).toMatchObject({ url: harbourCoast.url, publishedAt: harbourCoast.publishedAt, title: harbourCoast.title });
  });

  it('cites every outlet that states a takeaway', async () => {
    const b = await engine.brief({ articles });
    for (const t of b.takeaways) {
      expect(t.sources.length).toBeGreaterThan(0);
      for (const n of t.sources) expect([1, 2]).toContain(n);
    }
    // Both outlets report the strike's end, the 7 percent pay rise and the 78 percent vote, in
    // near-identical sentences: those takeaways cite both.
    const shared = b.takeaways.filter((t) => /ended (a|their) nine-day strike|7 percent|78 percent/.test(t.text));
    expect(shared.length).toBeGreaterThanOrEqual(2);
    for (const t of shared) expect(t.sources).toEqual([1, 2]);
    // A fact only the Herald gives cites the Herald alone.
    const heraldOnly = b.takeaways.find((t) => /three weeks|Ivan Mercer|3,000 workers/.test(t.text));
    if (heraldOnly) expect(heraldOnly.sources).toEqual([1]);
  });

  it('shows only sentences found in the sources, with no near-duplicates', async () => {
    const b = await engine.brief({ articles });
    for (const s of [b.lede, ...b.takeaways.map((t) => t.text)]) expect(foundInSources(s, articles), s).toBe(true);
    const whyParts = b.whyItMatters.split(/(?<=[.!])\s+(?=[A-Z])/);
    for (const s of whyParts) expect(foundInSources(s, articles), s).toBe(true);
    const all = [b.lede, ...b.takeaways.map((t) => t.text)];
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++) expect(overlap(all[i]!, all[j]!), `${all[i]} / ${all[j]}`).toBeLessThan(0.6);
  });

  it('never shows boilerplate, questions or bylines', async () => {
    const b = await engine.brief({ articles });
    const text = shownSentences(b).join('\n');
    expect(text).not.toMatch(/click here|share this|by mara quill|photo credit|\?/i);
    expect(text).not.toMatch(/Herald Wire\)/); // the dateline is stripped from the lead sentence
  });

  it('is deterministic and independent of the order articles arrive in', async () => {
    const a = await engine.brief({ articles });
    const b = await engine.brief({ articles: [harbourWire, harbourCoast] });
    expect(b).toEqual(a);
    expect(JSON.stringify(await engine.brief({ articles }))).toBe(JSON.stringify(a));
  });

  it('respects the word budget and the takeaway limit', () => {
    const def = briefExtractive({ articles: [harbourCoast, harbourWire, harbourQuota] });
    expect(wordsIn(def)).toBeLessThanOrEqual(200);
    const small = briefExtractive({ articles, maxWords: 70, maxTakeaways: 3 });
    expect(wordsIn(small)).toBeLessThanOrEqual(70);
    expect(small.takeaways.length).toBeLessThanOrEqual(3);
    expect(small.takeaways.length).toBeGreaterThan(0);
  });
});

describe('extractive engine: topic bias', () => {
  it('favours sentences that match the requested topic', () => {
    const articles = [harbourCoast, harbourWire, harbourQuota];
    const count = (b: Briefing) => b.takeaways.filter((t) => /quota/i.test(t.text)).length;
    const plain = briefExtractive({ articles });
    const focused = briefExtractive({ articles, topic: 'herring fishing quotas' });
    expect(count(focused)).toBeGreaterThan(count(plain));
    expect(count(focused)).toBeGreaterThanOrEqual(2);
  });
});

describe('extractive engine: one article', () => {
  it('briefs a single-source story: the news as its lede, the key facts after it as takeaways', async () => {
    const b = await engine.brief({ articles: [libraryStory] });
    expect(b.headline).toBe('Orrin Falls opens solar-powered library');
    expect(b.takeaways.length).toBeGreaterThanOrEqual(3);
    expect(b.takeaways.every((t) => t.sources.join() === '1')).toBe(true);
    // The lede is the news (who did what, where, when), not what the takeaways left over.
    expect(b.lede).toContain('first building in the county');
    expect(b.takeaways.map((t) => t.text).join(' ')).toContain('4.2 million crowns');
    for (const s of [b.lede, ...b.takeaways.map((t) => t.text)]) expect(foundInSources(s, [libraryStory])).toBe(true);
    expect(b.takeaways.map((t) => t.text)).not.toContain(b.lede);
  });

  it('cleans datelines, bylines, captions, headings and bullet residue', async () => {
    const b = await engine.brief({ articles: [junkyStory] });
    const text = shownSentences(b).join('\n');
    expect(text).not.toMatch(/PUBLISHED|UPDATED|Daily Example Reporter|Key Takeaways|Scroll down|Click here/);
    expect(text).not.toMatch(/\(Example News\)|•|\b1Crews/);
    expect(text).not.toContain('A firefighter sprays water'); // caption: no closing punctuation
    expect(text).not.toContain('?');
    // The lead fact survives with its junk prefix removed.
    expect(text).toContain('Firefighters evacuated three villages near Keldor on Monday');
    expect(text).toMatch(/^Crews from four provinces|\nCrews from four provinces|Strong winds pushed/m);
  });

  it('strips a title-case dateline and passes over a participle caption', async () => {
    const story: BriefingArticle = {
      id: 11,
      url: 'https://news.example/brenna-bridge',
      title: 'Brenna bridge reopens after storm repairs',
      text: [
        'Brenna — Engineers reopened the Tallow river bridge in Brenna on Friday after six weeks of repairs following the October storm.',
        'Local residents crossing the reopened Tallow bridge in Brenna on Friday morning.',
        'The bridge carries about 12,000 vehicles a day and its closure had added an hour to commutes between Brenna and the coast.',
        'The repairs cost 4.2 million euros, according to the regional roads office, which said a full inspection would follow in the spring.',
        'Shop owners on both banks said trade had fallen by a third while the bridge was shut.',
        'A temporary ferry that carried pedestrians during the closure will stop running on Sunday.',
        'The council said it would review how the storm warning was handled before the bridge was damaged.',
        'Buses will return to their normal routes from Monday, the transport company said.',
      ].join('\n\n'),
    };
    const b = await engine.brief({ articles: [story] });
    const text = shownSentences(b).join('\n');
    expect(text).toContain('Engineers reopened the Tallow river bridge');
    expect(text).not.toMatch(/Brenna —/);
    expect(text).not.toContain('Local residents crossing');
  });

  it('never shows a sentence that means nothing without the one before it', async () => {
    const listy: BriefingArticle = {
      id: 9,
      url: 'https://news.example/levee',
      title: 'Levee talks in Marrow County turn to three open questions',
      text: [
        'County officials and the river authority met in Marrow on Tuesday to settle how the broken levee will be rebuilt before the spring floods.',
        'Three questions remain open after the meeting, according to both sides.',
        'The first is who pays for the 14 kilometres of new embankment along the Sallow river.',
        'The second is how quickly the 2,300 displaced residents can return to their homes.',
        'The third is security after the withdrawal of the emergency crews.',
        'These are the questions that stalled the last round of talks in March.',
        'The river authority said a draft plan would be published within two weeks.',
        'Residents have demanded a public hearing before any contract for the works is signed.',
      ].join(' '),
    };
    const b = await engine.brief({ articles: [listy] });
    const text = shownSentences(b).join('\n');
    expect(text).not.toMatch(/The second is|The third is|These are the questions/);
    expect(b.takeaways.length).toBeGreaterThanOrEqual(3);
  });
});

describe('extractive engine: nothing to brief', () => {
  it('rejects an empty story with a clear error', async () => {
    await expect(engine.brief({ articles: [] })).rejects.toThrow(/nothing to brief/);
    await expect(engine.brief({ articles: [] })).rejects.toBeInstanceOf(UserError);
  });

  it('rejects articles without usable sentences instead of briefing boilerplate', async () => {
    const junk: BriefingArticle = {
      id: 1,
      title: 'Gallery',
      url: 'https://x.example/g',
      text: 'Click here to subscribe.\n\nShare this\n\nPhoto credit: staff\n\nWhat next?',
    };
    await expect(engine.brief({ articles: [junk] })).rejects.toThrow(/too little usable text/);
    const tiny: BriefingArticle = { id: 2, title: 'Short', url: 'https://x.example/s', text: 'It rained.' };
    await expect(engine.brief({ articles: [tiny] })).rejects.toThrow(/nothing to brief/);
  });
});
