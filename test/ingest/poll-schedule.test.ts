// When each source is polled: the key that makes one feed one source, the backoff of a failing one,
// and the jitter that keeps many sources from being fetched at the same moment. Pure functions; the
// clock is the test's.
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JITTER_SHARE, MAX_BACKOFF_MS, backoffMs, jitterMs, nextPollAt, shortPollError, sourceKey } from '../../src/ingest/poll-schedule.js';
import { followedSources } from '../../src/delivery/polling.js';

const MIN = 60_000;
const INTERVAL = 15 * MIN;
const T0 = new Date('2026-05-04T10:00:00Z');

describe('source keys', () => {
  it('one feed is one source however it is written: fragment, tracking parameters, query order', () => {
    const key = sourceKey('https://news.example/feed.xml?b=2&a=1');
    expect(key).toBe('https://news.example/feed.xml?a=1&b=2');
    expect(sourceKey('https://news.example/feed.xml?a=1&utm_source=chat&b=2#top')).toBe(key);
    expect(sourceKey('  HTTPS://news.example/feed.xml?a=1&b=2 ')).toBe(key);
    // Followed by three, each asking its own interval or none: one source, on the shortest.
    const inputs = [
      { input: 'https://news.example/feed.xml?a=1&b=2', everyMs: 60 * MIN },
      { input: 'https://news.example/feed.xml?b=2&a=1&utm_medium=x' },
      { input: 'https://other.example/rss', everyMs: 30 * MIN },
      { input: 'https://other.example/rss#top', everyMs: 120 * MIN },
      { input: '-' },
    ];
    expect(followedSources(inputs, INTERVAL)).toEqual([
      { url: key, intervalMs: INTERVAL },
      { url: 'https://other.example/rss', intervalMs: 30 * MIN },
    ]);
  });

  it('a path of NEWSBRIEF_SOURCES is its absolute file:// URL; stdin and other schemes are not polled', () => {
    expect(sourceKey('examples')).toBe(pathToFileURL(resolve('examples')).href);
    expect(sourceKey(pathToFileURL(resolve('examples')).href)).toBe(sourceKey('examples'));
    expect(sourceKey('-')).toBeUndefined();
    expect(sourceKey('')).toBeUndefined();
    expect(sourceKey('ftp://files.example/feed.xml')).toBeUndefined();
  });
});

describe('backoff', () => {
  it('waits the interval after a success, interval × 2^(failures-1) after failures, at most 6 h', () => {
    expect(backoffMs(INTERVAL, 0)).toBe(INTERVAL);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((f) => backoffMs(INTERVAL, f) / MIN)).toEqual([15, 30, 60, 120, 240, 360, 360, 360]);
    expect(backoffMs(INTERVAL, 10_000)).toBe(MAX_BACKOFF_MS);
    // An interval longer than the cap is never shortened by failing.
    expect(backoffMs(12 * 60 * MIN, 3)).toBe(12 * 60 * MIN);
  });

  it('nextPollAt: the wait moved by at most ±10% of itself', () => {
    for (const failures of [0, 1, 2, 3, 6, 9]) {
      const wait = backoffMs(INTERVAL, failures);
      const next = nextPollAt('https://news.example/feed.xml', T0, INTERVAL, failures).getTime() - T0.getTime();
      expect(next).toBeGreaterThanOrEqual(wait * (1 - JITTER_SHARE));
      expect(next).toBeLessThanOrEqual(wait * (1 + JITTER_SHARE));
    }
  });
});

describe('jitter', () => {
  it('is the same for a source and a slot in every process, and differs from slot to slot', () => {
    const url = 'https://news.example/feed.xml';
    expect(jitterMs(url, T0, INTERVAL, INTERVAL)).toBe(jitterMs(url, new Date(T0.getTime() + 5 * MIN), INTERVAL, INTERVAL)); // one slot
    const slots = Array.from({ length: 20 }, (_, i) => jitterMs(url, new Date(T0.getTime() + i * INTERVAL), INTERVAL, INTERVAL));
    expect(new Set(slots).size).toBeGreaterThan(15);
    // Over the whole ±90 s, not stuck near one value (consecutive slots differ in one digit).
    expect(Math.max(...slots) - Math.min(...slots)).toBeGreaterThan(120_000);
  });

  it('spreads many sources polled at one moment over ±10% of the interval, evenly', () => {
    const urls = Array.from({ length: 500 }, (_, i) => `https://feeds${i}.example/rss`);
    const offsets = urls.map((u) => nextPollAt(u, T0, INTERVAL, 0).getTime() - T0.getTime() - INTERVAL);
    const span = JITTER_SHARE * INTERVAL; // 90 s either way
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(-span);
    expect(Math.max(...offsets)).toBeLessThanOrEqual(span);
    // Every 18-second tenth of the 3-minute window gets some, none gets most.
    const buckets = new Array(10).fill(0);
    for (const o of offsets) buckets[Math.min(9, Math.floor(((o + span) / (2 * span)) * 10))]++;
    for (const b of buckets) {
      expect(b).toBeGreaterThan(25);
      expect(b).toBeLessThan(80);
    }
    // Distinct moments: no two in the same second for most of them.
    expect(new Set(offsets.map((o) => Math.round(o / 1000))).size).toBeGreaterThan(150);
  });
});

describe('errors as sources list shows them', () => {
  it("drop the source's own URL, cut other URLs to scheme and host (a query may hold a key), one short line", () => {
    const url = 'https://news.example/feed.xml';
    expect(shortPollError(url, `${url}: HTTP 503 Service Unavailable`)).toBe('HTTP 503 Service Unavailable');
    expect(shortPollError(url, `${url}: redirected to https://user:pw@cdn.example/x?token=s3cret, blocked: private address`)).toBe(
      'redirected to https://cdn.example/…, blocked: private address',
    );
    expect(shortPollError(url, 'line one\n\tline two')).toBe('line one line two');
    const long = shortPollError(url, 'x'.repeat(1000));
    expect(long.length).toBe(160);
    expect(long.endsWith('…')).toBe(true);
    expect(shortPollError(url, '   ')).toBe('failed');
  });
});
