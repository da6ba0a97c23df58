// The Slack Block Kit renderer at every limit and with hostile article text: nothing pings,
// nothing makes a link but our numbered sources, nothing breaks a limit, no word is cut, every
// source stays visible, dates are shown in the channel's time zone.
import { describe, expect, it } from 'vitest';
import { briefingView, type View } from '../../src/commands/view.js';
import type { Briefing } from '../../src/domain/types.js';
import { chunks, renderSlack, slackDate, slackLink, slackText } from '../../src/render/slack/index.js';
import { expectValidBlockKit, linksOf, textsOf } from '../slack/block-kit-check.js';

const HOSTILE = '@everyone <!channel> <!here> <@U123> <http://evil.example|click> [link](http://evil.example) *bold* _it_ ~s~ `code` & done';
/** A 10,000-character sentence of numbered words: a cut word would show as "w12" without its "x". */
const LONG = `${Array.from({ length: 1500 }, (_, i) => `w${i}x`).join(' ')}`.slice(0, 10_000).replace(/ \S*$/, '') + '.';
const longWords = LONG.split(' ').length;

function hostileBriefing(sources = 20): Briefing {
  return {
    headline: `${'Ceasefire talks resume <!channel> '.repeat(12)}`,
    lede: `Negotiators met. ${HOSTILE}`,
    takeaways: [
      { text: HOSTILE, sources: [1, 2] },
      { text: LONG, sources: [3] },
      { text: 'Aid trucks & fuel entered <@U999>.', sources: [4] },
    ],
    whyItMatters: `It matters > less. ${HOSTILE}`,
    actors: [{ name: '<!subteam^S1> Hamas', kind: 'organisation', role: '@here negotiator' }],
    phase: { name: 'Phase two <!here>', status: 'stalled' },
    sources: Array.from({ length: sources }, (_, i) => ({
      n: i + 1,
      title: i === 0 ? `<http://evil.example|click> ${HOSTILE}` : `Report ${i + 1} @channel`,
      outlet: i === 1 ? '<!everyone> Wire' : `Outlet ${i + 1}`,
      url: i === 2 ? 'javascript:alert(1)' : i === 3 ? 'https://user:pw@news.example/a|b>c d?x=1&y=<2>' : `https://news.example/${i + 1}`,
      publishedAt: `2026-06-0${(i % 5) + 1}T02:00:00Z`,
    })),
    coverage: { articles: sources + 7, outlets: 9 },
  } as Briefing;
}

describe('Slack escaping', () => {
  it('escapes &, < and > and defuses mentions and formatting in article text', () => {
    const t = slackText(HOSTILE);
    expect(t).not.toMatch(/[<>]/);
    expect(t).toContain('&lt;!channel&gt;');
    expect(t).toContain('&lt;@U123&gt;');
    expect(t).toContain('&lt;http://evil.example|click&gt;');
    expect(t).toContain('&amp; done');
    expect(t).not.toMatch(/@everyone/);
    expect(t).not.toMatch(/[^\u200b][*_~`]|[*_~`][^\u200b]/);
    expect(slackText('> quoted\nnext')).toBe('\u200b&gt; quoted next');
  });

  it('makes links only of http(s) URLs, with nothing that can end the link', () => {
    expect(slackLink('https://a.example/x', 'A <b> & c')).toBe('<https://a.example/x|A &lt;b&gt; &amp; c>');
    expect(slackLink('https://u:p@a.example/p|q>r s?a=1&b=2', 'T')).toBe('<https://a.example/p%7Cq%3Er%20s?a=1&amp;b=2|T>');
    expect(slackLink('javascript:alert(1)', 'x')).toBe('x (javascript:alert(1))');
    expect(slackLink('not a url <!here>', 'y')).toBe('y (not a url &lt;!here&gt;)');
  });

  it('shows dates in the channel time zone', () => {
    expect(slackDate('2026-06-05T02:00:00Z')).toBe('Jun 5, 2026');
    expect(slackDate('2026-06-05T02:00:00Z', 'America/New_York')).toBe('Jun 4, 2026');
    expect(slackDate('nonsense')).toBeUndefined();
  });

  it('splits long text at sentences, then words, never inside a word, an escape or a link', () => {
    const parts = chunks(LONG, 3000);
    expect(parts.length).toBe(4);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(3000);
    expect(parts.join(' ')).toBe(LONG);
    const sentences = chunks('First sentence here. Second one is longer than that. Third.', 40);
    expect(sentences[0]).toBe('First sentence here.');
    const escaped = chunks(`${'a'.repeat(2997)}&amp;b`, 3000);
    expect(escaped[0]).toBe('a'.repeat(2997));
    const link = `${'x '.repeat(1400)}<https://a.example/${'p'.repeat(300)}|title>`;
    for (const p of chunks(link, 3000)) expect((p.match(/</g) ?? []).length).toBe((p.match(/>/g) ?? []).length);
  });
});

