// Fetcher port and its safe HTTP implementation.
// Safety: http/https only; the hostname is checked before connecting (IP literals, localhost) and
// every address DNS returns is checked inside the socket's own lookup, so a name that rebinds to a
// private address between checks still cannot be reached. Redirects are followed by hand and
// each hop goes through the same checks. Time and size are capped while streaming.
import dns from 'node:dns';
import type { LookupAddress } from 'node:dns';
import { createRequire } from 'node:module';
import type * as Undici from 'undici';
import { blockedAddressReason, blockedHostReason, type AddressPolicy } from './address.js';

export interface FetchValidators {
  etag?: string;
  lastModified?: string;
}

export interface FetchResult {
  /** Final URL after redirects. */
  url: string;
  status: number;
  notModified: boolean;
  contentType?: string;
  body: Buffer;
  validators: FetchValidators;
}

export interface FetchOptions {
  validators?: FetchValidators;
  accept?: string;
}

/** Port: fetches one URL. Implementations must refuse non-public addresses. */
export interface Fetcher {
  fetch(url: string, opts?: FetchOptions): Promise<FetchResult>;
}

export type LookupFunction = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export interface SafeFetcherOptions {
  /** Whole-request limit (headers and body, across redirects). Default 15000 ms. */
  timeoutMs?: number;
  /** Largest body accepted. Default 5 MiB. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  userAgent?: string;
  /** Test-only: permits 127.0.0.0/8 and ::1; every other private range stays blocked. */
  allowLoopback?: boolean;
  /** DNS resolver (default dns.lookup); tests pass one to simulate a name resolving to a private address. */
  lookup?: LookupFunction;
}

export const DEFAULT_USER_AGENT = 'newsbrief/0.1 (+https://github.com/newsbrief/newsbrief)';
const DEFAULT_ACCEPT =
  'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/json;q=0.9,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5';

/** A fetch that failed; the message is one user-facing line naming the URL and why. */
export class FetchError extends Error {
  readonly url: string;
  readonly reason: string;
  constructor(url: string, reason: string) {
    super(`${url}: ${reason}`);
    this.name = 'FetchError';
    this.url = url;
    this.reason = reason;
  }
}

/** Raised inside the socket lookup; carries the reason up through undici's error wrapping. */
class BlockedAddressError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'BlockedAddressError';
  }
}

