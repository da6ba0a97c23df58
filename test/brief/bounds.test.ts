// Titles, sources per briefing and citations per takeaway are bounded, and the true counts told.
import { describe, expect, it } from 'vitest';
import { renderBriefingMarkdown } from '../../src/render/markdown/briefing.js';
import { boundBriefing, boundText, MAX_BRIEFING_SOURCES, MAX_TAKEAWAY_CITATIONS, MAX_TITLE_CHARS } from '../../src/domain/bounds.js';
import type { Briefing } from '../../src/domain/types.js';
import { buildDraft } from '../../src/ingest/normalize.js';
import { createExtractiveEngine } from '../../src/brief/extractive.js';

const longTitle = 'Storm '.repeat(25_000); // 150,000 characters

describe('titles', () => {
  it('a 150,000-character title is stored as at most 300 characters, cut at a word', () => {
    const draft = buildDraft({ url: 'https://a.example/1', title: longTitle, text: 'The storm passed the coast overnight and the roads reopened in the morning.', via: 'page' });
    expect(draft.title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    expect(draft.title).toMatch(/^Storm Storm .* Storm…$/);
    expect(boundText('Short title')).toBe('Short title');
  });

  it('titles and outlets lose control characters (terminal escapes) and outlets are bounded too', () => {
    const draft = buildDraft({
      url: 'https://a.example/2',
      title: 'Storm\u001b]0;owned\u0007 passes\u001b[2J',
      outlet: `Coast\u009b31m News ${'x'.repeat(500)}`,
      text: 'The storm passed the coast overnight and the roads reopened in the morning.',
      via: 'page',
    });
    expect(draft.title).toBe('Storm]0;owned passes[2J');
    expect(draft.outlet!.length).toBeLessThanOrEqual(100);
    expect(draft.outlet).toMatch(/^Coast31m News x+…$/);
  });
});

function story(n: number, outlets: number): Briefing {
  return {
    headline: longTitle,
    lede: 'The storm passed.',
    takeaways: [
      { text: 'Roads reopened.', sources: Array.from({ length: n }, (_, i) => i + 1) },
      { text: 'Ferries resumed.', sources: [n - 1, n] },
    ],
    whyItMatters: '',
    actors: [],
    sources: Array.from({ length: n }, (_, i) => ({ n: i + 1, title: `Report ${i + 1}`, outlet: `Outlet ${i % outlets}`, url: `https://o${i % outlets}.example/${i}` })),
  };
}

describe('boundBriefing', () => {
  it('lists at most 20 sources, cited ones first, renumbered, with the true counts in coverage', () => {
    const b = boundBriefing(story(10_000, 37));
    expect(b.sources).toHaveLength(MAX_BRIEFING_SOURCES);
    expect(b.sources.map((s) => s.n)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(b.coverage).toEqual({ articles: 10_000, outlets: 37 });
    expect(b.headline.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    // Every citation points at a listed source, at most 5 per takeaway.
    for (const t of b.takeaways) {
      expect(t.sources.length).toBeLessThanOrEqual(MAX_TAKEAWAY_CITATIONS);
      for (const n of t.sources) expect(n).toBeLessThanOrEqual(b.sources.length);
    }
    expect(b.takeaways[0]!.sources).toEqual([1, 2, 3, 4, 5]);
    // The second takeaway's sources (9,999 and 10,000) are cited, so they are kept.
    expect(b.sources.map((s) => s.title)).toContain('Report 10000');
    expect(b.takeaways[1]!.sources).toHaveLength(2);
  });

  it('leaves a small briefing as it is (no coverage field)', () => {
    const small = { ...story(3, 2), headline: 'Storm passes' };
    expect(boundBriefing(small)).toEqual(small);
  });

  it('renders a 10,000-article story small: 20 sources, "and 9980 more sources", true outlet count', () => {
    const md = renderBriefingMarkdown(boundBriefing(story(10_000, 37)));
    expect(md.length).toBeLessThan(4000);
    expect(md).toContain('37 outlets');
    expect(md).toContain('_and 9980 more sources_');
    expect(md.match(/^\[\d+\] /gm)).toHaveLength(20);
  });

  it('"N outlets" counts distinct outlets, not sources', () => {
    const md = renderBriefingMarkdown({ ...story(6, 2), headline: 'Storm passes' });
    expect(md).toContain('2 outlets');
  });

  it('the extractive engine\'s briefing of 300 articles, bounded, cites at most 5 per takeaway', async () => {
    const text = (i: number) =>
      `The river rose two metres overnight in the valley town, officials said on Tuesday. Crews built sandbag walls along the market street. Report number ${i} added that schools stayed closed.`;
    const articles = Array.from({ length: 300 }, (_, i) => ({ id: i + 1, title: `River rises in valley town ${i}`, outlet: `Paper ${i % 12}`, url: `https://p${i % 12}.example/${i}`, text: text(i) }));
    const b = boundBriefing(await createExtractiveEngine().brief({ articles }));
    expect(b.sources.length).toBe(20);
    expect(b.coverage).toEqual({ articles: 300, outlets: 12 });
    for (const t of b.takeaways) expect(t.sources.length).toBeLessThanOrEqual(5);
  });
});
