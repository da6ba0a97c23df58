// The Discord renderer at every limit and with hostile article text: nothing pings, nothing
// breaks a limit, every source stays visible, nothing is cut mid-word.
import { describe, expect, it } from 'vitest';
import { briefingView, digestView, type View } from '../../src/commands/view.js';
import type { Briefing } from '../../src/domain/types.js';
import { LIMITS, renderDiscord, type DiscordMessage } from '../../src/render/discord/index.js';
import { cutText, safeHref } from '../../src/render/discord/escape.js';
import { embedSize } from '../../src/render/discord/pack.js';

const HOSTILE = '@everyone look <@123> and <@&456> <#789> @here [link](http://evil.example) ~~gone~~ ||spoiler|| `code`';
const LONG_SENTENCE = Array.from({ length: 1700 }, () => 'lorem').join(' '); // ~10,200 characters, one sentence

function hostileBriefing(sources = 20, takeaways = 30): Briefing {
  return {
    headline: `${HOSTILE} ${LONG_SENTENCE}`,
    lede: `${HOSTILE}. ${LONG_SENTENCE}.`,
    takeaways: Array.from({ length: takeaways }, (_, i) => ({ text: `${HOSTILE} takeaway ${i}. ${LONG_SENTENCE.slice(0, 900)}`, sources: [(i % sources) + 1] })),
    whyItMatters: LONG_SENTENCE,
    actors: [{ name: '@everyone', kind: 'person', role: '<@123>' }],
    phase: { name: 'phase two', status: '@here' },
    sources: Array.from({ length: sources }, (_, i) => ({
      n: i + 1,
      title: `${HOSTILE} source ${i + 1} ${LONG_SENTENCE.slice(0, 400)}`,
      outlet: '<@999> Outlet',
      url: `https://news.example/a/${i + 1}?q=)](http://evil.example)&x=@everyone`,
      publishedAt: '2026-06-06T10:00:00Z',
    })),
    coverage: { articles: sources + 5, outlets: 7 },
  };
}

function allText(m: DiscordMessage): string[] {
  const out = [m.content ?? ''];
  for (const e of m.embeds) out.push(e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text ?? '');
  return out;
}

