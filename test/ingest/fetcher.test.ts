import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeFetcher, FetchError, type LookupFunction } from '../../src/ingest/fetcher.js';
import { send, startServer, type TestServer } from './server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    '/hello': send('<p>hello</p>', 'text/html; charset=utf-8'),
    '/etag': (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain', etag: '"v1"', 'last-modified': 'Wed, 03 Jun 2026 10:00:00 GMT' }).end('fresh body');
    },
    '/big': (_req, res) => {
      // No content-length: the cap must apply while streaming.
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(16 * 1024, 'a');
      let sent = 0;
      const push = (): void => {
        while (sent < 40) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', push);
        }
        res.end();
      };
      push();
    },
    '/declared-big': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(10_000_000) });
      res.write('partial');
    },
    '/silent': () => {
      // Never answers.
    },
    '/to-metadata': (_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    '/to-private': (_req, res) => res.writeHead(301, { location: 'http://10.0.0.1/admin' }).end(),
    '/to-hello': (_req, res) => res.writeHead(307, { location: '/hello' }).end(),
    '/loop': (_req, res) => res.writeHead(302, { location: '/loop' }).end(),
    '/to-ftp': (_req, res) => res.writeHead(302, { location: 'ftp://files.example/x' }).end(),
    '/gone': (_req, res) => res.writeHead(410, { 'content-type': 'text/plain' }).end('gone'),
  });
});

afterAll(async () => {
  await server.close();
});

/** A resolver that records every name it is asked for: proves no lookup (so no connection) happened. */
function recordingLookup(answer: { address: string; family: number }[]): { lookup: LookupFunction; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    lookup: (hostname, _opts, cb) => {
      asked.push(hostname);
      cb(null, answer);
    },
  };
}

async function failure(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(FetchError);
    return err as FetchError;
  }
  throw new Error('expected the fetch to fail');
}

describe('safe fetcher: blocked addresses', () => {
  const blockedUrls = [
    'http://127.0.0.1/',
    'http://localhost/',
    'http://api.localhost/',
    'http://[::1]/',
    'http://10.0.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0x7f.1/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://[::ffff:127.0.0.1]/',
    'http://[fd00:ec2::254]/',
    'http://100.64.1.1/',
    'http://192.168.1.1/',
    'http://0.0.0.0/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
  ];

  it.each(blockedUrls)('refuses %s before any lookup or connection', async (url) => {
    const { lookup, asked } = recordingLookup([{ address: '93.184.216.34', family: 4 }]);
    const err = await failure(createSafeFetcher({ lookup, timeoutMs: 2000 }).fetch(url));
    expect(err.message).toContain(url);
    expect(err.message).toMatch(/blocked/);
    expect(err.message.split('\n')).toHaveLength(1);
    expect(asked).toEqual([]);
  });

  it('with allowLoopback still refuses every non-loopback private target', async () => {
    const { lookup, asked } = recordingLookup([{ address: '93.184.216.34', family: 4 }]);
    const fetcher = createSafeFetcher({ allowLoopback: true, lookup, timeoutMs: 2000 });
    for (const url of ['http://10.0.0.1/', 'http://169.254.169.254/', 'http://[fd00:ec2::254]/', 'http://192.168.0.10/', 'http://[::ffff:127.0.0.1]/']) {
      const err = await failure(fetcher.fetch(url));
      expect(err.message).toMatch(/blocked/);
    }
    expect(asked).toEqual([]);
  });

  it('names the metadata address in the reason', async () => {
    const err = await failure(createSafeFetcher().fetch('http://169.254.169.254/latest/meta-data/'));
    expect(err.reason).toBe('blocked: cloud metadata address 169.254.169.254');
  });

  it('refuses non-http schemes and credentials in URLs', async () => {
    const f = createSafeFetcher();
    expect((await failure(f.fetch('file:///etc/passwd'))).message).toMatch(/only http and https/);
    expect((await failure(f.fetch('ftp://files.example/a'))).message).toMatch(/only http and https/);
    expect((await failure(f.fetch('http://user:pw@news.example/'))).message).toMatch(/credentials/);
    expect((await failure(f.fetch('not a url'))).message).toMatch(/not a valid URL/);
  });

  it('checks DNS answers at connect time: a public-looking name resolving to a private address is refused', async () => {
    const { lookup, asked } = recordingLookup([{ address: '10.0.0.1', family: 4 }]);
    const err = await failure(createSafeFetcher({ lookup, timeoutMs: 2000 }).fetch('http://rebind.example/'));
    expect(asked).toEqual(['rebind.example']);
    expect(err.message).toBe('http://rebind.example/: blocked: rebind.example resolves to private address 10.0.0.1');
  });

  it('refuses a name whose answers mix public and private addresses', async () => {
    const { lookup } = recordingLookup([
      { address: '93.184.216.34', family: 4 },
      { address: '::ffff:169.254.169.254', family: 6 },
    ]);
    const err = await failure(createSafeFetcher({ lookup, timeoutMs: 2000 }).fetch('http://mixed.example/'));
    expect(err.message).toMatch(/resolves to cloud metadata address 169\.254\.169\.254/);
  });

  it('re-checks redirects: local server -> 169.254.169.254 and -> 10.0.0.1 are refused', async () => {
    const f = createSafeFetcher({ allowLoopback: true, timeoutMs: 2000 });
    const meta = await failure(f.fetch(`${server.url}/to-metadata`));
    expect(meta.message).toBe(
      `${server.url}/to-metadata: redirected to http://169.254.169.254/latest/meta-data/, blocked: cloud metadata address 169.254.169.254`,
    );
    const priv = await failure(f.fetch(`${server.url}/to-private`));
    expect(priv.message).toBe(`${server.url}/to-private: redirected to http://10.0.0.1/admin, blocked: private address 10.0.0.1`);
    const ftp = await failure(f.fetch(`${server.url}/to-ftp`));
    expect(ftp.message).toMatch(/only http and https/);
  });

  it('without allowLoopback the local server itself is refused', async () => {
    const err = await failure(createSafeFetcher().fetch(`${server.url}/hello`));
    expect(err.message).toMatch(/blocked: loopback address 127\.0\.0\.1/);
  });
});

