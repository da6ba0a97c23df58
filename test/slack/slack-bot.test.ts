// The Slack bot end to end: the real Bolt App (HTTP mode and Socket Mode) against a local Slack
// on 127.0.0.1, over a real SQLite store of the Gaza fixtures. Slash commands arrive signed as
// Slack signs them; the answers reach a local response_url server and are checked as Block Kit.
import { rmSync } from 'node:fs';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServices, type OpenServices } from '../../src/app/compose.js';
import { defineCommand, type CommandDef } from '../../src/commands/command.js';
import { commands as registry } from '../../src/commands/registry.js';
import { loadConfig } from '../../src/config.js';
import { startSlackBot, type RunningSlackBot } from '../../src/platforms/slack/bot.js';
import { gazaDb } from '../queries/fixture-db.js';
import { expectValidBlockKit, textsOf } from './block-kit-check.js';
import { slackSignature, startLocalSlack, type LocalSlack, type Recorded } from './local-slack.js';

const SECRET = 'test-signing-secret-1234';

/** An admin command of the test's own (the channel commands arrive with the channels work). */
const adminOnly = defineCommand({
  name: 'reset-test',
  description: 'An admin-only command of this test',
  admin: true,
  args: z.object({}),
  async run(_svc, _a, ctx) {
    return { kind: 'confirmation', message: `reset by ${ctx.user?.id} in ${ctx.place?.channelId}` };
  },
});
const commands = [...registry, adminOnly] as unknown as readonly CommandDef[];

// This suite sends many commands as one user: the rate limits (tested on their own) set high here.
const MANY_COMMANDS = { NEWSBRIEF_RATE_USER: '1000/min', NEWSBRIEF_RATE_CHANNEL: '1000/min' };
let dir: string;
let services: OpenServices;
let slack: LocalSlack;

beforeAll(async () => {
  const db = await gazaDb();
  dir = db.dir;
  // Loopback allowed (test-only) so "Brief this link" can fetch the local article page.
  services = await openServices(loadConfig({ NEWSBRIEF_DB: db.path, NEWSBRIEF_ALLOW_LOOPBACK: 'true', ...MANY_COMMANDS }));
  slack = await startLocalSlack();
  slack.users.set('UADMIN', { is_admin: true });
  slack.users.set('UOWNER', { is_owner: true });
  slack.users.set('UPLAIN', {});
}, 60_000);

