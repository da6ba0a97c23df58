import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, draftFromText, type CollectedItem, type CollectOptions, type ValidatorCache } from '../../src/ingest/collect.js';
import { createSafeFetcher, type FetchValidators, type LookupFunction } from '../../src/ingest/fetcher.js';
import { send, startServer, type TestServer } from './server.js';

const fileFixture = (name: string): string => new URL(`../fixtures/ingest/${name}`, import.meta.url).pathname;
const fixture = (name: string): string => readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url), 'utf8');
const now = new Date('2026-06-04T12:00:00Z');

async function all(inputs: string[], opts: CollectOptions = {}): Promise<CollectedItem[]> {
  const out: CollectedItem[] = [];
  for await (const item of collect(inputs, { now, ...opts })) out.push(item);
  return out;
}

const STORY = `Ferry crews finish repairs at the north pier

Harbor Town, June 2 (Local Wire) - Repair crews finished work on the damaged loading ramp at the north pier late on Monday, the harbour office said.

The ferry is expected to resume its normal timetable on Thursday, with extra crossings at the weekend to clear the backlog of freight.

Share this article
`;

const articleParagraph =
  'Volunteers planted four hundred young trees along the creek on Saturday, the parks department said, in the largest single planting the town has organised. ';

let dir: string;
let server: TestServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-ingest-'));
  const folder = join(dir, 'inbox');
  mkdirSync(join(folder, 'sub'), { recursive: true });
  writeFileSync(join(folder, 'a-story.txt'), STORY);
  writeFileSync(join(folder, 'b-note.md'), `# Creek **planting** draws crowds\n\n${articleParagraph}\n\nMore details on the [parks page](https://parks.example/creek) were promised for next week.\n`);
  writeFileSync(join(folder, 'c-page.html'), fixture('article.html'));
  writeFileSync(join(folder, 'd-photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
  writeFileSync(join(folder, '.hidden.txt'), 'Secret draft that must not be read.\n\nNot for ingest at all, ever.');
  writeFileSync(join(folder, 'sub', 'e-feed.json'), fixture('feed.json'));
  // windows-1252: “ ” é
  writeFileSync(
    join(dir, 'latin.txt'),
    Buffer.concat([
      Buffer.from('Caf'),
      Buffer.from([0xe9]),
      Buffer.from(' owners welcome new market rules\n\nThe owner of the '),
      Buffer.from([0x93]),
      Buffer.from('Blue Caf'),
      Buffer.from([0xe9, 0x94]),
      Buffer.from(' said the new rules for outdoor seating were fair and would help small businesses in the old town.\n'),
    ]),
  );
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'blank.txt'), '  \n\n \n');
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x48, 0x69, 0x00, 0x01, 0x02, 0x00]));
  writeFileSync(join(dir, 'big.txt'), 'word '.repeat(5000));
  writeFileSync(join(dir, 'truncated.xml'), fixture('rss.xml').slice(0, 700));
  writeFileSync(
    join(dir, 'laughs.xml'),
    '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss version="2.0"><channel><title>&b;</title></channel></rss>',
  );
  writeFileSync(join(dir, 'nav-only.html'), '<html><body><nav><a href="/">Home</a></nav><div class="advert">Advertisement</div></body></html>');
  writeFileSync(join(dir, 'feed-no-ext'), fixture('rss.xml'));
  const items: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    items.push(`<item><title>Bulletin ${i}</title><guid>b-${i}</guid><pubDate>${new Date(Date.UTC(2026, 0, 1) + i * 60_000).toUTCString()}</pubDate><description>Bulletin number ${i} was issued.</description></item>`);
  }
  writeFileSync(join(dir, 'huge.xml'), `<?xml version="1.0"?><rss version="2.0"><channel><title>Bulletins</title>${items.join('')}</channel></rss>`);

  server = await startServer({
    '/article': send(fixture('article.html'), 'text/html; charset=utf-8'),
    '/empty-page': send('<html><body><nav>Home</nav><footer>About</footer></body></html>', 'text/html'),
    '/feed': (req, res) => {
      if (req.headers['if-none-match'] === '"feed-v1"') return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"feed-v1"' }).end(shortFeed(server.url));
    },
    '/full-story': send(
      `<html><head><meta property="og:site_name" content="Hill Times"><meta property="article:published_time" content="2026-06-01T07:00:00Z"></head><body><article><h1>Road reopens</h1><p>${'The mountain road reopened to traffic on Monday after crews cleared the last of the rockfall from the upper bends. '.repeat(3)}</p></article></body></html>`,
      'text/html',
    ),
    '/to-private': (_req, res) => res.writeHead(302, { location: 'http://10.0.0.1/' }).end(),
    '/pdf': send(Buffer.from('%PDF-1.4 fake'), 'application/pdf'),
    '/sitemap.xml': send('<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>', 'application/xml'),
    '/long-description': send(
      `<rss version="2.0"><channel><title>Lake Post</title><item><title>Boat race</title><link>${'http://10.1.1.1/race'}</link><description>&lt;p&gt;${'Twelve crews raced across the lake on Sunday in the first regatta since the marina was rebuilt, and the home team won by two lengths. '.repeat(4)}&lt;/p&gt;</description></item></channel></rss>`,
      'application/rss+xml',
    ),
  });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function shortFeed(base: string): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Hill Wire</title>
  <item><title>Road reopens</title><link>${base}/full-story</link><description>Road open.</description></item>
  <item><title>Bridge notice</title><link>${base}/missing</link><description>The old bridge is closed to trucks until further notice, the county said.</description></item>
  <item><title>Nothing here</title><link>${base}/missing-too</link></item>
  <item><title>Private link</title><link>http://10.0.0.1/inside</link></item>
  </channel></rss>`;
}

// Talks to the local server (127.0.0.1 literal); every DNS name "resolves" to a TEST-NET address,
// which the fetcher refuses, so no test depends on (or reaches) the real network.
const offlineLookup: LookupFunction = (host, _opts, cb) => cb(null, [{ address: host === 'localhost' ? '127.0.0.1' : '192.0.2.1', family: 4 }]);
const fetcher = createSafeFetcher({ allowLoopback: true, timeoutMs: 2000, lookup: offlineLookup });
const articles = (items: CollectedItem[]) => items.filter((i): i is Extract<CollectedItem, { kind: 'article' }> => i.kind === 'article');

describe('collect: files and folders', () => {
  it('walks a folder in sorted order, skips hidden files, notes unknown types, reads txt/md/html/feeds', async () => {
    const folder = join(dir, 'inbox');
    const items = await all([folder], { fetcher });
    expect(items.map((i) => [i.kind, i.input.replace(folder + '/', '')])).toEqual([
      ['article', 'a-story.txt'],
      ['article', 'b-note.md'],
      ['article', 'c-page.html'],
      ['notice', 'd-photo.png'],
      // Feed items are named by their link.
      ['article', 'https://weather.example/hail-warning'],
      ['article', 'https://weather.example/river-levels'],
    ]);
    const [story, note, page] = articles(items).map((a) => a.draft);
    expect(story).toMatchObject({
      url: pathToFileURL(join(folder, 'a-story.txt')).href,
      title: 'Ferry crews finish repairs at the north pier',
      publishedAt: '2026-06-02T12:00:00.000Z',
      language: 'en',
      via: 'file',
    });
    expect(story!.text).not.toContain('Share this article');
    expect(story!.text.split('\n\n')).toHaveLength(2);
    expect(note!.title).toBe('Creek planting draws crowds');
    expect(note!.text).toContain('on the parks page were promised');
    expect(page).toMatchObject({ title: 'Council approves new bike lanes', outlet: 'Riverside Courier', publishedAt: '2026-06-03T14:20:00.000Z' });
    expect((items[3] as { message: string }).message).toMatch(/skipped, unknown file type \(\.png\)/);
  });

  it('JSON feed items: full content used, short summary with an unreachable link falls back to the summary', async () => {
    const items = await all([join(dir, 'inbox', 'sub', 'e-feed.json')], { fetcher: createSafeFetcher({ timeoutMs: 500, lookup: (_h, _o, cb) => cb(null, [{ address: '10.9.9.9', family: 4 }]) }) });
    const [hail, river] = articles(items).map((a) => a.draft);
    expect(hail).toMatchObject({ url: 'https://weather.example/hail-warning', outlet: 'Plains Weather Desk', publishedAt: '2026-06-02T15:00:00.000Z', via: 'feed' });
    expect(river).toMatchObject({ title: 'River levels fall', text: 'River gauges show levels falling at all stations.' });
  });

  it('notes an empty folder', async () => {
    const empty = join(dir, 'empty-folder');
    mkdirSync(join(empty, '.git'), { recursive: true });
    expect(await all([empty])).toEqual([{ kind: 'notice', input: empty, message: `${empty}: no files found in folder` }]);
  });

  it('decodes a windows-1252 file', async () => {
    const [item] = await all([join(dir, 'latin.txt')]);
    expect(item).toMatchObject({ kind: 'article' });
    const draft = (item as Extract<CollectedItem, { kind: 'article' }>).draft;
    expect(draft.title).toBe('Café owners welcome new market rules');
    expect(draft.text).toContain('“Blue Café”');
  });

  it('rejects each bad file with one line naming it, and goes on', async () => {
    const names = ['missing.txt', 'empty.txt', 'blank.txt', 'binary.txt', 'big.txt', 'truncated.xml', 'laughs.xml', 'nav-only.html'];
    const items = await all([...names.map((n) => join(dir, n)), join(dir, 'latin.txt')], { maxFileBytes: 10_000 });
    expect(items.map((i) => i.kind)).toEqual([...names.map(() => 'rejected'), 'article']);
    const reasons = items.slice(0, names.length).map((i) => (i as { reason: string }).reason);
    reasons.forEach((r, k) => {
      expect(r.startsWith(join(dir, names[k]!) + ': ')).toBe(true);
      expect(r).not.toContain('\n');
    });
    expect(reasons.map((r, k) => r.slice(join(dir, names[k]!).length + 2))).toEqual([
      'no such file or folder',
      'file is empty',
      'file is empty',
      'looks like a binary file (contains NUL bytes)',
      'file is larger than 10000 bytes (25000 bytes)',
      expect.stringMatching(/^invalid XML at line \d+: document ends before <content:encoded> is closed \(truncated\?\)$/),
      'feed declares XML entities (<!ENTITY>); refused to avoid entity expansion attacks',
      'no article text found',
    ]);
  });

  it('sniffs a feed in a file without a feed extension', async () => {
    const items = await all([join(dir, 'feed-no-ext')], { fetcher: createSafeFetcher({ timeoutMs: 300, lookup: (_h, _o, cb) => cb(null, [{ address: '10.0.0.5', family: 4 }]) }) });
    expect(articles(items).map((a) => a.draft.title)).toEqual(['Ferry service resumes after storm & repairs', 'Library extends weekend hours']);
    expect(articles(items)[0]!.draft.url).toBe('https://gazette.example/news/ferry-resumes?id=7');
    expect(articles(items)[0]!.draft.outlet).toBe('Harbor Town Gazette');
  });

  it('caps a 10,000-item feed at maxFeedItems, newest first, with one notice', async () => {
    const items = await all([join(dir, 'huge.xml')], { maxFeedItems: 200 });
    const notices = items.filter((i) => i.kind === 'notice');
    expect(notices).toHaveLength(1);
    expect((notices[0] as { message: string }).message).toBe(`${join(dir, 'huge.xml')}: feed has 10000 items; kept the newest 200, skipped 9800`);
    const arts = articles(items);
    expect(arts).toHaveLength(200);
    expect(arts[0]!.draft.title).toBe('Bulletin 9999');
    expect(arts[0]!.draft.url).toMatch(/^urn:newsbrief:item:[0-9a-f]{24}$/);
    expect(new Set(arts.map((a) => a.draft.url)).size).toBe(200);
    expect(items.filter((i) => i.kind === 'rejected')).toHaveLength(0);
  });

  it('reads stdin as text', async () => {
    const items = await all(['-'], { readStdin: async () => Buffer.from(STORY) });
    expect(items).toHaveLength(1);
    const draft = (items[0] as Extract<CollectedItem, { kind: 'article' }>).draft;
    expect(draft).toMatchObject({ title: 'Ferry crews finish repairs at the north pier', via: 'text' });
    expect(draft.url).toMatch(/^urn:newsbrief:text:[0-9a-f]{16}$/);
    expect(await all(['-'], { readStdin: async () => Buffer.from('   ') })).toEqual([{ kind: 'rejected', input: '-', reason: '-: input is empty' }]);
  });
});

describe('collect: URLs', () => {
  it('fetches an article page: outlet, date; a canonical URL on another host is not trusted', async () => {
    const [item] = await all([`${server.url}/article`], { fetcher });
    // The page names https://courier.example/... as canonical; it was fetched from 127.0.0.1.
    expect(item).toMatchObject({ kind: 'article', draft: { url: `${server.url}/article`, outlet: 'Riverside Courier', via: 'page' } });
  });

  it('fetches a feed: short items fetch their page, fall back to the summary, or are rejected', async () => {
    const items = await all([`${server.url}/feed`], { fetcher });
    expect(items.map((i) => i.kind)).toEqual(['article', 'article', 'rejected', 'rejected']);
    const [road, bridge] = articles(items).map((a) => a.draft);
    expect(road).toMatchObject({ title: 'Road reopens', outlet: 'Hill Times' /* the fetched page names its own outlet */, publishedAt: '2026-06-01T07:00:00.000Z', via: 'feed' });
    expect(road!.text).toMatch(/^The mountain road reopened/);
    expect(bridge!.text).toBe('The old bridge is closed to trucks until further notice, the county said.');
    expect((items[2] as { reason: string }).reason).toBe(`${server.url}/missing-too: linked page unusable (HTTP 404 Not Found) and the feed item has no text`);
    expect((items[3] as { reason: string }).reason).toBe('http://10.0.0.1/inside: linked page unusable (blocked: private address 10.0.0.1) and the feed item has no text');
  });

  it('uses a long <description> as the article without fetching the link', async () => {
    const items = await all([`${server.url}/long-description`], { fetcher });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'article', input: 'http://10.1.1.1/race', draft: { title: 'Boat race', outlet: 'Lake Post', via: 'feed' } });
  });

  it('resolves relative Atom links against the feed link', async () => {
    const items = await all([fileFixture('atom.xml')], { fetcher });
    expect(articles(items).map((a) => a.draft.url)).toEqual(['https://science.example/bees', 'https://science.example/moss']);
  });

  it('uses stored validators for a conditional GET and reports "not modified"', async () => {
    const stored = new Map<string, FetchValidators>();
    const cache: ValidatorCache = { get: async (u) => stored.get(u), set: async (u, v) => void stored.set(u, v) };
    await all([`${server.url}/feed`], { fetcher, validators: cache });
    expect(stored.get(`${server.url}/feed`)).toEqual({ etag: '"feed-v1"' });
    const again = await all([`${server.url}/feed`], { fetcher, validators: cache });
    expect(again).toEqual([{ kind: 'notice', input: `${server.url}/feed`, message: `${server.url}/feed: not modified since the last fetch` }]);
  });

  it('rejects blocked URLs, blocked redirects, pages without text and binary types, one line each', async () => {
    const inputs = ['http://169.254.169.254/latest/meta-data/', 'http://0xa000001/', `${server.url}/to-private`, `${server.url}/empty-page`, `${server.url}/pdf`, `${server.url}/sitemap.xml`, 'ftp://files.example/a'];
    const items = await all(inputs, { fetcher });
    expect(items.map((i) => i.kind)).toEqual(inputs.map(() => 'rejected'));
    expect(items.map((i) => (i as { reason: string }).reason)).toEqual([
      'http://169.254.169.254/latest/meta-data/: blocked: cloud metadata address 169.254.169.254',
      'http://0xa000001/: blocked: private address 10.0.0.1',
      `${server.url}/to-private: redirected to http://10.0.0.1/, blocked: private address 10.0.0.1`,
      `${server.url}/empty-page: no article text found`,
      `${server.url}/pdf: unsupported content type application/pdf`,
      `${server.url}/sitemap.xml: XML is not an RSS or Atom feed`,
      'ftp://files.example/a: unsupported URL scheme (only http, https and file)',
    ]);
  });

  it('refuses the local server without allowLoopback (default fetcher)', async () => {
    const items = await all([`${server.url}/article`, 'http://localhost/admin', 'http://[::1]/', 'http://2130706433/'], {
      fetcher: createSafeFetcher({ lookup: offlineLookup }),
    });
    expect(items.map((i) => (i as { reason?: string }).reason)).toEqual([
      `${server.url}/article: blocked: loopback address 127.0.0.1`,
      'http://localhost/admin: blocked: local host name localhost',
      'http://[::1]/: blocked: loopback address ::1',
      'http://2130706433/: blocked: loopback address 127.0.0.1',
    ]);
  });
});