function guardedLookup(policy: AddressPolicy, resolve: LookupFunction) {
  return (
    hostname: string,
    options: dns.LookupOptions,
    callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    const hostReason = blockedHostReason(hostname, policy);
    if (hostReason) {
      callback(new BlockedAddressError(`blocked: ${hostReason}`) as NodeJS.ErrnoException, '');
      return;
    }
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      if (addresses.length === 0) return callback(new Error(`no address for ${hostname}`) as NodeJS.ErrnoException, '');
      // Refuse the whole name if any address is non-public: a mixed answer is a rebinding smell.
      for (const a of addresses) {
        const reason = blockedAddressReason(a.address, policy);
        if (reason) {
          callback(new BlockedAddressError(`blocked: ${hostname} resolves to ${reason}`) as NodeJS.ErrnoException, '');
          return;
        }
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function createSafeFetcher(opts: SafeFetcherOptions = {}): Fetcher {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
  const maxRedirects = opts.maxRedirects ?? 5;
  const userAgent = opts.userAgent ?? DEFAULT_USER_AGENT;
  const policy: AddressPolicy = { allowLoopback: opts.allowLoopback === true };
  const resolve: LookupFunction = opts.lookup ?? ((h, o, cb) => dns.lookup(h, o, cb));
  // undici loads on the first fetch (~0.2 s of start-up an ingest of files never needs; ADR 011).
  let undici: { fetch: typeof Undici.fetch; agent: Undici.Agent } | undefined;
  const client = () => {
    if (!undici) {
      const { Agent, fetch } = createRequire(import.meta.url)('undici') as typeof Undici;
      undici = {
        fetch,
        agent: new Agent({
          connect: { lookup: guardedLookup(policy, resolve) as never },
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          keepAliveTimeout: 1_000,
        }),
      };
    }
    return undici;
  };

  function checkUrl(raw: string, shownAs: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new FetchError(shownAs, 'not a valid URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new FetchError(shownAs, `blocked: only http and https URLs are fetched (got ${url.protocol})`);
    }
    if (url.username || url.password) throw new FetchError(shownAs, 'blocked: URLs with credentials are not fetched');
    const reason = blockedHostReason(url.hostname, policy);
    if (reason) throw new FetchError(shownAs, `blocked: ${reason}`);
    return url;
  }

  return {
    async fetch(input: string, fetchOpts: FetchOptions = {}): Promise<FetchResult> {
      let current = checkUrl(input, input);
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        for (let hop = 0; ; hop++) {
          const headers: Record<string, string> = {
            'user-agent': userAgent,
            accept: fetchOpts.accept ?? DEFAULT_ACCEPT,
          };
          // Validators belong to the URL that was asked for; send them on the first hop only.
          if (hop === 0 && fetchOpts.validators?.etag) headers['if-none-match'] = fetchOpts.validators.etag;
          if (hop === 0 && fetchOpts.validators?.lastModified) headers['if-modified-since'] = fetchOpts.validators.lastModified;

          let res;
          try {
            const { fetch, agent } = client();
            res = await fetch(current.href, {
              dispatcher: agent,
              redirect: 'manual',
              headers,
              signal: controller.signal,
            });
          } catch (err) {
            throw toFetchError(input, err, controller.signal.aborted, timeoutMs);
          }

          if (REDIRECT_STATUSES.has(res.status)) {
            await res.body?.cancel().catch(() => undefined);
            const location = res.headers.get('location');
            if (!location) throw new FetchError(input, `redirect (${res.status}) without a Location header`);
            if (hop + 1 > maxRedirects) throw new FetchError(input, `more than ${maxRedirects} redirects`);
            let next: URL;
            try {
              next = new URL(location, current);
            } catch {
              throw new FetchError(input, `redirect to an invalid URL (${location})`);
            }
            try {
              current = checkUrl(next.href, next.href);
            } catch (err) {
              throw new FetchError(input, `redirected to ${next.href}, ${(err as FetchError).reason}`);
            }
            continue;
          }

          const validators: FetchValidators = {};
          const etag = res.headers.get('etag');
          const lastModified = res.headers.get('last-modified');
          if (etag) validators.etag = etag;
          if (lastModified) validators.lastModified = lastModified;
          const contentType = res.headers.get('content-type') ?? undefined;

          if (res.status === 304) {
            await res.body?.cancel().catch(() => undefined);
            return {
              url: current.href,
              status: 304,
              notModified: true,
              contentType,
              body: Buffer.alloc(0),
              validators: { ...fetchOpts.validators, ...validators },
            };
          }
          if (res.status < 200 || res.status >= 300) {
            await res.body?.cancel().catch(() => undefined);
            throw new FetchError(input, `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
          }

          const declared = Number(res.headers.get('content-length') ?? NaN);
          if (Number.isFinite(declared) && declared > maxBytes) {
            await res.body?.cancel().catch(() => undefined);
            throw new FetchError(input, `response is larger than ${maxBytes} bytes (declared ${declared})`);
          }
          const body = await readCapped(input, res.body, maxBytes, controller, timeoutMs);
          return { url: current.href, status: res.status, notModified: false, contentType, body, validators };
        }
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

async function readCapped(
  url: string,
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  controller: AbortController,
  timeoutMs: number,
): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        controller.abort();
        throw new FetchError(url, `response is larger than ${maxBytes} bytes`);
      }
      chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    }
  } catch (err) {
    if (err instanceof FetchError) throw err;
    throw toFetchError(url, err, controller.signal.aborted, timeoutMs);
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks, total);
}

/** Turns undici's nested errors into one readable line. */
function toFetchError(url: string, err: unknown, aborted: boolean, timeoutMs: number): FetchError {
  if (err instanceof FetchError) return err;
  if (aborted) return new FetchError(url, `timed out after ${timeoutMs} ms`);
  const chain: unknown[] = [];
  for (let e: unknown = err; e && chain.length < 6; e = (e as { cause?: unknown }).cause) chain.push(e);
  const blocked = chain.find((e): e is BlockedAddressError => e instanceof BlockedAddressError);
  if (blocked) return new FetchError(url, blocked.reason);
  for (const e of chain) {
    const code = (e as { code?: string }).code;
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
      return new FetchError(url, `timed out after ${timeoutMs} ms`);
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new FetchError(url, 'host not found');
    if (code === 'ECONNREFUSED') return new FetchError(url, 'connection refused');
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return new FetchError(url, 'connection closed by the server');
  }
  const last = chain[chain.length - 1];
  const message = last instanceof Error ? last.message : String(last);
  return new FetchError(url, `fetch failed (${message.split('\n')[0]})`);
}