afterAll(async () => {
  await slack?.close();
  await services?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Slack bot, HTTP mode', () => {
  let bot: RunningSlackBot;
  let seq = 0;
  beforeAll(async () => {
    bot = await startSlackBot({ botToken: 'xoxb-test', signingSecret: SECRET, port: 0, host: '127.0.0.1', apiUrl: slack.apiUrl, admins: ['ULISTED'], services, digestMaxStories: 3, timeZone: 'UTC', commands, retries: 0 });
  }, 30_000);
  afterAll(async () => bot?.stop());

  /** Posts a signed slash command as Slack does; resolves with the HTTP status, its time, and the key its answers go to. */
  async function slash(text: string, opts: { user?: string; secret?: string; age?: number; unsigned?: boolean } = {}): Promise<{ status: number; ms: number; key: string }> {
    const key = `c${++seq}`;
    const body = new URLSearchParams({
      token: 'legacy',
      command: '/news',
      text,
      team_id: 'T1',
      team_domain: 'test',
      channel_id: 'C1',
      channel_name: 'news',
      user_id: opts.user ?? 'UPLAIN',
      user_name: 'someone',
      api_app_id: 'A1',
      response_url: `http://127.0.0.1:${slack.port}/respond/${key}`,
      trigger_id: 'tr1',
    }).toString();
    const ts = Math.floor(Date.now() / 1000) - (opts.age ?? 0);
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (!opts.unsigned) {
      headers['x-slack-request-timestamp'] = String(ts);
      headers['x-slack-signature'] = slackSignature(opts.secret ?? SECRET, ts, body);
    }
    const t0 = Date.now();
    const res = await fetch(`http://127.0.0.1:${bot.port}/slack/events`, { method: 'POST', headers, body });
    await res.text();
    return { status: res.status, ms: Date.now() - t0, key };
  }

  const answers = (key: string): Recorded[] => slack.responses.filter((r) => r.path === `/respond/${key}`);
  const answered = (key: string, n = 1): Promise<Recorded[]> => slack.waitFor(() => (answers(key).length >= n ? answers(key) : undefined));
  /** The blocks' text (not the fallback), zero-width fences removed. */
  const allText = (rs: Recorded[]): string => rs.flatMap((r) => textsOf(r.body).slice(1)).join('\n').replace(/\u200b/g, '');

  it('acks at once, then answers in the channel through response_url as valid Block Kit', async () => {
    const r = await slash('stories --limit 3');
    expect(r.status).toBe(200);
    expect(r.ms).toBeLessThan(3000);
    const [a] = await answered(r.key);
    expect(a!.body.response_type).toBe('in_channel');
    expectValidBlockKit(a!.body);
    expect(allText([a!]).match(/^• \*#\d+\*/gm)).toHaveLength(3);
  });

  it('answers brief, actor, phase and timeline with sources as numbered links, ack before answer', async () => {
    for (const text of ['brief ceasefire', 'actor "Khalil al-Hayya"', 'phase phase two', 'timeline ceasefire', 'digest --since 3650d']) {
      const r = await slash(text);
      const t0 = Date.now() - r.ms;
      expect(r.status, text).toBe(200);
      expect(r.ms, text).toBeLessThan(3000);
      const rs = await answered(r.key);
      await new Promise((ok) => setTimeout(ok, 100)); // any further messages of the answer
      for (const a of answers(r.key)) {
        expect(a.body.response_type, text).toBe('in_channel');
        expectValidBlockKit(a.body);
        expect(a.at).toBeGreaterThanOrEqual(t0);
      }
      if (text.startsWith('brief')) {
        expect(rs[0]!.body.blocks[0]!.type).toBe('header');
        // The fixtures are files: their sources are numbered and shown, never linked (only http(s) is).
        expect(allText(rs)).toMatch(/^\*Sources\*\n\[1\] .+ \(file:\/\/\/.+\.txt\)/m);
      }
    }
  });

  it('keeps help, errors and bad lines to the asker (ephemeral), with hostile text escaped', async () => {
    const cases: Array<[string, RegExp]> = [
      ['', /\/news commands/],
      ['help actor', /`\/news actor &lt;name\.\.\.&gt; \[--storyline &lt;id&gt;\]`/],
      ['frobnicate', /No command "frobnicate"/],
      ['brief --story 99999', /no story #99999/],
      ['stories --limit 100001', /--limit must be at most 100000, got 100001/],
      ['actor', /missing name\nUsage: `\/news actor &lt;name\.\.\.&gt;/],
      ['brief "<!channel> @everyone <@U123> <http://evil.example|click>"', /no story matches "&lt;!channel&gt; @everyone &lt;@U123&gt; &lt;http:\/\/evil\.example\|click&gt;"/],
      ['brief "open', /quote is not closed/],
      // As Slack sends what was typed: escaped once; read back and escaped once again, never twice.
      ['brief "a &amp; b &lt;!here&gt;"', /no story matches "a &amp; b &lt;!here&gt;"/],
    ];
    for (const [text, expected] of cases) {
      const r = await slash(text);
      expect(r.status, text).toBe(200);
      const [a] = await answered(r.key);
      expect(a!.body.response_type, text).toBe('ephemeral');
      expectValidBlockKit(a!.body);
      expect(allText([a!]), text).toMatch(expected);
    }
  });

  /** Posts a signed message-shortcut payload as Slack does (interactivity: payload=<json>). */
  async function shortcut(messageText: string, key: string): Promise<number> {
    const payload = {
      type: 'message_action',
      callback_id: 'brief_this_link',
      trigger_id: 'tr3',
      action_ts: '1.1',
      message_ts: '1.2',
      token: 'legacy',
      response_url: `http://127.0.0.1:${slack.port}/respond/${key}`,
      team: { id: 'T1', domain: 'test' },
      channel: { id: 'C1', name: 'news' },
      user: { id: 'UPLAIN', name: 'someone' },
      message: { type: 'message', user: 'UOTHER', ts: '1.2', text: messageText },
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`http://127.0.0.1:${bot.port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(SECRET, ts, body) },
      body,
    });
    await res.text();
    return res.status;
  }

  it('"Brief this link" briefs the page a message links to, through the safe fetcher, in the channel', async () => {
    const url = `http://127.0.0.1:${slack.port}/article/harbour?a=1&b=2`;
    expect(await shortcut(`worth a read: <${url.replace(/&/g, '&amp;')}|harbour story> and <${url.replace(/&/g, '&amp;')}>`, 'sc1')).toBe(200);
    const rs = await answered('sc1');
    await new Promise((ok) => setTimeout(ok, 100));
    expect(answers('sc1')).toHaveLength(rs.length); // the same link twice is briefed once
    const a = rs[0]!;
    expect(a.body.response_type).toBe('in_channel');
    expectValidBlockKit(a.body, ['127.0.0.1']);
    const text = allText([a]);
    expect(text).toMatch(/Harbour reopens after storm &lt;!channel&gt;/);
    expect(text).toContain(`<http://127.0.0.1:${slack.port}/article/harbour?a=1&amp;b=2|`);
    expect(await shortcut('no link here <!here>', 'sc2')).toBe(200);
    const [none] = await answered('sc2');
    expect(none!.body.response_type).toBe('ephemeral');
    expect(allText([none!])).toContain('That message links to no web page to brief.');
  });

  it('answers 401 to a bad signature, a stale timestamp or no signature, and runs nothing', async () => {
    const bad = await slash('stories', { secret: 'not-the-secret' });
    const stale = await slash('stories', { age: 6 * 60 });
    const none = await slash('stories', { unsigned: true });
    expect([bad.status, stale.status, none.status]).toEqual([401, 401, 401]);
    await new Promise((ok) => setTimeout(ok, 300));
    for (const r of [bad, stale, none]) expect(answers(r.key)).toHaveLength(0);
  });

  it('runs an admin command only for workspace admins, owners and listed users; refuses anyone else, only to them', async () => {
    for (const user of ['UADMIN', 'UOWNER', 'ULISTED']) {
      const r = await slash('reset-test', { user });
      const [a] = await answered(r.key);
      expect(a!.body.response_type, user).toBe('in_channel');
      expect(allText([a!])).toContain(`reset by ${user} in C1`);
    }
    expect(slack.calls.filter((c) => c.method === 'users.info').map((c) => c.fields.user)).not.toContain('ULISTED');
    for (const user of ['UPLAIN', 'UNKNOWN']) {
      const r = await slash('reset-test', { user });
      const [a] = await answered(r.key);
      expect(a!.body.response_type, user).toBe('ephemeral');
      expectValidBlockKit(a!.body);
      expect(allText([a!])).toMatch(/Only a workspace admin or owner \(or a user listed in NEWSBRIEF_SLACK_ADMINS\) can use \/news reset-test/);
    }
  });
});

describe('Slack bot, Socket Mode', () => {
  it('connects through apps.connections.open, acks a slash command envelope and answers through response_url', async () => {
    const bot = await startSlackBot({ botToken: 'xoxb-test', appToken: 'xapp-test', apiUrl: slack.apiUrl, services, digestMaxStories: 3, commands, retries: 0 });
    try {
      expect(bot.mode).toBe('socket');
      await slack.socketConnected();
      expect(slack.calls.some((c) => c.method === 'apps.connections.open')).toBe(true);
      const payload = {
        token: 'legacy',
        command: '/news',
        text: 'stories --limit 2',
        team_id: 'T1',
        channel_id: 'C2',
        user_id: 'UPLAIN',
        user_name: 'someone',
        api_app_id: 'A1',
        response_url: `http://127.0.0.1:${slack.port}/respond/socket1`,
        trigger_id: 'tr2',
      };
      slack.socketSend({ envelope_id: 'env-1', type: 'slash_commands', accepts_response_payload: true, payload });
      const ack = await slack.waitFor(() => slack.socketIn.find((m) => (m as { envelope_id?: string }).envelope_id === 'env-1'));
      expect(ack).toMatchObject({ envelope_id: 'env-1' });
      const a = await slack.waitFor(() => slack.responses.find((r) => r.path === '/respond/socket1'));
      expect(a.body.response_type).toBe('in_channel');
      expectValidBlockKit(a.body);
      expect(textsOf(a.body).slice(1).join('\n').match(/^• \*#\d+\*/gm)).toHaveLength(2);
    } finally {
      await bot.stop();
    }
  });
});