function expectWithinLimits(msgs: DiscordMessage[]): void {
  expect(msgs.length).toBeGreaterThan(0);
  for (const m of msgs) {
    expect(m.allowed_mentions).toEqual({ parse: [] });
    expect((m.content ?? '').length).toBeLessThanOrEqual(LIMITS.content);
    expect(m.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
    expect(m.embeds.reduce((n, e) => n + embedSize(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
    for (const e of m.embeds) {
      expect((e.title ?? '').length).toBeLessThanOrEqual(LIMITS.title);
      expect((e.description ?? '').length).toBeLessThanOrEqual(LIMITS.description);
      expect((e.fields ?? []).length).toBeLessThanOrEqual(LIMITS.fields);
      for (const f of e.fields ?? []) {
        expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
        expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
        expect(f.value.length).toBeGreaterThan(0);
      }
    }
  }
}

function expectNothingPings(msgs: DiscordMessage[]): void {
  for (const t of msgs.flatMap(allText)) {
    expect(t).not.toMatch(/@(everyone|here)/);
    expect(t).not.toMatch(/<@[!&]?\d+>|<#\d+>/);
    expect(t).not.toMatch(/(^|[^\\])\]\(http:\/\/evil/);
    expect(t).not.toMatch(/(^|[^\\])~~/);
  }
}

/** Every run of letters is a whole word of the text: nothing cut mid-word. */
function expectWholeWords(msgs: DiscordMessage[]): void {
  for (const t of msgs.flatMap(allText)) {
    for (const w of t.match(/\blor[a-z]*|\b[a-z]*rem\b/g) ?? []) expect(w).toBe('lorem');
  }
}

describe('Discord renderer', () => {
  it('keeps a hostile, oversized briefing within every limit, pinging no one, every source visible', () => {
    const msgs = renderDiscord(briefingView(hostileBriefing(), 42));
    expectWithinLimits(msgs);
    expectNothingPings(msgs);
    expectWholeWords(msgs);
    const text = msgs.flatMap(allText).join('\n');
    for (let n = 1; n <= 20; n++) expect(text).toContain(`**[${n}]** [`);
    expect(text).toContain('_and 5 more sources_');
    expect(text).toContain('(cut)');
    // Masked links keep to http(s) and cannot be closed early by the URL.
    const hrefs = [...text.matchAll(/(?<!\\)\]\((https?:[^)\s]*)\)/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThanOrEqual(20);
    for (const h of hrefs) expect(h).toMatch(/^https:\/\/news\.example\/a\/\d+\?q=%29%5D%28http:\/\/evil\.example%29&x=%40everyone$/);
    expect(msgs[0]!.embeds[0]!.title!.length).toBeLessThanOrEqual(256);
    expect(msgs[0]!.embeds[0]!.title).toMatch(/…$/);
  });

  it('splits a digest of many briefings across messages, each within limits', () => {
    const items = Array.from({ length: 8 }, (_, i) => ({ story: { id: i + 1 }, briefing: hostileBriefing(20, 10) }));
    const msgs = renderDiscord(digestView('24h', items));
    expect(msgs.length).toBeGreaterThan(1);
    expectWithinLimits(msgs);
    expectNothingPings(msgs);
    expectWholeWords(msgs);
    expect(msgs[0]!.content).toBe('**Digest**: the last 24h');
  });

  it('fills fields to 25 and embeds to 10 without passing them', () => {
    // 200 short sources: many fields of up to 1024 characters.
    const b = hostileBriefing(200, 1);
    b.sources = b.sources.map((s) => ({ ...s, title: `t${s.n}` }));
    const msgs = renderDiscord(briefingView(b));
    expectWithinLimits(msgs);
    const text = msgs.flatMap(allText).join('\n');
    for (let n = 1; n <= 200; n++) expect(text).toContain(`**[${n}]** [t${n}](`);
  });

  it('renders errors and refusals as ephemeral lines, and small views as one message', () => {
    for (const v of [{ kind: 'error', code: 'not_found', message: `no story matches "${HOSTILE}"` }, { kind: 'refusal', message: 'Manage Server needed' }] as View[]) {
      const [m, ...rest] = renderDiscord(v);
      expect(rest).toHaveLength(0);
      expect(m!.flags).toBe(64);
      expectNothingPings([m!]);
    }
    const names = renderDiscord({ kind: 'names', of: 'actors', names: ['@everyone', 'Hamas'] });
    expectNothingPings(names);
    const stories = renderDiscord({ kind: 'stories', anyUndated: false, stories: [{ id: 1, headline: HOSTILE, updatedAt: '2026-06-06T00:00:00Z', lastSeenAt: '2026-06-06T00:00:00Z', lastPublishedAt: '2026-06-05T23:30:00Z', articleCount: 3, articles: [] }] });
    expect(stories).toHaveLength(1);
    expectNothingPings(stories);
    // Dates in the channel's time zone.
    expect(JSON.stringify(renderDiscord({ kind: 'stories', anyUndated: false, stories: [{ id: 1, headline: 'x', updatedAt: '2026-06-06T00:00:00Z', lastSeenAt: '2026-06-06T00:00:00Z', lastPublishedAt: '2026-06-05T23:30:00Z', articleCount: 3, articles: [] }] }, { timeZone: 'Asia/Tokyo' }))).toContain('Jun 6, 2026');
  });

  it('cuts at a sentence, else a word, with a pointer; http(s) only as links', () => {
    expect(cutText('One two three. Four five six seven.', 20, '…')).toBe('One two three. …');
    expect(cutText('alpha beta gamma delta', 14, '…')).toBe('alpha beta …');
    expect(cutText('x'.repeat(50), 10, '…').length).toBeLessThanOrEqual(10);
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('https://user:pw@a.example/p(x)')).toBe('https://a.example/p%28x%29');
  });
});
