import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, pollIntervalMs, sourceList } from '../../src/config.js';
import { parseDuration, sinceIso } from '../../src/domain/duration.js';

describe('configuration', () => {
  it('runs embedded on defaults with no environment at all', () => {
    const c = loadConfig({});
    expect(c.mode).toBe('embedded');
    expect(c.NEWSBRIEF_DB).toBe('./data/newsbrief.db');
    expect(sourceList(c)).toEqual(['examples']);
    expect(c.NEWSBRIEF_ENGINE).toBe('extractive');
    expect(c.NEWSBRIEF_ALLOW_LOOPBACK).toBe(false);
    expect(c.NEWSBRIEF_DIGEST_TIME).toBe('08:00');
  });

  it("reads a channel's default digest time as HH:MM, and refuses anything else", () => {
    expect(loadConfig({ NEWSBRIEF_DIGEST_TIME: '07:30' }).NEWSBRIEF_DIGEST_TIME).toBe('07:30');
    for (const bad of ['7:30', '24:00', '08:60', 'morning']) {
      expect(() => loadConfig({ NEWSBRIEF_DIGEST_TIME: bad })).toThrow(/NEWSBRIEF_DIGEST_TIME/);
    }
  });

  it('polls every 15 minutes by default; refuses an interval under 5 minutes, or not a duration, with a clear line', () => {
    expect(loadConfig({}).NEWSBRIEF_POLL_INTERVAL).toBe('15m');
    expect(pollIntervalMs(loadConfig({}))).toBe(15 * 60_000);
    expect(pollIntervalMs(loadConfig({ NEWSBRIEF_POLL_INTERVAL: '5m' }))).toBe(5 * 60_000);
    expect(pollIntervalMs(loadConfig({ NEWSBRIEF_POLL_INTERVAL: '1h' }))).toBe(3_600_000);
    for (const bad of ['4m', '1m', '0m', 'often', '30s']) {
      expect(() => loadConfig({ NEWSBRIEF_POLL_INTERVAL: bad })).toThrow(
        new RegExp(`NEWSBRIEF_POLL_INTERVAL="${bad}": expected a duration of at least 5m, such as 15m or 1h`),
      );
    }
    // Still accepted (an old .env), no longer driving anything.
    expect(loadConfig({ NEWSBRIEF_INGEST_CRON: '*/10 * * * *' }).NEWSBRIEF_INGEST_CRON).toBe('*/10 * * * *');
  });

  it('treats blank values as unset and reads queue mode from REDIS_URL', () => {
    const c = loadConfig({ NEWSBRIEF_DB: '  ', REDIS_URL: 'redis://127.0.0.1:6390', NEWSBRIEF_SOURCES: 'a.xml, ,b' });
    expect(c.NEWSBRIEF_DB).toBe('./data/newsbrief.db');
    expect(c.mode).toBe('queue');
    expect(sourceList(c)).toEqual(['a.xml', 'b']);
  });

  it('reports every bad value together, each with what was expected', () => {
    let error: unknown;
    try {
      loadConfig({
        NEWSBRIEF_TZ: 'Mars/Olympus',
        NEWSBRIEF_DIGEST_CRON: 'every morning',
        NEWSBRIEF_MAX_FEED_ITEMS: 'lots',
        NEWSBRIEF_DIGEST_WINDOW: '3 fortnights',
        LOG_LEVEL: 'chatty',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/NEWSBRIEF_TZ="Mars\/Olympus": expected an IANA time zone/);
    expect(problems.join('\n')).toMatch(/NEWSBRIEF_DIGEST_CRON="every morning": expected a cron expression/);
    expect(problems.join('\n')).toMatch(/NEWSBRIEF_DIGEST_WINDOW="3 fortnights": expected a duration/);
    expect(problems.join('\n')).toMatch(/NEWSBRIEF_MAX_FEED_ITEMS="lots"/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL="chatty"/);
  });
});

describe('durations', () => {
  it('parses minutes, hours, days and weeks and rejects the rest', () => {
    expect(parseDuration('30m')).toBe(30 * 60_000);
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration('7d')).toBe(7 * 86_400_000);
    expect(parseDuration('2w')).toBe(14 * 86_400_000);
    for (const bad of ['', '0d', '-1d', '7', 'd7', '1y', '7 days ago']) expect(parseDuration(bad)).toBeUndefined();
    expect(sinceIso('1d', new Date('2026-06-07T00:00:00Z'))).toBe('2026-06-06T00:00:00.000Z');
    expect(() => sinceIso('soon')).toThrow(/not a duration: "soon"/);
  });
});