describe('draftFromText', () => {
  it('takes the first line as title, finds the dateline, and cleans the text', () => {
    const d = draftFromText('# Market opens\n\nCairo, June 3 (Wire) - The new market opened its doors to the public with forty stalls selling local produce.', {
      reference: now,
    });
    expect(d).toMatchObject({ title: 'Market opens', publishedAt: '2026-06-03T12:00:00.000Z', via: 'text', language: 'en' });
    const withMeta = draftFromText('A single paragraph about the new market that opened with forty stalls today.', { url: 'https://x.example/m?utm_source=a', title: 'Market', outlet: 'X' });
    expect(withMeta).toMatchObject({ url: 'https://x.example/m', title: 'Market', outlet: 'X' });
    const byline = draftFromText(`By Lena Park\n${'The regional council approved the water plan after a long debate about costs and the timeline for new pipes. '.repeat(3)}`);
    expect(byline.title).toBe('The regional council approved the water plan after a long debate about costs and the timeline for new pipes.');
    expect(byline.text).toMatch(/^The regional council approved/);
    expect(byline.text).not.toContain('Lena Park');
  });
});

describe('collect: feed links', () => {
  it('stores only http(s) article URLs: javascript: and data: links are dropped with a note; text without a usable link keeps a urn id', async () => {
    const body = 'Council members voted to rebuild the old footbridge over the mill stream before winter, after a survey found rusted supports. ';
    const feedFile = join(dir, 'schemes.xml');
    writeFileSync(
      feedFile,
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Mill Town Notes</title><link>https://mill.example/</link>
<item><title>Footbridge to be rebuilt</title><link>javascript:alert(document.cookie)</link><description>${body.repeat(4)}</description></item>
<item><title>Picture of the week</title><link>data:text/html,&lt;b&gt;x&lt;/b&gt;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</link></item>
<item><title>Market hours change</title><link>/market-hours</link><description>${body.repeat(4)}</description></item>
</channel></rss>`,
    );
    const items = await all([feedFile]);
    const arts = articles(items);
    expect(arts.map((a) => a.draft.title)).toEqual(['Footbridge to be rebuilt', 'Market hours change']);
    expect(arts[0]!.draft.url).toMatch(/^urn:newsbrief:item:[0-9a-f]{24}$/);
    expect(arts[1]!.draft.url).toBe('https://mill.example/market-hours');
    for (const a of arts) expect(a.draft.url).toMatch(/^(https?:|urn:newsbrief:)/);
    expect(items.filter((i) => i.kind === 'notice')).toEqual([
      {
        kind: 'notice',
        input: `${feedFile}#1`,
        message: `${feedFile}#1: link dropped: javascript: URLs are not stored (only http and https); kept the item's text without it`,
      },
    ]);
    expect(items.filter((i) => i.kind === 'rejected')).toEqual([
      {
        kind: 'rejected',
        input: `${feedFile}#2`,
        reason: `${feedFile}#2: link dropped: data: URLs are not stored (only http and https), and the feed item has no text`,
      },
    ]);
    // Nothing of the hostile URLs reaches a message.
    expect(JSON.stringify(items)).not.toMatch(/alert|cookie|<|>/);
  });

  it('items that share one link (a show home page) are each stored under their own id, without fetching it', async () => {
    const feedFile = join(dir, 'show.rss');
    const episode = (n: number, what: string) =>
      `<item><title>Episode ${n}</title><link>https://show.example/</link><guid isPermaLink="false">ep-${n}</guid><description>In this episode the hosts talk about ${what} with a guest from the county museum.</description></item>`;
    writeFileSync(
      feedFile,
      `<rss version="2.0"><channel><title>Valley Hour</title><link>https://show.example/</link>
${episode(3, 'the old mill and its water wheel')}${episode(2, 'the history of the valley railway')}${episode(1, 'winter festivals in the nineteenth century')}
<item><title>Episode 1</title><link>https://show.example/</link><guid isPermaLink="false">ep-1</guid><description>Repeated entry.</description></item>
<item><title>Bonus</title><link>https://show.example/</link><guid isPermaLink="false">bonus</guid></item>
</channel></rss>`,
    );
    let fetched = 0;
    const fetcher = createSafeFetcher({ lookup: (_h, _o, cb) => (fetched++, cb(new Error('no network in this test'), [])) });
    const items = await all([feedFile], { fetcher });
    expect(fetched).toBe(0);
    const arts = articles(items);
    expect(arts.map((a) => a.draft.title)).toEqual(['Episode 3', 'Episode 2', 'Episode 1', 'Episode 1']);
    for (const a of arts) expect(a.draft.url).toMatch(/^urn:newsbrief:item:[0-9a-f]{24}$/);
    // The same guid twice is one item (the store then reports the duplicate); different guids are different items.
    expect(new Set(arts.map((a) => a.draft.url)).size).toBe(3);
    expect(items.filter((i) => i.kind === 'notice').map((i) => (i as { message: string }).message)).toEqual([
      `${feedFile}: 5 items share one link; each is stored under its own id, without fetching the shared page`,
    ]);
    expect(items.filter((i) => i.kind === 'rejected').map((i) => (i as { reason: string }).reason)).toEqual([
      `${feedFile}#5: link is shared with other items of the feed, and the feed item has no text`,
    ]);
  });
});