describe('renderSlack', () => {
  it('renders a hostile briefing inside every limit, every source visible as a numbered link', () => {
    const msgs = renderSlack(briefingView(hostileBriefing(), 7), { timeZone: 'America/New_York' });
    for (const m of msgs) expectValidBlockKit(m, ['news.example']);
    const all = msgs.flatMap(textsOf).join('\n');
    const header = msgs[0]!.blocks[0]!;
    expect(header.type).toBe('header');
    expect(header.type === 'header' && header.text.text).toMatch(/^Ceasefire talks resume &lt;!channel&gt;.*…$/);
    // Every word of the 10,000-character sentence is there, whole and in order.
    const words = [...all.matchAll(/\bw(\d+)(x?)/g)];
    expect(words).toHaveLength(longWords);
    expect(words.every((w, i) => w[2] === 'x' && Number(w[1]) === i)).toBe(true);
    // Sources: 20 numbered lines; 19 links (javascript: is shown, not linked); credentials gone.
    for (let n = 1; n <= 20; n++) expect(all).toMatch(new RegExp(`^\\[${n}\\] `, 'm'));
    const links = msgs.flatMap(linksOf);
    expect(links).toHaveLength(19);
    expect(links).toContain('https://news.example/a%7Cb%3Ec%20d?x=1&amp;y=%3C2%3E');
    expect(all).toContain('javascript:alert(1)');
    expect(all).toMatch(/_and 7 more sources_/);
    // Dates in the channel's zone: 02:00 UTC on Jun 5 is Jun 4 in New York.
    expect(all).toMatch(/^Jun 4, 2026 · 9 outlets · story #7 · phase: Phase two &lt;!here&gt; \(stalled\)$/m);
    expect(all).toMatch(/^\[2\] <https:\/\/news\.example\/2\|Report 2 @\u200bchannel> · &lt;!everyone&gt; Wire · Jun 1, 2026$/m);
  });

  it('splits a digest too long for one message across messages, and cuts past the cap with a pointer', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ ...briefingView(hostileBriefing(20), i + 1), storyId: i + 1 }));
    const view: View = { kind: 'digest', window: '24h', items };
    const all = renderSlack(view, { maxMessages: 100 });
    expect(all.length).toBeGreaterThan(4);
    for (const m of all) expectValidBlockKit(m, ['news.example']);
    for (const m of all) expect(m.blocks[0]!.type).not.toBe('divider');
    // Every story's header is in some message.
    expect(all.flatMap((m) => m.blocks).filter((b) => b.type === 'header')).toHaveLength(12);
    const cut = renderSlack(view);
    expect(cut).toHaveLength(4);
    for (const m of cut) expectValidBlockKit(m, ['news.example']);
    const last = cut.at(-1)!.blocks.at(-1)!;
    expect(last.type === 'context' && last.elements[0]!.text).toMatch(/^:scissors: Cut here: \d+ more parts did not fit in 4 messages\./);
  });

  it('keeps each message within 50 blocks when a view has many small parts', () => {
    const stories = Array.from({ length: 2000 }, (_, i) => ({
      id: i + 1,
      headline: `Story ${i} <!here> ${'long '.repeat(40)}`,
      updatedAt: '2026-06-03T00:00:00Z',
      lastSeenAt: '2026-06-02T00:00:00Z',
      articleCount: 2,
      articles: [],
    }));
    const msgs = renderSlack({ kind: 'stories', stories, anyUndated: true }, { maxMessages: 1000 });
    for (const m of msgs) expectValidBlockKit(m);
    const lines = msgs.flatMap((m) => textsOf(m).slice(1)).join('\n').match(/^• \*#\d+\*/gm)!;
    expect(lines).toHaveLength(2000);
    const small = { ...hostileBriefing(1), takeaways: [{ text: HOSTILE, sources: [1] }], headline: 'Short <!here>' } as Briefing;
    const digest: View = { kind: 'digest', window: '7d', items: Array.from({ length: 30 }, (_, i) => ({ ...briefingView(small, i + 1), storyId: i + 1 })) };
    const d = renderSlack(digest, { maxMessages: 1000 });
    for (const m of d) expectValidBlockKit(m, ['news.example']);
    expect(d.length).toBeGreaterThan(3);
    expect(d.slice(0, -1).every((m) => m.blocks.length >= 44)).toBe(true);
  });

  it('renders every kind of view, hostile text defused', () => {
    const views: View[] = [
      { kind: 'digest', window: '24h', items: [] },
      { kind: 'stories', stories: [], anyUndated: false },
      { kind: 'timeline', timeline: { entries: [], sources: [] } },
      {
        kind: 'timeline',
        timeline: {
          entries: [{ date: '2025-10-10', text: HOSTILE, storyline: { id: 1, title: '<!here> talks' }, sources: [1] }],
          sources: [{ n: 1, title: HOSTILE, url: 'https://news.example/t', publishedAt: '2025-10-10T00:00:00Z' }],
        },
      },
      {
        kind: 'actor',
        answer: {
          name: 'Hamas <!channel>',
          kind: 'organisation',
          aliases: ['@here'],
          roles: ['<@U1>'],
          people: [{ name: 'X', roles: ['y'] }],
          activity: [{ date: null, dateText: 'on Wednesday', text: HOSTILE, kind: 'said', sources: [1] }],
          stance: [{ issue: 'hostages', issues: ['hostages'], text: LONG, sources: [1] }],
          stories: [1],
          appearsIn: [{ id: 1, headline: '<!channel>' }],
          sources: [{ n: 1, title: 'T', url: 'https://news.example/a' }],
        },
      },
      { kind: 'actor', answer: { name: 'x', nothingKnown: true, message: 'nothing known about <!here>', suggestions: ['@everyone'] } },
      { kind: 'phase', answer: { name: 'p', nothingKnown: true, message: '<@U1> unknown' } },
      {
        kind: 'phase',
        answer: {
          name: 'Phase two <!here>',
          candidates: [{ key: '1:2025-10', process: 'ceasefire <@U1>', storylineId: 1, storylineIds: [1], from: '2025-10-01T00:00:00Z', to: '2025-10-09T00:00:00Z', articles: 3, status: null }],
        },
      },
      { kind: 'names', of: 'actors', names: ['Hamas', '@everyone', '<!channel>'] },
      { kind: 'names', of: 'phases', names: [] },
      { kind: 'confirmation', message: 'alias added: @here = <!channel>' },
      { kind: 'refusal', message: 'only a workspace admin can change sources' },
      { kind: 'error', code: 'not_found', message: 'no story matches "<!channel>"' },
    ];
    for (const v of views) {
      const msgs = renderSlack(v);
      expect(msgs.length).toBeGreaterThan(0);
      for (const m of msgs) expectValidBlockKit(m, ['news.example']);
    }
    expect(textsOf(renderSlack(views[0]!)[0]!)).toContain('_No stories moved in the last 24h._');
    expect(renderSlack(views[4]!).flatMap(textsOf).join('\n')).toContain('on Wednesday (article undated)');
    expect(renderSlack(views[3]!).flatMap(textsOf).join('\n')).toMatch(/^• Oct 10, 2025: /m);
  });
});
