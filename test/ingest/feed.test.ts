import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeXmlEntities, feedDate, FeedError, parseFeed, sniffFeed } from '../../src/ingest/feed.js';

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

/** Wraps RSS 2.0 items in a channel that declares the usual extension namespaces. */
function rss(items: string, lead = ''): string {
  return `${lead}<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:media="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
  xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Orchard Radio</title><link>https://orchard.example/</link>
<atom:link href="https://orchard.example/feed.xml" rel="self" type="application/rss+xml"/>
${items}
</channel></rss>`;
}

describe('real-world feed patterns', () => {
  const now = new Date('2026-06-10T12:00:00Z');

  it('reads a feed with blank lines, spaces or a byte order mark before <?xml', () => {
    const item = '<item><title>Cider press opens</title><link>https://orchard.example/press</link></item>';
    for (const lead of ['\n\n', '  \r\n\t', '\uFEFF\n']) {
      expect(sniffFeed(rss(item, lead))).toBe('rss');
      expect(parseFeed(rss(item, lead)).items.map((i) => i.title)).toEqual(['Cider press opens']);
    }
  });

  it('RSS 1.0 with both <title> and <dc:title>: one title, not two run together', () => {
    const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://flats.example/"><title>Flat listings</title><dc:title>Flat listings</dc:title><link>https://flats.example/</link></channel>
<item rdf:about="https://flats.example/7"><title><![CDATA[Sunny loft near the canal 80m<sup>2</sup>]]></title><dc:title><![CDATA[Sunny loft near the canal 80m<sup>2</sup>]]></dc:title>
<link>https://flats.example/7</link><dc:date>2026-06-01T09:00:00Z</dc:date></item>
<item rdf:about="https://flats.example/8"><dc:title>Garden room, quiet street</dc:title></item>
</rdf:RDF>`;
    const feed = parseFeed(rdf, { now });
    expect(feed.title).toBe('Flat listings');
    expect(feed.items.map((i) => i.title)).toEqual(['Sunny loft near the canal 80m2', 'Garden room, quiet street']);
    // An item without <link> is named by its rdf:about.
    expect(feed.items[1]!.guid).toBe('https://flats.example/8');
  });

  it('media:title and itunes:title are not the item title; atom:link rel=self is not the item link', () => {
    const feed = parseFeed(
      rss(`<item><title>Episode 12: Grafting season</title><itunes:title>Grafting season</itunes:title><media:title>Grafting season (audio)</media:title>
  <atom:link rel="self" href="https://orchard.example/api/12.json"/><link>https://orchard.example/ep/12</link></item>
<item><title>Episode 11: Frost nights</title><atom:link rel="self" href="https://orchard.example/api/11.json"/><guid>https://orchard.example/ep/11</guid></item>
<item><title>Episode 10: Bees</title><atom:link rel="alternate" href="https://orchard.example/ep/10"/></item>`),
      { now },
    );
    expect(feed.items.map((i) => [i.title, i.link])).toEqual([
      ['Episode 12: Grafting season', 'https://orchard.example/ep/12'],
      ['Episode 11: Frost nights', 'https://orchard.example/ep/11'],
      ['Episode 10: Bees', 'https://orchard.example/ep/10'],
    ]);
    // The channel's self link is not the site link either.
    expect(parseFeed(rss('')).link).toBe('https://orchard.example/');
  });

  it('Atom: media:content does not replace the entry content; xhtml content and titles keep their nested text', () => {
    const atom = `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Tide <em>tables</em></div></title>
<entry><title>Spring tides peak this week</title><link href="https://tides.example/spring"/><id>t-1</id><updated>2026-06-02T06:00:00Z</updated>
<media:content url="https://tides.example/wave.jpg" medium="image"/>
<content type="html">&lt;p&gt;The highest tides of the year arrive on Thursday, the harbour master said.&lt;/p&gt;</content></entry>
<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Neap tides <b>return</b></div></title><link href="https://tides.example/neap"/><id>t-2</id>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Boats can leave at <b>any hour</b> again &amp; the slipway reopens.</p><p>Second paragraph.</p></div></content></entry>
</feed>`;
    const feed = parseFeed(atom, { now });
    expect(feed.title).toBe('Tide tables');
    expect(feed.items[0]!.content).toBe('The highest tides of the year arrive on Thursday, the harbour master said.');
    expect(feed.items[1]!.title).toBe('Neap tides return');
    expect(feed.items[1]!.content).toBe('Boats can leave at any hour again & the slipway reopens.\n\nSecond paragraph.');
  });

  it('reads an Atom feed whose elements carry a prefix', () => {
    const atom = `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>Prefixed</a:title>
<a:entry><a:title>Kelp farm expands</a:title><a:link href="https://kelp.example/1"/><a:id>k-1</a:id><a:summary>More lines in the bay.</a:summary></a:entry></a:feed>`;
    const feed = parseFeed(atom, { now });
    expect(feed).toMatchObject({ kind: 'atom', title: 'Prefixed' });
    expect(feed.items[0]).toMatchObject({ title: 'Kelp farm expands', link: 'https://kelp.example/1', summary: 'More lines in the bay.' });
  });

  it('description mixing escaped markup and CDATA; HTML nested far deeper than the XML parser allows', () => {
    const deep = `${'<div>'.repeat(400)}Deep text survives.${'</div>'.repeat(400)}`;
    const feed = parseFeed(
      rss(`<item><title>Mixed</title><link>https://orchard.example/m</link><description>&lt;p&gt;Escaped &amp;amp; part.&lt;/p&gt;<![CDATA[<p>Literal &amp; part.</p>]]></description></item>
<item><title>Deep</title><link>https://orchard.example/d</link><content:encoded><![CDATA[${deep}]]></content:encoded><description>${deep}</description></item>`),
      { now },
    );
    expect(feed.items[0]!.summary).toBe('Escaped & part.\n\nLiteral & part.');
    expect(feed.items[1]!.content).toBe('Deep text survives.');
    expect(feed.items[1]!.summary).toBe('Deep text survives.');
  });

  it('a bare "&" in text or a link query is read as written; other invalid XML is still refused', () => {
    const feed = parseFeed(rss('<item><title>Tom & Jerry reunion</title><link>https://orchard.example/s?a=1&b=2</link></item>'), { now });
    expect(feed.items[0]).toMatchObject({ title: 'Tom & Jerry reunion', link: 'https://orchard.example/s?a=1&b=2' });
    expect(() => parseFeed(rss('<item><title>Unclosed</item>'))).toThrow(/^invalid XML at line \d+/);
    expect(() => parseFeed(rss('<item><title>x</title></item>', '<!DOCTYPE rss [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'))).toThrow(/declares XML entities/);
  });

  it('feed dates outside 1980 .. the moment of ingest leave the item undated; a few hours ahead is taken as now', () => {
    const dated = (d: string) => `<item><title>${d}</title><link>https://orchard.example/${encodeURIComponent(d)}</link><pubDate>${d}</pubDate></item>`;
    const dates = ['Fri, 31 Dec 9999 23:59:59 GMT', '+275760-09-13T00:00:00.000Z', 'Thu, 01 Jan 1970 00:00:00 GMT', '2027-01-05T10:00:00Z', '2026-06-10T15:00:00Z', 'Mon, 08 Jun 2026 07:30:00 +0200', '08 Jun 26 07:30 GMT', '12'];
    const feed = parseFeed(rss(dates.map(dated).join('\n')), { now });
    const byTitle = Object.fromEntries(feed.items.map((i) => [i.title, i.publishedAt]));
    expect(byTitle).toEqual({
      'Fri, 31 Dec 9999 23:59:59 GMT': undefined,
      '+275760-09-13T00:00:00.000Z': undefined,
      'Thu, 01 Jan 1970 00:00:00 GMT': undefined,
      '2027-01-05T10:00:00Z': undefined,
      '2026-06-10T15:00:00Z': now.toISOString(),
      'Mon, 08 Jun 2026 07:30:00 +0200': '2026-06-08T05:30:00.000Z',
      '08 Jun 26 07:30 GMT': '2026-06-08T07:30:00.000Z',
      '12': undefined,
    });
    expect(feedDate('2026-06-09T23:00:00-05:00', now)).toBe('2026-06-10T04:00:00.000Z');
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items: [{ id: '1', url: 'https://j.example/1', content_text: 'x', date_published: '9999-12-31T00:00:00Z' }] });
    expect(parseFeed(json, { now }).items[0]!.publishedAt).toBeUndefined();
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>a</title><id>1</id><updated>+275760-09-13T00:00:00Z</updated></entry></feed>`;
    expect(parseFeed(atom, { now }).items[0]!.publishedAt).toBeUndefined();
  });
});
