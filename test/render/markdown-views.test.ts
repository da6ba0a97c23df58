// The Markdown renderer of every view model: what the view computed is what it shows, and text
// from articles or users never becomes a mention, a link or markup.
import { describe, expect, it } from 'vitest';
import { briefingView, type View } from '../../src/commands/view.js';
import type { Briefing } from '../../src/domain/types.js';
import { renderMarkdown } from '../../src/render/markdown/index.js';

const briefing: Briefing = {
  headline: 'Talks resume @everyone',
  lede: 'Negotiators met again [link](http://evil.example).',
  takeaways: [{ text: 'A first point <@123>.', sources: [1, 2] }],
  whyItMatters: '',
  actors: [],
  sources: [
    { n: 1, title: 'One', outlet: 'Wire A', url: 'https://a.example/1', publishedAt: '2026-06-04T10:00:00Z' },
    { n: 2, title: 'Two', outlet: 'Wire B', url: 'https://b.example/2', publishedAt: '2026-06-05T08:00:00Z' },
  ],
  coverage: { articles: 7, outlets: 4 },
} as Briefing;

describe('renderMarkdown', () => {
  it('shows the news date, outlet count and the sources not listed, as the view computed them', () => {
    const v = briefingView(briefing, 3);
    expect(v).toMatchObject({ newsDate: '2026-06-05T08:00:00Z', outlets: 4, moreSources: 5, storyId: 3 });
    const md = renderMarkdown(v);
    expect(md).toMatch(/^## Talks resume @\u200beveryone$/m);
    expect(md).toMatch(/^_Jun 5, 2026 · 4 outlets_$/m);
    expect(md).toMatch(/_and 5 more sources_/);
    expect(md).toMatch(/^\[1\] Wire A, "One", Jun 4, 2026 <https:\/\/a\.example\/1>$/m);
    expect(md).not.toMatch(/<@1/);
    expect(md).toContain('\\[link\\](http://evil.example)');
  });

  it('renders every kind of view; none is empty, and user text is defused', () => {
    const views: View[] = [
      { kind: 'digest', window: '24h', items: [] },
      { kind: 'digest', window: '24h', items: [{ ...briefingView(briefing, 1), storyId: 1 }, { ...briefingView(briefing, 2), storyId: 2 }] },
      { kind: 'stories', stories: [], anyUndated: false },
      {
        kind: 'stories',
        anyUndated: true,
        stories: [{ id: 4, headline: 'Quiet harbour', updatedAt: '2026-06-03T00:00:00Z', lastSeenAt: '2026-06-02T00:00:00Z', articleCount: 1, articles: [] }],
      },
      { kind: 'timeline', timeline: { entries: [], sources: [] } },
      { kind: 'names', of: 'actors', names: ['Hamas', '@everyone'] },
      { kind: 'confirmation', message: 'alias added: @here = Hamas' },
      { kind: 'refusal', message: 'only a server manager can change sources' },
      { kind: 'error', code: 'not_found', message: 'no story matches "<!channel>"' },
    ];
    const out = views.map((v) => renderMarkdown(v));
    for (const md of out) {
      expect(md.trim().length).toBeGreaterThan(0);
      expect(md).not.toMatch(/@(everyone|here)|<!channel>/);
    }
    expect(out[0]).toBe('_No stories moved in the last 24h._\n');
    expect(out[1]!.split('\n---\n')).toHaveLength(2);
    expect(out[3]).toMatch(/^- \*\*#4\*\* Quiet harbour _\(1 article, seen Jun 2, 2026\)_$/m);
    expect(out[3]).toMatch(/"seen": none of the story's articles/);
    expect(out[4]).toBe('_No dated events found._\n');
    expect(out[5]).toBe('Hamas\n@\u200beveryone\n');
  });
});
