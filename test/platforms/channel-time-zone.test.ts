// Dates are shown in each channel's own time zone (`settings timezone`), else the deployment's
// (NEWSBRIEF_TZ): on Discord and Slack (the real clients against local servers), on the CLI and in
// the console twin. One article dated 12:00 UTC on March 10, 2026 is March 11 at UTC+14
// (Pacific/Kiritimati): a channel that set that zone sees "Mar 11", every other channel "Mar 10".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestInputs } from '../../src/app/commands.js';
import { openServices, type OpenServices } from '../../src/app/compose.js';
import { runCli } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config.js';
import { startDiscordBot, type DiscordBot } from '../../src/platforms/discord/bot.js';
import { startSlackBot, type RunningSlackBot } from '../../src/platforms/slack/bot.js';
import { renderMarkdown } from '../../src/render/markdown/index.js';
import { storyListItem, type View } from '../../src/commands/view.js';
import { startDiscordServer, interactionPayload, type DiscordServer, type OptionPayload } from '../../src/platforms/discord/local-server.js';
import { slackSignature, startLocalSlack, type LocalSlack } from '../slack/local-slack.js';
import { textsOf } from '../slack/block-kit-check.js';
import { Sink } from '../support/io.js';

const STRING = 3;
const MANAGE_GUILD = '32';
const SECRET = 'tz-signing-secret-1234';
const MANY_COMMANDS = { NEWSBRIEF_RATE_USER: '1000/min', NEWSBRIEF_RATE_CHANNEL: '1000/min' };

const ARTICLE = [
  'Harbour authority approves the new container terminal',
  '',
  'ROTTERDAM, March 10, 2026 - The port authority approved a third container terminal on Tuesday after a vote of its board, officials said.',
  '',
  'The terminal will add capacity for two million containers a year and open in 2029, the authority said in a statement.',
  '',
  'Shipping lines welcomed the decision, while local residents said they would appeal against the noise permit before the regional court.',
].join('\n');

let dir: string;
let db: string;
let svc: OpenServices;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-tz-'));
  db = join(dir, 'tz.db');
  writeFileSync(join(dir, 'terminal.txt'), ARTICLE);
  svc = await openServices(loadConfig({ NEWSBRIEF_DB: db, ...MANY_COMMANDS }));
  const summary = await ingestInputs(svc, [join(dir, 'terminal.txt')]);
  expect(summary.added).toBe(1);
  expect((await svc.store.listStories({}))[0]!.lastPublishedAt).toBe('2026-03-10T12:00:00.000Z');
}, 30_000);

afterAll(async () => {
  await svc?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the Markdown renderer', () => {
  it('shows a moment as the day it falls on in the zone given, UTC by default', async () => {
    const view: View = { kind: 'stories', stories: (await svc.store.listStories({})).map((s) => storyListItem(s)), anyUndated: false };
    expect(renderMarkdown(view)).toMatch(/Mar 10, 2026/);
    expect(renderMarkdown(view, { timeZone: 'Pacific/Kiritimati' })).toMatch(/Mar 11, 2026/);
    expect(renderMarkdown(view, { timeZone: 'Pacific/Pago_Pago' })).toMatch(/Mar 10, 2026/);
  });
});

describe('Discord: each channel its own zone', () => {
  let server: DiscordServer;
  let bot: DiscordBot;
  beforeAll(async () => {
    server = await startDiscordServer();
    bot = await startDiscordBot({ token: 'tz-token', applicationId: server.applicationId, apiBase: server.api, services: svc, digestMaxStories: 3, timeZone: 'UTC' });
  }, 30_000);
  afterAll(async () => {
    await bot?.close();
    await server?.close();
  });

  /** The text of the answer a command gets in a channel (the callback's, or the deferred edit's). */
  async function ask(name: string, options: OptionPayload[], channelId: string, permissions = '0'): Promise<string> {
    const p = interactionPayload(server.applicationId, { name, options }, { permissions, channelId });
    const since = Date.now();
    server.dispatch('INTERACTION_CREATE', p);
    const cb = await server.waitFor((r) => r.method === 'POST' && r.path === `/interactions/${p.id}/${p.token}/callback`, 5000, since);
    const body = cb.body.type === 5 ? (await server.waitFor((r) => r.path.startsWith(`/webhooks/${server.applicationId}/${p.token}`) && r.method !== 'GET', 15_000, since)).body : cb.body.data;
    return JSON.stringify(body);
  }

  it('shows the deployment zone until a channel sets its own, then that zone in that channel only', async () => {
    const east = '700000000000000101';
    const other = '700000000000000102';
    expect(await ask('stories', [], east)).toMatch(/Mar 10, 2026/);
    expect(await ask('settings', [{ name: 'timezone', type: STRING, value: 'Pacific/Kiritimati' }], east, MANAGE_GUILD)).toMatch(/Pacific\/Kiritimati/);
    expect(await ask('stories', [], east)).toMatch(/Mar 11, 2026/);
    expect(await ask('brief', [{ name: 'topic', type: STRING, value: 'container terminal' }], east)).toMatch(/Mar 11, 2026/);
    expect(await ask('stories', [], other)).toMatch(/Mar 10, 2026/);
  });
});

