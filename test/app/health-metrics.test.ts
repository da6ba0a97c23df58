// /healthz and /metrics (ADR 019), with real servers: the prom-client telemetry against its own
// registry's text; the endpoints on a real node:http server over a real SQLite store (a closed one
// for the 503); and `node dist/main.js` as a user runs it, once on the console (its own server, on
// the port the system gave for NEWSBRIEF_HTTP_PORT=0), once with Slack in HTTP mode (the same
// port as /slack/events) and once in Socket Mode (our own server on that port, while Bolt holds
// none). No token or secret may appear in either answer.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPromTelemetry } from '../../src/app/prom-telemetry.js';
import { createHttpEndpoints, listenHttp } from '../../src/app/http-endpoints.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { slackSignature, startLocalSlack, type LocalSlack } from '../slack/local-slack.js';
import { freePort } from '../support/io.js';
import { loadConfig } from '../../src/config.js';
import { openServices } from '../../src/app/compose.js';
import { ingestInputs } from '../../src/app/commands.js';
import { createDigestRunner, DIGEST_DEFAULTS } from '../../src/delivery/digests.js';
import { createStoryPoster, STORY_POST_DEFAULTS } from '../../src/delivery/story-posts.js';
import { dispatch } from '../../src/commands/dispatch.js';
import { parseCommandArgs } from '../../src/commands/command.js';
import { findCommand } from '../../src/commands/registry.js';
import { GiveUp } from '../../src/domain/delivery-errors.js';
import { noopTelemetry } from '../../src/domain/telemetry.js';
import { createBotHttp } from '../../src/app/bot-http.js';
import { pino } from 'pino';
import type { Chat } from '../../src/chat/chat.js';
import type { ChannelKey } from '../../src/domain/channels.js';

const root = resolve(import.meta.dirname, '../..');
const SECRET = 'metrics-signing-secret-1234';
const BOT_TOKEN = 'xoxb-metrics-token';
const APP_TOKEN = 'xapp-metrics-app-token';

