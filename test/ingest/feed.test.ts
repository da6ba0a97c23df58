import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeXmlEntities, FeedError, parseFeed, sniffFeed } from '../../src/ingest/feed.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url), 'utf8');

/** An RSS feed with n items, dated one minute apart, oldest first in the document. */
export function bigRss(n: number): string {
  const items: string[] = [];
  const base = Date.UTC(2026, 0, 1);
  for (let i = 0; i < n; i++) {
    items.push(
      `<item><title>Item ${i}</title><link>https://bulk.example/${i}</link><pubDate>${new Date(base + i * 60_000).toUTCString()}</pubDate><description>Short note number ${i}.</description></item>`,
    );
  }
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Bulk Wire</title>${items.join('')}</channel></rss>`;
}

describe('parseFeed', () => {
  it('reads RSS 2.0: items newest first, entities decoded, content:encoded as clean text', () => {
    const feed = parseFeed(fixture('rss.xml'));
    expect(feed.kind).toBe('rss');
    expect(feed.title).toBe('Harbor Town Gazette');
    expect(feed.items.map((i) => i.title)).toEqual(['Ferry service resumes after storm & repairs', 'Library extends weekend hours']);
    const ferry = feed.items[0]!;
    expect(ferry).toMatchObject({
      link: 'https://gazette.example/news/ferry-resumes?utm_source=rss&id=7',
      guid: 'gazette-7',
      publishedAt: '2026-06-04T08:30:00.000Z',
      author: 'Mira Okafor',
      summary: 'The ferry runs again.',
    });
    expect(ferry.content).toMatch(/^The island ferry returned/);
    expect(ferry.content).not.toMatch(/Share on Facebook/);
    expect(ferry.content!.split('\n\n')).toHaveLength(3);
    expect(feed.items[1]!.summary).toBe('The central library will open on Sundays from July, the council said.');
    // An aggregator item names its own outlet in <source>; the feed's own items do not.
    expect(feed.items[1]!.source).toBe('Island Courier');
    expect(ferry.source).toBeUndefined();
  });

  it('reads Atom: html content, alternate link, captions dropped, newest first', () => {
    const feed = parseFeed(fixture('atom.xml'));
    expect(feed).toMatchObject({ kind: 'atom', title: 'Valley Science Notes', link: 'https://science.example/', totalItems: 2, skippedItems: 0 });
    const bees = feed.items[0]!;
    expect(bees).toMatchObject({ title: 'Bee survey finds more hives', link: '/bees', author: 'Tomas Reyes', publishedAt: '2026-05-19T12:00:00.000Z' });
    expect(bees.content).toContain('212 wild hives');
    expect(bees.content).not.toContain('A hive in an old oak');
    expect(feed.items[1]!.summary).toBe('Moss grows faster in shaded creek beds, volunteers found.');
  });

  it('reads JSON Feed', () => {
    const feed = parseFeed(fixture('feed.json'));
    expect(feed).toMatchObject({ kind: 'json', title: 'Plains Weather Desk' });
    expect(feed.items[0]).toMatchObject({ title: 'Hail warning lifted for the western counties', author: 'Ana Lindqvist', guid: 'w-1' });
    expect(feed.items[0]!.content!.split('\n\n')).toHaveLength(3);
    expect(feed.items[1]!.summary).toBe('River gauges show levels falling at all stations.');
  });

  it('reads RSS 1.0 (RDF)', () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://lake.example/"><title>Lake Post</title><link>https://lake.example/</link></channel>
      <item rdf:about="https://lake.example/1"><title>Ice is out</title><link>https://lake.example/1</link><dc:date>2026-04-02T08:00:00Z</dc:date><description>The lake ice broke up early this year.</description></item>
    </rdf:RDF>`;
    const feed = parseFeed(rdf);
    expect(feed).toMatchObject({ kind: 'rdf', title: 'Lake Post' });
    expect(feed.items[0]).toMatchObject({ title: 'Ice is out', link: 'https://lake.example/1', publishedAt: '2026-04-02T08:00:00.000Z' });
  });

  it('caps 10,000 items to the newest maxItems and reports how many were skipped', () => {
    const feed = parseFeed(bigRss(10_000), { maxItems: 200 });
    expect(feed.totalItems).toBe(10_000);
    expect(feed.items).toHaveLength(200);
    expect(feed.skippedItems).toBe(9_800);
    expect(feed.items[0]!.title).toBe('Item 9999');
    expect(feed.items[199]!.title).toBe('Item 9800');
  });

  it('refuses a billion-laughs feed without expanding it', () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>`;
    expect(() => parseFeed(laughs)).toThrow(FeedError);
    expect(() => parseFeed(laughs)).toThrow(/declares XML entities/);
  });

  it('leaves unknown entity references unexpanded', () => {
    const feed = parseFeed('<rss version="2.0"><channel><title>A &amp; B &custom; &#8212; &#x2019;</title></channel></rss>');
    expect(feed.title).toBe('A & B &custom; — ’');
    expect(decodeXmlEntities('&lt;p&gt; &quot;x&quot; &apos;y&apos; &#0;')).toBe('<p> "x" \'y\' &#0;');
  });

  it('refuses truncated and invalid XML with the line', () => {
    const truncated = fixture('rss.xml').slice(0, 600);
    expect(() => parseFeed(truncated)).toThrow(/^invalid XML at line \d+/);
    expect(() => parseFeed('<rss version="2.0"><channel><title>x</titel></channel></rss>')).toThrow(/invalid XML/);
  });

  it('refuses things that are not feeds, and oversize input before parsing', () => {
    expect(() => parseFeed('<html><body>hi</body></html>')).toThrow('XML is not an RSS or Atom feed');
    expect(() => parseFeed('{"items": []}')).toThrow('not an RSS, Atom or JSON feed');
    expect(() => parseFeed('{"version": "https://jsonfeed.org/version/1.1", "items": [')).toThrow(/invalid JSON/);
    expect(() => parseFeed(bigRss(50), { maxChars: 1000 })).toThrow('feed is larger than 1000 characters');
  });

  it('sniffs feed kinds', () => {
    expect(sniffFeed(fixture('rss.xml'))).toBe('rss');
    expect(sniffFeed(fixture('atom.xml'))).toBe('atom');
    expect(sniffFeed(fixture('feed.json'))).toBe('json');
    expect(sniffFeed('<!DOCTYPE html><html></html>')).toBeUndefined();
    expect(sniffFeed('Plain words')).toBeUndefined();
  });
});
