// `npm start` with chat tokens, as a user runs it: `node dist/main.js` (compiled by the global
// setup) with DISCORD_* and SLACK_* set, pointed at a local Discord and a local Slack on 127.0.0.1.
// It must ingest the sources, answer commands on both platforms from the same store, keep the
// console free of digests (the channels are the audience now), and stop cleanly on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordServer, interactionPayload, type DiscordServer } from '../../src/platforms/discord/local-server.js';
import { slackSignature, startLocalSlack, type LocalSlack } from '../slack/local-slack.js';
import { textsOf } from '../slack/block-kit-check.js';
import { freePort } from '../support/io.js';

const root = resolve(import.meta.dirname, '../..');
const SECRET = 'start-signing-secret-1234';

let dir: string;
let discord: DiscordServer;
let slack: LocalSlack;
let child: ChildProcess;
let out = '';
let err = '';
let slackPort: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-start-'));
  discord = await startDiscordServer();
  slack = await startLocalSlack();
  slackPort = await freePort();
  child = spawn(process.execPath, [join(root, 'dist', 'main.js')], {
    // A folder of its own as the working directory: no developer's .env is read.
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      NEWSBRIEF_DB: join(dir, 'bot.db'),
      NEWSBRIEF_SOURCES: join(root, 'examples'),
      LOG_LEVEL: 'info',
      DISCORD_TOKEN: 'start-token',
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_BASE: discord.api,
      SLACK_BOT_TOKEN: 'xoxb-start',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      NEWSBRIEF_HTTP_PORT: String(slackPort),
    },
  });
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  await discord.ready;
  // Ready for work once the first ingest run is logged (pino's JSON lines, on stderr).
  await slack.waitFor(() => (err.includes('ingest run finished') ? true : undefined), 30_000);
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await discord?.close();
  await slack?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start with DISCORD_* and SLACK_* set', () => {
  it('logs in to Discord with the token and starts Slack in HTTP mode', () => {
    expect(discord.identifiedToken()).toBe('start-token');
    // The log (JSON lines) on stderr; stdout is for briefings.
    expect(err).toMatch(/Discord bot running/);
    expect(err).toMatch(new RegExp(`Slack bot running \\(HTTP on port ${slackPort}`));
    // Secrets never reach the log.
    expect(out + err).not.toMatch(/start-token|xoxb-start|start-signing-secret/);
  });

  it('answers a Discord slash command from the stories it ingested', async () => {
    const p = interactionPayload(discord.applicationId, { name: 'stories' });
    const since = Date.now();
    discord.dispatch('INTERACTION_CREATE', p);
    const cb = await discord.waitFor((r) => r.method === 'POST' && r.path === `/interactions/${p.id}/${p.token}/callback`, 5000, since);
    const body = cb.body.type === 5 ? (await discord.waitFor((r) => r.path.startsWith(`/webhooks/${discord.applicationId}/${p.token}`) && r.method !== 'GET', 15_000, since)).body : cb.body.data;
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(body)).toMatch(/#\d+/);
  });

  it('answers a signed Slack slash command through response_url', async () => {
    const body = new URLSearchParams({ command: '/news', text: 'stories --limit 2', team_id: 'T1', channel_id: 'C1', user_id: 'U1', api_app_id: 'A1', response_url: `http://127.0.0.1:${slack.port}/respond/start`, trigger_id: 't' }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`http://127.0.0.1:${slackPort}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(SECRET, ts, body) },
      body,
    });
    expect(res.status).toBe(200);
    const [answer] = await slack.waitFor(() => {
      const got = slack.responses.filter((r) => r.path === '/respond/start');
      return got.length ? got : undefined;
    });
    expect(answer!.body.response_type).toBe('in_channel');
    expect(textsOf(answer!.body).join('\n').match(/#\d+/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('posts no console digest, and stops within 10 s on SIGTERM', async () => {
    expect(out).not.toContain('# Digest');
    expect(out).toBe('');
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const t0 = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});