describe('safe fetcher: HTTP behaviour', () => {
  const fetcher = createSafeFetcher({ allowLoopback: true, timeoutMs: 2000 });

  it('fetches a page with a real User-Agent and Accept header', async () => {
    const res = await fetcher.fetch(`${server.url}/hello`);
    expect(res.status).toBe(200);
    expect(res.notModified).toBe(false);
    expect(res.body.toString()).toBe('<p>hello</p>');
    expect(res.contentType).toBe('text/html; charset=utf-8');
    const sent = server.headers[server.headers.length - 1]!;
    expect(sent['user-agent']).toBe('newsbrief/0.1 (+https://github.com/newsbrief/newsbrief)');
    expect(sent.accept).toMatch(/text\/html/);
  });

  it('follows a safe redirect and reports the final URL', async () => {
    const res = await fetcher.fetch(`${server.url}/to-hello`);
    expect(res.url).toBe(`${server.url}/hello`);
    expect(res.body.toString()).toBe('<p>hello</p>');
  });

  it('stops after maxRedirects', async () => {
    const err = await failure(createSafeFetcher({ allowLoopback: true, maxRedirects: 3 }).fetch(`${server.url}/loop`));
    expect(err.message).toMatch(/more than 3 redirects/);
  });

  it('conditional GET: sends the ETag back and reports 304 as notModified', async () => {
    const first = await fetcher.fetch(`${server.url}/etag`);
    expect(first.body.toString()).toBe('fresh body');
    expect(first.validators).toEqual({ etag: '"v1"', lastModified: 'Wed, 03 Jun 2026 10:00:00 GMT' });
    const second = await fetcher.fetch(`${server.url}/etag`, { validators: first.validators });
    expect(second.status).toBe(304);
    expect(second.notModified).toBe(true);
    expect(second.body.length).toBe(0);
    const sent = server.headers[server.headers.length - 1]!;
    expect(sent['if-none-match']).toBe('"v1"');
    expect(sent['if-modified-since']).toBe('Wed, 03 Jun 2026 10:00:00 GMT');
  });

  it('aborts a streamed body past maxBytes', async () => {
    const err = await failure(createSafeFetcher({ allowLoopback: true, maxBytes: 100_000 }).fetch(`${server.url}/big`));
    expect(err.message).toBe(`${server.url}/big: response is larger than 100000 bytes`);
  });

  it('refuses a declared Content-Length past maxBytes without reading it', async () => {
    const err = await failure(createSafeFetcher({ allowLoopback: true, maxBytes: 1000 }).fetch(`${server.url}/declared-big`));
    expect(err.message).toMatch(/larger than 1000 bytes/);
  });

  it('times out on a server that never answers', async () => {
    const started = Date.now();
    const err = await failure(createSafeFetcher({ allowLoopback: true, timeoutMs: 300 }).fetch(`${server.url}/silent`));
    expect(err.message).toBe(`${server.url}/silent: timed out after 300 ms`);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports HTTP errors with their status', async () => {
    const err = await failure(fetcher.fetch(`${server.url}/gone`));
    expect(err.message).toBe(`${server.url}/gone: HTTP 410 Gone`);
  });

  it('allows localhost names with allowLoopback', async () => {
    const port = new URL(server.url).port;
    const res = await createSafeFetcher({ allowLoopback: true, lookup: (_h, _o, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }]) }).fetch(
      `http://localhost:${port}/hello`,
    );
    expect(res.body.toString()).toBe('<p>hello</p>');
  });
});