/** The value of one sample line of an exposition (`name{labels} value`), or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('prom-client telemetry', () => {
  it('counts runs, articles, posts and latencies in its own registry, with bounded labels', async () => {
    let counts = { articles: 12, stories: 5 };
    let down = false;
    const t = createPromTelemetry({
      commands: ['stories', 'brief'],
      counts: async () => {
        if (down) throw new Error('store closed');
        return counts;
      },
      defaultMetrics: false,
    });
    t.ingestRun('ok', 1.5);
    t.ingestRun('error', 0.2);
    t.ingestRun('ok', 0.5);
    t.articlesIngested(7);
    t.articlesIngested(0);
    t.postOutcome('digest', 'sent');
    t.postOutcome('digest', 'sent');
    t.postOutcome('story', 'dead');
    t.deliveryLatency(0.3);
    t.commandLatency('stories', 'slack', 0.02);
    // Text a user typed never becomes a label: an unknown name (and platform) is "other".
    t.commandLatency('stories; DROP TABLE', 'irc', 0.02);

    const { contentType, text } = await t.metrics();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(text, 'newsbrief_ingest_runs_total{outcome="ok"}')).toBe(2);
    expect(sample(text, 'newsbrief_ingest_runs_total{outcome="error"}')).toBe(1);
    expect(sample(text, 'newsbrief_ingest_run_seconds_count')).toBe(3);
    expect(sample(text, 'newsbrief_ingest_last_success_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(sample(text, 'newsbrief_articles_ingested_total')).toBe(7);
    expect(sample(text, 'newsbrief_articles')).toBe(12);
    expect(sample(text, 'newsbrief_stories')).toBe(5);
    expect(sample(text, 'newsbrief_posts_total{kind="digest",outcome="sent"}')).toBe(2);
    expect(sample(text, 'newsbrief_posts_total{kind="story",outcome="dead"}')).toBe(1);
    // Series exist from the start, at 0.
    expect(sample(text, 'newsbrief_posts_total{kind="update",outcome="failed"}')).toBe(0);
    expect(sample(text, 'newsbrief_delivery_seconds_count')).toBe(1);
    expect(sample(text, 'newsbrief_delivery_seconds_bucket{le="0.5"}')).toBe(1);
    expect(sample(text, 'newsbrief_command_seconds_count{command="stories",platform="slack"}')).toBe(1);
    expect(sample(text, 'newsbrief_command_seconds_count{command="other",platform="other"}')).toBe(1);
    expect(text).not.toContain('DROP');
    expect(text).toContain('# TYPE newsbrief_command_seconds histogram');
    // Off: no process metrics in this registry (the bot turns them on).
    expect(text).not.toContain('process_cpu_seconds_total');

    // Gauges are read at each scrape; a store that fails leaves them as they were, /metrics answers.
    counts = { articles: 13, stories: 6 };
    expect(sample((await t.metrics()).text, 'newsbrief_articles')).toBe(13);
    down = true;
    expect(sample((await t.metrics()).text, 'newsbrief_stories')).toBe(6);
  });

  it('two telemetries do not share a registry', async () => {
    const a = createPromTelemetry({ commands: [], defaultMetrics: false });
    const b = createPromTelemetry({ commands: [] });
    a.ingestRun('ok', 1);
    expect(sample((await a.metrics()).text, 'newsbrief_ingest_runs_total{outcome="ok"}')).toBe(1);
    const bText = (await b.metrics()).text;
    expect(sample(bText, 'newsbrief_ingest_runs_total{outcome="ok"}')).toBe(0);
    expect(bText).toContain('process_cpu_seconds_total');
  });
});

describe('the services with metrics on (compose)', () => {
  it('count ingest runs, digest deliveries by outcome and command latency through the real code paths', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsbrief-telemetry-'));
    const config = loadConfig({ NEWSBRIEF_DB: join(dir, 't.db'), LOG_LEVEL: 'silent' });
    // Every interface by default (a container's healthcheck, a scraper); the port as before.
    expect(config).toMatchObject({ NEWSBRIEF_HTTP_HOST: '0.0.0.0', NEWSBRIEF_HTTP_PORT: 3000 });
    const plain = await openServices(config);
    expect(plain.telemetry).toBe(noopTelemetry); // the CLI's services: nothing counted, no /metrics
    expect(plain.metrics).toBeUndefined();
    await plain.close();

    const svc = await openServices(config, { metrics: true });
    try {
      await ingestInputs(svc, [join(root, 'examples')]);
      const ch: ChannelKey = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
      await svc.channels.subscribe(ch, 'all', '', 'U1', '2026-03-01T00:00:00Z');
      // A chat that fails twice (the second time for good), then posts.
      const answers: Array<Error | undefined> = [new Error('HTTP 503'), new GiveUp('channel_not_found'), undefined];
      const chat: Chat = {
        name: 'test',
        async postDigest() {
          const a = answers.shift();
          if (a) throw a;
          return { messageId: 'M1' };
        },
        async close() {},
      };
      let clock = new Date('2026-03-08T12:00:00Z');
      const runner = createDigestRunner({
        services: svc,
        ledger: svc.deliveries,
        chatFor: () => chat,
        channels: async () => [ch],
        now: () => clock,
        defaults: { ...DIGEST_DEFAULTS, timeZone: 'UTC', firstWindow: '24h', maxStories: 3 },
      });
      expect(await runner.deliver(ch, '2026-03-08')).toBe('failed');
      clock = new Date(clock.getTime() + DIGEST_DEFAULTS.retryAfterMs);
      expect(await runner.deliver(ch, '2026-03-08')).toBe('dead');
      expect(await runner.deliver(ch, '2026-03-09')).toBe('sent');
      expect(await runner.deliver(ch, '2026-03-09')).toBe('already'); // not an attempt: not counted

      const def = findCommand('stories')!;
      await dispatch(def, svc, parseCommandArgs(def, {}), { surface: 'console', digestMaxStories: 3 });

      const text = (await svc.metrics!()).text;
      expect(sample(text, 'newsbrief_ingest_runs_total{outcome="ok"}')).toBe(1);
      expect(sample(text, 'newsbrief_articles_ingested_total')).toBe(await svc.store.countArticles());
      expect(sample(text, 'newsbrief_stories')).toBe(await svc.store.countStories());
      expect(sample(text, 'newsbrief_posts_total{kind="digest",outcome="failed"}')).toBe(1);
      expect(sample(text, 'newsbrief_posts_total{kind="digest",outcome="dead"}')).toBe(1);
      expect(sample(text, 'newsbrief_posts_total{kind="digest",outcome="sent"}')).toBe(1);
      expect(sample(text, 'newsbrief_delivery_seconds_count')).toBe(3);
      expect(sample(text, 'newsbrief_command_seconds_count{command="stories",platform="console"}')).toBe(1);
    } finally {
      await svc.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('story posts with metrics on', () => {
  it('count a story post, a failed update and the update sent after it, with kind story / update', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsbrief-telemetry-story-'));
    const svc = await openServices(loadConfig({ NEWSBRIEF_DB: join(dir, 's.db'), LOG_LEVEL: 'silent' }), { metrics: true });
    try {
      const ch: ChannelKey = { platform: 'slack', workspaceId: 'T1', channelId: 'C0STORIES' };
      await svc.channels.subscribe(ch, 'topic', 'Lake Varna', 'admin', new Date().toISOString());
      const failures: Error[] = [];
      let n = 0;
      const chat: Chat = {
        name: 'test',
        async postDigest() {
          return {};
        },
        async postStory() {
          const f = failures.shift();
          if (f) throw f;
          return { messageId: `M${++n}` };
        },
        async close() {},
      };
      let offset = 0;
      const poster = createStoryPoster({
        services: svc,
        ledger: svc.deliveries,
        posts: svc.storyPosts,
        chatFor: () => chat,
        channels: async () => [ch],
        now: () => new Date(Date.now() + offset),
        defaults: { ...STORY_POST_DEFAULTS, timeZone: 'UTC', concurrency: 1 },
      });
      const fixtures = join(root, 'test/fixtures/story-posts');
      await poster.run(); // the channel's first run: what is stored now is its digest's
      await ingestInputs(svc, [join(fixtures, '01-first.txt')]);
      expect((await poster.run()).map((r) => r.outcome)).toEqual(['posted']);
      await ingestInputs(svc, [join(fixtures, '03-new-fact.txt')]);
      offset += 2 * 3_600_000;
      failures.push(new Error('HTTP 503'));
      expect((await poster.run()).map((r) => r.outcome)).toEqual(['failed']);
      offset += 2 * 3_600_000;
      expect((await poster.run()).map((r) => r.outcome)).toEqual(['updated']);

      const text = (await svc.metrics!()).text;
      expect(sample(text, 'newsbrief_posts_total{kind="story",outcome="sent"}')).toBe(1);
      expect(sample(text, 'newsbrief_posts_total{kind="update",outcome="failed"}')).toBe(1);
      expect(sample(text, 'newsbrief_posts_total{kind="update",outcome="sent"}')).toBe(1);
      expect(sample(text, 'newsbrief_delivery_seconds_count')).toBe(3);
    } finally {
      await svc.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the endpoints on a server of our own', () => {
  it('answers 200 while the store answers, 503 once it does not, 404 elsewhere; closes on stop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsbrief-health-'));
    const store = createSqliteStore(join(dir, 'h.db'));
    await store.init();
    const telemetry = createPromTelemetry({ commands: [], defaultMetrics: false });
    const endpoints = createHttpEndpoints({
      storeCheck: () => store.lastArticleId(),
      platforms: () => ({ discord: 'off', slack: 'off' }),
      metrics: () => telemetry.metrics(),
    });
    const server = await listenHttp(endpoints, 0, '127.0.0.1');
    const url = `http://127.0.0.1:${server.port}`;
    try {
      expect(server.port).toBeGreaterThan(0);
      const ok = await fetch(`${url}/healthz`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await ok.json()).toMatchObject({ status: 'ok', store: 'ok', platforms: { discord: 'off', slack: 'off' }, uptimeS: expect.any(Number) });
      expect((await fetch(`${url}/healthz?probe=1`, { method: 'HEAD' })).status).toBe(200);

      const m = await fetch(`${url}/metrics`);
      expect(m.status).toBe(200);
      expect(m.headers.get('content-type')).toBe(telemetry.registry.contentType);
      expect(await m.text()).toContain('newsbrief_ingest_runs_total{outcome="ok"} 0');

      for (const [method, path] of [['GET', '/'], ['GET', '/slack/events'], ['POST', '/healthz'], ['GET', '/healthz/x']] as const) {
        expect((await fetch(`${url}${path}`, { method })).status, `${method} ${path}`).toBe(404);
      }

      await store.close();
      const down = await fetch(`${url}/healthz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: 'error', store: 'error', error: expect.stringMatching(/not open/) });
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('a store that does not answer in time is down', async () => {
    const endpoints = createHttpEndpoints({ storeCheck: () => new Promise(() => {}), platforms: () => ({ discord: 'off', slack: 'off' }), storeTimeoutMs: 50 });
    const server = await listenHttp(endpoints, 0, '127.0.0.1');
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ store: 'error', error: 'no answer within 50 ms' });
      // No telemetry given: /metrics is off.
      expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

interface Bot {
  child: ChildProcess;
  err: () => string;
  dir: string;
}

function startBot(env: Record<string, string>): Bot {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-metrics-'));
  let err = '';
  const child = spawn(process.execPath, [join(root, 'dist', 'main.js')], {
    cwd: dir, // no developer's .env is read
    env: { PATH: process.env.PATH, NEWSBRIEF_DB: join(dir, 'bot.db'), NEWSBRIEF_SOURCES: join(root, 'examples'), NEWSBRIEF_HTTP_HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
  });
  child.stdout!.resume();
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return { child, err: () => err, dir };
}

async function waitForLog(bot: Bot, re: RegExp, ms = 30_000): Promise<RegExpMatchArray> {
  const until = Date.now() + ms;
  for (;;) {
    const m = re.exec(bot.err());
    if (m) return m;
    if (bot.child.exitCode !== null) throw new Error(`the bot exited (${bot.child.exitCode}):\n${bot.err()}`);
    if (Date.now() > until) throw new Error(`no ${re} in the log within ${ms} ms:\n${bot.err()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stopBot(bot: Bot): Promise<number | null> {
  if (bot.child.exitCode !== null) return bot.child.exitCode;
  const exited = new Promise<number | null>((done) => bot.child.once('exit', (code) => done(code)));
  bot.child.kill('SIGTERM');
  return exited;
}

describe('node dist/main.js', () => {
  let consoleBot: Bot;
  let slackBot: Bot;
  let socketBot: Bot;
  let slack: LocalSlack;
  let consolePort: number;
  let slackPort: number;
  let socketPort: number;

  beforeAll(async () => {
    slack = await startLocalSlack();
    slackPort = await freePort();
    socketPort = await freePort();
    // All at once: each spends most of its start on the first ingest.
    consoleBot = startBot({ NEWSBRIEF_HTTP_PORT: '0' });
    slackBot = startBot({ NEWSBRIEF_HTTP_PORT: String(slackPort), SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl });
    socketBot = startBot({ NEWSBRIEF_HTTP_PORT: String(socketPort), SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: slack.apiUrl });
    consolePort = Number((await waitForLog(consoleBot, /health and metrics listening on port (\d+)/))[1]);
    await Promise.all([consoleBot, slackBot, socketBot].map((b) => waitForLog(b, /ingest run finished/)));
  }, 60_000);

  afterAll(async () => {
    for (const b of [consoleBot, slackBot, socketBot]) {
      if (b?.child.exitCode === null) b.child.kill('SIGKILL');
      if (b) rmSync(b.dir, { recursive: true, force: true });
    }
    await slack?.close();
  });

  it('on the console: /healthz is ok and /metrics counts the first ingest, the stored articles and the digest', async () => {
    const url = `http://127.0.0.1:${consolePort}`;
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', store: 'ok', platforms: { discord: 'off', slack: 'off' } });

    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(sample(text, 'newsbrief_ingest_runs_total{outcome="ok"}')).toBe(1);
    expect(sample(text, 'newsbrief_ingest_runs_total{outcome="error"}')).toBe(0);
    const articles = sample(text, 'newsbrief_articles')!;
    expect(articles).toBeGreaterThan(5);
    expect(sample(text, 'newsbrief_articles_ingested_total')).toBe(articles);
    expect(sample(text, 'newsbrief_stories')).toBeGreaterThan(0);
    // The first run prints today's digest to the console: one delivery, sent.
    expect(sample(text, 'newsbrief_posts_total{kind="digest",outcome="sent"}')).toBe(1);
    expect(sample(text, 'newsbrief_delivery_seconds_count')).toBe(1);
    expect(text).toContain('process_resident_memory_bytes');
    expect((await fetch(`${url}/`)).status).toBe(404);
  });

  it('with Slack in HTTP mode: /healthz and /metrics on the /slack/events port, with command latency, and no secret', async () => {
    expect(slackBot.err()).toMatch(new RegExp(`Slack bot running \\(HTTP on port ${slackPort}`));
    expect(slackBot.err()).toMatch(/health and metrics on the Slack HTTP port/);
    expect(slackBot.err()).not.toMatch(/health and metrics listening/);
    const url = `http://127.0.0.1:${slackPort}`;

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const healthText = await health.text();
    expect(JSON.parse(healthText)).toMatchObject({ status: 'ok', store: 'ok', platforms: { discord: 'off', slack: 'ready' } });

    // A signed slash command on the same port, then its latency in /metrics.
    const body = new URLSearchParams({ command: '/news', text: 'stories --limit 2', team_id: 'T1', channel_id: 'C1', user_id: 'U1', api_app_id: 'A1', response_url: `http://127.0.0.1:${slack.port}/respond/metrics`, trigger_id: 't' }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const cmd = await fetch(`${url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(SECRET, ts, body) },
      body,
    });
    expect(cmd.status).toBe(200);
    await slack.waitFor(() => (slack.responses.some((r) => r.path === '/respond/metrics') ? true : undefined));

    const text = await (await fetch(`${url}/metrics`)).text();
    expect(sample(text, 'newsbrief_command_seconds_count{command="stories",platform="slack"}')).toBe(1);
    expect(sample(text, 'newsbrief_ingest_runs_total{outcome="ok"}')).toBe(1);
    expect(sample(text, 'newsbrief_articles')).toBeGreaterThan(5);

    for (const answer of [healthText, text]) {
      expect(answer).not.toContain(BOT_TOKEN);
      expect(answer).not.toContain(SECRET);
      expect(answer).not.toMatch(/xoxb-|xapp-/);
    }
  });

  it('with Slack in Socket Mode: our own server on the port, Slack ready, command latency from the socket', async () => {
    expect(socketBot.err()).toMatch(/Slack bot running \(Socket Mode\)/);
    expect(socketBot.err()).toMatch(new RegExp(`health and metrics listening on port ${socketPort}`));
    await slack.socketConnected();
    const url = `http://127.0.0.1:${socketPort}`;
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const healthText = await health.text();
    expect(JSON.parse(healthText)).toMatchObject({ status: 'ok', platforms: { discord: 'off', slack: 'ready' } });
    // Slack's path is not served here: Socket Mode receives no HTTP.
    expect((await fetch(`${url}/slack/events`, { method: 'POST' })).status).toBe(404);

    slack.socketSend({
      envelope_id: 'metrics-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: { command: '/news', text: 'stories --limit 1', team_id: 'T1', channel_id: 'C1', user_id: 'U1', api_app_id: 'A1', response_url: `http://127.0.0.1:${slack.port}/respond/socket-metrics`, trigger_id: 't' },
    });
    await slack.waitFor(() => (slack.responses.some((r) => r.path === '/respond/socket-metrics') ? true : undefined));
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(sample(text, 'newsbrief_command_seconds_count{command="stories",platform="slack"}')).toBe(1);
    for (const answer of [healthText, text]) {
      expect(answer).not.toContain(APP_TOKEN);
      expect(answer).not.toContain(BOT_TOKEN);
    }
  });

  it('a port already taken stops the start with a message naming the variable', async () => {
    // The console bot's port is held by the console bot: a second bot cannot have it.
    const second = startBot({ NEWSBRIEF_HTTP_PORT: String(consolePort) });
    try {
      const code = await new Promise<number | null>((done) => second.child.once('exit', (c) => done(c)));
      expect(code).toBe(1);
      expect(second.err()).toContain(`NEWSBRIEF_HTTP_PORT=${consolePort} is in use on 127.0.0.1`);
    } finally {
      rmSync(second.dir, { recursive: true, force: true });
    }
  });

  it('the default port taken (the variable not set): runs without the endpoints and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsbrief-http-default-'));
    const svc = await openServices(loadConfig({ NEWSBRIEF_DB: join(dir, 'h.db') }));
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (l: string) => lines.push(l) });
    try {
      // What loadConfig gives when the environment leaves NEWSBRIEF_HTTP_PORT to its default.
      const http = createBotHttp({ NEWSBRIEF_HTTP_PORT: consolePort, NEWSBRIEF_HTTP_HOST: '127.0.0.1', given: new Set() }, svc, () => undefined, log);
      await http.start(undefined);
      expect(lines.join('\n')).toContain(`port ${consolePort} (the default NEWSBRIEF_HTTP_PORT) is in use: running without /healthz and /metrics`);
      await http.close();
    } finally {
      await svc.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops on SIGTERM and the port closes with it', async () => {
    for (const b of [consoleBot, slackBot, socketBot]) expect(await stopBot(b)).toBe(0);
    for (const port of [consolePort, slackPort, socketPort]) await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
