// rel=canonical / og:url is the dedupe key only when it names the host the page came from: a page
// cannot claim another site's article URL (and get the real article dropped as its duplicate).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, type CollectedItem } from '../../src/ingest/collect.js';
import { createSafeFetcher, type LookupFunction } from '../../src/ingest/fetcher.js';
import { extractArticle } from '../../src/ingest/html.js';
import { send, startServer, type Handler, type TestServer } from './server.js';

const body = `<p>${'The regional rail operator added two late trains on the coast line from Monday after a year of requests from shift workers. '.repeat(3)}</p>`;
const page = (canonical: string, how: 'link' | 'og' = 'link'): string =>
  `<!DOCTYPE html><html><head><title>Late trains added</title>${how === 'link' ? `<link rel="canonical" href="${canonical}">` : `<meta property="og:url" content="${canonical}">`}</head><body><article>${body}</article></body></html>`;

// "localhost" is the same server under another host name; every other name goes nowhere.
const lookup: LookupFunction = (host, _opts, cb) => cb(null, [{ address: host === 'localhost' ? '127.0.0.1' : '192.0.2.1', family: 4 }]);
const fetcher = createSafeFetcher({ allowLoopback: true, timeoutMs: 2000, lookup });

let server: TestServer;
const routes: Record<string, Handler> = {};
beforeAll(async () => {
  server = await startServer(routes);
});
afterAll(() => server.close());

async function urls(inputs: string[]): Promise<string[]> {
  const out: CollectedItem[] = [];
  for await (const item of collect(inputs, { fetcher })) out.push(item);
  return out.flatMap((i) => (i.kind === 'article' ? [i.draft.url] : []));
}

describe('canonical URL', () => {
  it('is dropped when it names another host (link rel=canonical or og:url)', () => {
    expect(extractArticle(page('https://wire.example/story/1'), 'https://copycat.example/a').canonicalUrl).toBeUndefined();
    expect(extractArticle(page('https://wire.example/story/1', 'og'), 'https://copycat.example/a').canonicalUrl).toBeUndefined();
    expect(extractArticle(page('https://www.wire.example/story/1?x=1'), 'http://wire.example/s').canonicalUrl).toBe('https://www.wire.example/story/1?x=1');
    expect(extractArticle(page('/story/1'), 'https://wire.example/s?page=2').canonicalUrl).toBe('https://wire.example/story/1');
  });

  it('a copy claiming the original as canonical is stored under its own URL, and the original keeps its own', async () => {
    const local = server.url; // http://127.0.0.1:PORT
    const remote = server.url.replace('127.0.0.1', 'localhost'); // the "other site"
    routes['/copy'] = send(page(`${remote}/original`), 'text/html');
    routes['/original'] = send(page(`${remote}/original?utm_source=feed`), 'text/html');
    routes['/same-host'] = send(page('/original'), 'text/html');
    const found = await urls([`${local}/copy`, `${remote}/original`, `${local}/same-host`]);
    expect(found).toEqual([`${local}/copy`, `${remote}/original`, `${local}/original`]);
  });
});
