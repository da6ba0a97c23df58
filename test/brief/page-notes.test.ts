// Page furniture passed to the engine as an article or a sentence: a web archive's crawl note, a
// site notice. Ingest refuses such texts (src/cluster/boilerplate.ts); the engine does the same
// for articles a caller hands it directly, and weighs a sentence about the page it sits on down.
import { describe, expect, it } from 'vitest';
import { briefExtractive } from '../../src/brief/extractive.js';
import { aboutThePage } from '../../src/brief/clean.js';
import { words } from '../../src/analyze/text.js';
import { harbourCoast, harbourWire } from './fixtures.js';

const archiveNote = {
  id: 99,
  title: '',
  url: 'https://archive.example/note',
  text: [
    'This crawl collects web pages linked from partner sites so that their links keep working.',
    'When a page changes or goes away, the archived copy of the page is served in place of the broken link.',
    'Site owners can ask for their domain to be left out of the crawl at any time.',
  ].join('\n\n'),
};

describe('page notes', () => {
  it('a sentence about the page itself is recognised; news about the web is not', () => {
    expect(aboutThePage(words('When a page changes or goes away, the archived copy of the page is served in place of the broken link.'))).toBe(true);
    expect(aboutThePage(words('The regulator fined the telecom company 40 million euros on Monday for misleading customers about broadband speeds.'))).toBe(false);
    expect(aboutThePage(words('The startup said its new browser had reached two million users within a month of its launch.'))).toBe(false);
  });

  it('an article that is a site notice gives the briefing nothing', () => {
    const b = briefExtractive({ articles: [harbourCoast, archiveNote, harbourWire], maxWords: 200 });
    const shown = [b.lede, ...b.takeaways.map((t) => t.text), b.whyItMatters].join(' ');
    expect(shown).not.toMatch(/crawl|archived|broken link/i);
    expect(b.takeaways.length).toBeGreaterThanOrEqual(3);
    // Nor is it a source: not listed, not cited, not counted as an outlet.
    expect(b.sources.map((s) => s.url)).not.toContain(archiveNote.url);
    expect(b.sources.map((s) => s.n)).toEqual(b.sources.map((_, i) => i + 1));
    for (const t of b.takeaways) for (const n of t.sources) expect(n).toBeLessThanOrEqual(b.sources.length);
  });
});
