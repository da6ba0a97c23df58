// Per-source polling in the embedded bot (issue 10 item 1): `startEmbedded` on a real SQLite file,
// a real HTTP server on 127.0.0.1, and a clock the test moves a minute at a time, enqueuing the
// bot's own poll-tick job. One feed followed by the global list and two channels is fetched once
// per interval (conditional GET after the first); a feed answering 500 backs off 15, 30, 60 min,
// `sources list` (through the command dispatch) shows why and until when, and it recovers; a
// restart keeps the schedule.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { startEmbedded, type RunningBot } from '../../src/main.js';
import { createConsoleChat } from '../../src/chat/console-chat.js';
import { openServices, type OpenServices } from '../../src/app/compose.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { createSqliteChannelStore } from '../../src/store/sqlite-channel-store.js';
import { POLL_TICK_JOB } from '../../src/jobs/names.js';
import { createPoller } from '../../src/delivery/polling.js';
import { parseCommandArgs, type CommandContext } from '../../src/commands/command.js';
import { dispatch } from '../../src/commands/dispatch.js';
import { lineArgs, splitLine } from '../../src/commands/parse-line.js';
import { findCommand } from '../../src/commands/registry.js';
import { renderMarkdown } from '../../src/render/markdown/index.js';
import { clockTime } from '../../src/render/poll-status.js';
import type { ChannelKey } from '../../src/domain/channels.js';
import { startServer, type TestServer } from '../ingest/server.js';
import { Sink } from '../support/io.js';

const MIN = 60_000;
const T0 = new Date('2026-05-04T10:00:00Z');
const A: ChannelKey = { platform: 'discord', workspaceId: '600000000000000001', channelId: '700000000000000021' };
const B: ChannelKey = { platform: 'slack', workspaceId: 'T1', channelId: 'C0POLL' };
const adminOfA: Partial<CommandContext> = { surface: 'discord', place: A, user: { id: 'U-admin', admin: true } };

const para = (n: number): string =>
  `Item ${n}: the harbour authority said on Monday that the new container berth would open in June, ` +
  'after two years of dredging and a dispute over the contract that went as far as the regional court. ' +
  'Shipping lines have already asked for slots, and the port expects traffic to rise by a fifth next year, ' +
  'the authority said in a statement, adding that the old berth would be closed for repairs over the summer.';
const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title><link>https://harbour.example/</link>
${[1, 2].map((n) => `<item><title>Harbour berth update ${n}</title><link>https://harbour.example/a${n}</link><guid>h${n}</guid><pubDate>Mon, 04 May 2026 08:0${n}:00 GMT</pubDate><description>${para(n)}</description></item>`).join('\n')}
</channel></rss>`;

let dir: string;
let config: Config;
let server: TestServer;
let clock = T0;
let flakyUp = false;
/** The (fake) time of each request, per path. */
const hitsAt: Record<string, number[]> = { '/feed.xml': [], '/flaky.xml': [], '/hourly.xml': [] };
const consoleOut = new Sink();
let bot: RunningBot;

const minutes = (times: number[]): number[] => times.slice(1).map((t, i) => (t - times[i]!) / MIN);

async function tickAt(t: Date): Promise<void> {
  clock = t;
  await bot.jobs.enqueue(POLL_TICK_JOB.name, {}, { idempotencyKey: `test-tick:${t.toISOString()}` });
  await bot.jobs.drain();
}

/** Ticks a minute at a time from the clock until `until` says stop (at most `max` minutes). */
async function tickUntil(until: () => boolean, max = 240): Promise<void> {
  for (let i = 0; i < max && !until(); i++) await tickAt(new Date(clock.getTime() + MIN));
  expect(until()).toBe(true);
}

/** `sources list` in channel A, through the dispatch every surface takes, on services of its own. */
async function sourcesList(): Promise<string> {
  const opened = await openServices(config);
  const { limits: _none, ...rest } = opened;
  const svc: OpenServices = { ...rest, now: () => clock };
  try {
    const [name, ...args] = splitLine('sources list');
    const def = findCommand(name!)!;
    const view = await dispatch(def, svc, parseCommandArgs(def, lineArgs(def, args)), { surface: 'console', digestMaxStories: 2, ...adminOfA });
    return renderMarkdown(view, { timeZone: 'UTC' });
  } finally {
    await svc.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-polling-'));
  server = await startServer({
    '/feed.xml': (req, res) => {
      hitsAt['/feed.xml']!.push(clock.getTime());
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(rss);
    },
    '/hourly.xml': (_req, res) => {
      hitsAt['/hourly.xml']!.push(clock.getTime());
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss.replace(/harbour\.example\/a/g, 'harbour.example/hourly-a'));
    },
    '/flaky.xml': (_req, res) => {
      hitsAt['/flaky.xml']!.push(clock.getTime());
      if (!flakyUp) return void res.writeHead(500, 'Internal Server Error', { 'content-type': 'text/plain' }).end('down');
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss.replace(/harbour\.example\/a/g, 'harbour.example/flaky-a'));
    },
  });
  const db = join(dir, 'bot.db');
  config = loadConfig({
    NEWSBRIEF_DB: db,
    NEWSBRIEF_SOURCES: `${server.url}/feed.xml`,
    NEWSBRIEF_ALLOW_LOOPBACK: 'true',
    LOG_LEVEL: 'silent',
  });
  expect(config.NEWSBRIEF_POLL_INTERVAL).toBe('15m');
  const store = createSqliteStore(db);
  await store.init();
  const channels = createSqliteChannelStore(db);
  // Through the store: `sources add` refuses a loopback address, as it should.
  await channels.addSource(A, `${server.url}/feed.xml?utm_source=chat`, 'U1', T0.toISOString());
  await channels.addSource(A, `${server.url}/flaky.xml`, 'U1', T0.toISOString());
  await channels.addSource(B, `${server.url}/feed.xml#latest`, 'U2', T0.toISOString());
  // Its own interval (`sources add URL every 1h`): one follower, so it is polled hourly.
  await channels.addSource(B, `${server.url}/hourly.xml`, 'U2', T0.toISOString(), 3_600_000);
  await channels.close();
  await store.close();
}, 30_000);