describe('Slack: each channel its own zone', () => {
  let slack: LocalSlack;
  let bot: RunningSlackBot;
  let seq = 0;
  beforeAll(async () => {
    slack = await startLocalSlack();
    slack.users.set('UADMIN', { is_admin: true });
    bot = await startSlackBot({ botToken: 'xoxb-tz', signingSecret: SECRET, port: 0, host: '127.0.0.1', apiUrl: slack.apiUrl, admins: [], services: svc, digestMaxStories: 3, timeZone: 'UTC', retries: 0 });
  }, 30_000);
  afterAll(async () => {
    await bot?.stop();
    await slack?.close();
  });

  async function slash(text: string, channel: string, user = 'UADMIN'): Promise<string> {
    const key = `tz${++seq}`;
    const body = new URLSearchParams({ command: '/news', text, team_id: 'T9', channel_id: channel, user_id: user, api_app_id: 'A1', response_url: `http://127.0.0.1:${slack.port}/respond/${key}`, trigger_id: 't' }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`http://127.0.0.1:${bot.port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(SECRET, ts, body) },
      body,
    });
    expect(res.status).toBe(200);
    const rs = await slack.waitFor(() => {
      const got = slack.responses.filter((r) => r.path === `/respond/${key}`);
      return got.length ? got : undefined;
    });
    return rs.flatMap((r) => textsOf(r.body)).join('\n');
  }

  it('shows the deployment zone until a channel sets its own, then that zone in that channel only', async () => {
    expect(await slash('stories', 'CEAST')).toMatch(/Mar 10, 2026/);
    expect(await slash('settings timezone Pacific/Kiritimati', 'CEAST')).toMatch(/Pacific\/Kiritimati/);
    expect(await slash('stories', 'CEAST')).toMatch(/Mar 11, 2026/);
    expect(await slash('stories', 'COTHER')).toMatch(/Mar 10, 2026/);
  });
});

describe('the CLI and the console twin share the console channel zone', () => {
  async function cli(args: string[], env: NodeJS.ProcessEnv = {}, lines?: string): Promise<string> {
    const stdout = new Sink();
    const stderr = new Sink();
    const code = await runCli(args, { env: { NEWSBRIEF_DB: db, ...env }, stdout, stderr, ...(lines ? { input: Readable.from([lines]) } : {}) });
    expect(code, stderr.text).toBe(0);
    return stdout.text;
  }

  it('follows NEWSBRIEF_TZ, then the zone the console channel set', async () => {
    expect(await cli(['stories'])).toMatch(/Mar 10, 2026/);
    expect(await cli(['stories'], { NEWSBRIEF_TZ: 'Pacific/Kiritimati' })).toMatch(/Mar 11, 2026/);
    // An unset zone shows the deployment's (NEWSBRIEF_TZ) as the default it follows.
    expect(await cli(['settings'], { NEWSBRIEF_TZ: 'Europe/Berlin' })).toMatch(/time zone: Europe\/Berlin \(default\)/);
    expect(await cli(['settings', 'timezone', 'Pacific/Kiritimati'])).toMatch(/time zone: Pacific\/Kiritimati/);
    expect(await cli(['stories'])).toMatch(/Mar 11, 2026/);
    expect(await cli(['stories'], { NEWSBRIEF_TZ: 'Europe/Berlin' })).toMatch(/Mar 11, 2026/);
    // The console twin answers in the same channel's zone.
    expect(await cli(['chat'], {}, 'stories\nquit\n')).toMatch(/Mar 11, 2026/);
  });
});