afterAll(async () => {
  await bot?.stop();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('per-source polling', () => {
  it('at start polls every source once, a feed followed by the global list and two channels once', async () => {
    bot = await startEmbedded(config, createConsoleChat(consoleOut), { now: () => clock });
    expect(hitsAt['/feed.xml']).toEqual([T0.getTime()]);
    expect(hitsAt['/flaky.xml']).toEqual([T0.getTime()]);
    expect(hitsAt['/hourly.xml']).toEqual([T0.getTime()]);
    expect(consoleOut.text).toContain('Harbour berth'); // ingested before the first digest, as before
    await tickAt(T0); // a tick at the same moment: nothing is due again
    expect(hitsAt['/feed.xml']).toHaveLength(1);
  }, 60_000);

  it('a failing feed backs off 15, 30, 60 minutes; sources list shows its failures, last error and until when', async () => {
    await tickUntil(() => hitsAt['/flaky.xml']!.length === 3);
    const gaps = minutes(hitsAt['/flaky.xml']!);
    expect(gaps[0]).toBeGreaterThanOrEqual(14);
    expect(gaps[0]).toBeLessThanOrEqual(17);
    expect(gaps[1]).toBeGreaterThanOrEqual(27);
    expect(gaps[1]).toBeLessThanOrEqual(34);
    const polls = await openServices(config);
    const state = (await polls.polls.get(`${server.url}/flaky.xml`))!;
    await polls.close();
    expect(state).toMatchObject({ failures: 3, lastError: 'HTTP 500 Internal Server Error' });
    const wait = Date.parse(state.nextDueAt) - clock.getTime();
    expect(wait).toBeGreaterThanOrEqual(54 * MIN);
    expect(wait).toBeLessThanOrEqual(66 * MIN);
    const list = await sourcesList();
    expect(list).toContain(`failing 3× (HTTP 500 Internal Server Error), backing off until ${clockTime(state.nextDueAt, clock, 'UTC')}`);
    expect(list).toMatch(/feed\.xml\?utm_source=chat> \(added 2026-05-04\): ok, next in \d+ min/);
    // Backing off: nothing for the next 50 minutes.
    const before = hitsAt['/flaky.xml']!.length;
    for (let i = 0; i < 50; i++) await tickAt(new Date(clock.getTime() + MIN));
    expect(hitsAt['/flaky.xml']).toHaveLength(before);
  }, 120_000);

  it('recovers after a success: failures cleared, back to the interval', async () => {
    flakyUp = true;
    await tickUntil(() => hitsAt['/flaky.xml']!.length === 4, 30);
    expect(minutes(hitsAt['/flaky.xml']!)[2]).toBeGreaterThanOrEqual(54);
    expect(minutes(hitsAt['/flaky.xml']!)[2]).toBeLessThanOrEqual(67);
    const list = await sourcesList();
    expect(list).toMatch(/flaky\.xml> \(added 2026-05-04\): ok, next in 1[3-7] min/);
    expect(list).not.toContain('failing');
    await tickUntil(() => hitsAt['/flaky.xml']!.length === 5, 20);
    const last = minutes(hitsAt['/flaky.xml']!).at(-1)!;
    expect(last).toBeGreaterThanOrEqual(14);
    expect(last).toBeLessThanOrEqual(17);
  }, 120_000);

  it('fetched the shared feed once per interval all along, conditionally after the first', async () => {
    const feed = hitsAt['/feed.xml']!;
    expect(feed.length).toBeGreaterThanOrEqual(Math.floor((clock.getTime() - T0.getTime()) / (16.5 * MIN)));
    for (const gap of minutes(feed)) {
      expect(gap).toBeGreaterThanOrEqual(14);
      expect(gap).toBeLessThanOrEqual(17);
    }
    // The source a channel asked to poll every hour: hourly (±10%), not every 15 minutes.
    expect(hitsAt['/hourly.xml']!.length).toBeGreaterThanOrEqual(2);
    for (const gap of minutes(hitsAt['/hourly.xml']!)) {
      expect(gap).toBeGreaterThanOrEqual(54);
      expect(gap).toBeLessThanOrEqual(67);
    }
    const feedRequests = server.headers.filter((_, i) => server.hits[i]!.startsWith('/feed.xml'));
    expect(feedRequests[0]!['if-none-match']).toBeUndefined();
    expect(feedRequests.slice(1).every((h) => h['if-none-match'] === '"v1"')).toBe(true);
  });

  it('a restart keeps the schedule: only what is due is fetched on start, each once', async () => {
    // Stop right after a fetch of the shared feed, start again a minute later: it is not due.
    const feedCount = hitsAt['/feed.xml']!.length;
    await tickUntil(() => hitsAt['/feed.xml']!.length === feedCount + 1, 20);
    await bot.stop();
    const svc = await openServices(config);
    const flaky = (await svc.polls.get(`${server.url}/flaky.xml`))!;
    await svc.close();
    clock = new Date(clock.getTime() + MIN);
    const flakyDue = Date.parse(flaky.nextDueAt) <= clock.getTime();
    const counts = { feed: hitsAt['/feed.xml']!.length, flaky: hitsAt['/flaky.xml']!.length };
    bot = await startEmbedded(config, createConsoleChat(new Sink()), { now: () => clock });
    expect(hitsAt['/feed.xml']).toHaveLength(counts.feed);
    expect(hitsAt['/flaky.xml']).toHaveLength(counts.flaky + (flakyDue ? 1 : 0));

    // Down for 40 minutes: both are overdue, and each is fetched once on start, then on schedule.
    await bot.stop();
    clock = new Date(clock.getTime() + 40 * MIN);
    const downCounts = { feed: hitsAt['/feed.xml']!.length, flaky: hitsAt['/flaky.xml']!.length };
    bot = await startEmbedded(config, createConsoleChat(new Sink()), { now: () => clock });
    expect(hitsAt['/feed.xml']).toHaveLength(downCounts.feed + 1);
    expect(hitsAt['/flaky.xml']).toHaveLength(downCounts.flaky + 1);
    for (let i = 0; i < 13; i++) await tickAt(new Date(clock.getTime() + MIN));
    expect(hitsAt['/feed.xml']).toHaveLength(downCounts.feed + 1);
    expect(hitsAt['/flaky.xml']).toHaveLength(downCounts.flaky + 1);
  }, 120_000);

  it('told to stop (SIGTERM while starting), a tick polls no further source and records nothing', async () => {
    await bot.stop();
    clock = new Date(clock.getTime() + 3 * 3_600_000); // everything is due
    const svc = await openServices(config);
    try {
      const stop = new AbortController();
      stop.abort();
      const poller = createPoller({ services: svc, polls: svc.polls, global: [`${server.url}/feed.xml`], channels: svc.channels, intervalMs: 15 * MIN, now: () => clock, signal: stop.signal });
      const before = { feed: hitsAt['/feed.xml']!.length, state: await svc.polls.get(`${server.url}/feed.xml`) };
      expect(await poller.tick()).toEqual({ polled: 0, failed: 0, added: 0, newStories: 0 });
      expect(hitsAt['/feed.xml']).toHaveLength(before.feed);
      expect(await svc.polls.get(`${server.url}/feed.xml`)).toEqual(before.state);
    } finally {
      await svc.close();
    }
    bot = await startEmbedded(config, createConsoleChat(new Sink()), { now: () => clock });
  }, 60_000);

  it('a source no channel follows any more is forgotten and no longer fetched', async () => {
    const channels = createSqliteChannelStore(config.NEWSBRIEF_DB);
    await channels.removeSource(A, `${server.url}/flaky.xml`);
    await channels.close();
    const count = hitsAt['/flaky.xml']!.length;
    for (let i = 0; i < 40; i++) await tickAt(new Date(clock.getTime() + MIN));
    expect(hitsAt['/flaky.xml']).toHaveLength(count);
    expect(hitsAt['/feed.xml']!.length).toBeGreaterThan(0);
    const svc = await openServices(config);
    expect(await svc.polls.get(`${server.url}/flaky.xml`)).toBeUndefined();
    await svc.close();
  }, 120_000);
});
