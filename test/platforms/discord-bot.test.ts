// The Discord bot end to end: the real discord.js Client logs in to a local Discord (REST +
// gateway on 127.0.0.1), over a real SQLite archive; the test dispatches INTERACTION_CREATE as
// Discord would and checks what reaches the server: the first callback (type 4 or 5 within 3 s),
// the deferred edit, the embeds and allowed_mentions; deploy-commands registers the list.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestInputs } from '../../src/app/commands.js';
import { openServices, type OpenServices } from '../../src/app/compose.js';
import { runCli } from '../../src/cli/main.js';
import { commands } from '../../src/commands/registry.js';
import { loadConfig } from '../../src/config.js';
import { LIMITS } from '../../src/render/discord/index.js';
import { embedSize } from '../../src/render/discord/pack.js';
import { discordCommands, inviteUrl } from '../../src/platforms/discord/commands.js';
import { startDiscordBot, type DiscordBot } from '../../src/platforms/discord/bot.js';
import { startDiscordServer, interactionPayload, type DiscordServer, type OptionPayload, type RecordedRequest } from '../../src/platforms/discord/local-server.js';

const root = resolve(import.meta.dirname, '../..');
const STRING = 3;
const INTEGER = 4;
const MANAGE_GUILD = '32';
// This suite sends many commands as one user: the rate limits (tested on their own) set high here.
const MANY_COMMANDS = { NEWSBRIEF_RATE_USER: '1000/min', NEWSBRIEF_RATE_CHANNEL: '1000/min' };
let dir: string;
let svc: OpenServices;
let server: DiscordServer;
let bot: DiscordBot;
let page: Server;
let pageUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-discord-'));
  svc = await openServices(loadConfig({ NEWSBRIEF_DB: join(dir, 'bot.db'), NEWSBRIEF_ALLOW_LOOPBACK: 'true', ...MANY_COMMANDS }));
  // The archive: the paraphrased Gaza fixtures and one hostile article.
  const long = Array.from({ length: 1700 }, () => 'harbour').join(' ');
  const hostile = [
    '@everyone Harbour strike spreads <@123> to the docks',
    '',
    'Dock workers at the harbour walked out on Monday, @everyone said, and <@&456> joined the harbour strike. [link](http://evil.example) was posted by <#789> organisers.',
    '',
    `The harbour strike committee said ${long} would continue until wages rise.`,
    '',
    'Union leaders said the harbour strike would spread to two more ports by Friday, @here, unless talks resumed.',
  ].join('\n');
  writeFileSync(join(dir, 'hostile.txt'), hostile);
  await ingestInputs(svc, [join(root, 'test', 'fixtures', 'gaza'), join(dir, 'hostile.txt')]);
  server = await startDiscordServer();
  bot = await startDiscordBot({ token: 'e2e-token', applicationId: server.applicationId, apiBase: server.api, services: svc, digestMaxStories: 3 });
  // A page "Brief this link" fetches (through the safe fetcher, loopback allowed for the test).
  const para = 'Negotiators met in Cairo on Tuesday to discuss the second phase of the ceasefire agreement. @everyone was told the talks would resume next week. Mediators said both sides had agreed to exchange lists of detainees before the next round.';
  page = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<html><head><title>Talks resume in Cairo</title></head><body><article><h1>Talks resume in Cairo</h1>${Array.from({ length: 6 }, () => `<p>${para}</p>`).join('')}</article></body></html>`);
  });
  await new Promise<void>((r) => page.listen(0, '127.0.0.1', r));
  pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/news/talks`;
}, 60_000);

afterAll(async () => {
  await bot?.close();
  await server?.close();
  await new Promise((r) => page?.close(r));
  await svc?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  callback: RecordedRequest;
  /** Milliseconds from dispatch to the first callback. */
  firstMs: number;
  /** The deferred answer's edit, when the callback was type 5. */
  edit?: RecordedRequest;
}

async function interact(name: string, options: OptionPayload[] = [], extra: { permissions?: string; kind?: 2 | 4; type?: number; targetId?: string; resolved?: unknown } = {}): Promise<Answer> {
  const p = interactionPayload(server.applicationId, { name, options, ...(extra.type ? { type: extra.type } : {}), ...(extra.targetId ? { targetId: extra.targetId, resolved: extra.resolved } : {}) }, { ...(extra.permissions ? { permissions: extra.permissions } : {}), ...(extra.kind ? { kind: extra.kind } : {}) });
  const since = Date.now();
  server.dispatch('INTERACTION_CREATE', p);
  const callback = await server.waitFor((r) => r.method === 'POST' && r.path === `/interactions/${p.id}/${p.token}/callback`, 5000, since);
  const firstMs = callback.at - since;
  if (callback.body.type !== 5) return { callback, firstMs };
  const edit = await server.waitFor((r) => r.path.startsWith(`/webhooks/${server.applicationId}/${p.token}`) && r.method !== 'GET', 15_000, since);
  return { callback, firstMs, edit };
}

function expectGoodMessage(body: any): void {
  expect(body.allowed_mentions).toEqual({ parse: [] });
  const embeds = body.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
  expect(embeds.reduce((n: number, e: any) => n + embedSize(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
  for (const e of embeds) {
    expect((e.description ?? '').length).toBeLessThanOrEqual(LIMITS.description);
    for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  }
  expect(JSON.stringify(body)).not.toMatch(/@(everyone|here)|<@\d+>/);
}

const text = (body: any): string => JSON.stringify(body.embeds ?? []) + (body.content ?? '');

describe('Discord bot, end to end', () => {
  it('logged in through GET /gateway/bot with the bot token', () => {
    expect(server.identifiedToken()).toBe('e2e-token');
    expect(server.requests.find((r) => r.path === '/gateway/bot')?.headers.authorization).toBe('Bot e2e-token');
  });

  it('defers /brief within 3 s, then edits in a briefing with numbered source links', async () => {
    const a = await interact('brief', [{ name: 'topic', type: STRING, value: 'ceasefire' }]);
    expect(a.callback.body.type).toBe(5);
    expect(a.firstMs).toBeLessThan(3000);
    expect(a.callback.headers.authorization).toBeUndefined();
    expect(a.edit!.method).toBe('PATCH');
    expect(a.edit!.path).toMatch(/\/messages\/@original$/);
    expectGoodMessage(a.edit!.body);
    const [embed] = a.edit!.body.embeds;
    expect(embed.title.length).toBeGreaterThan(0);
    expect(embed.description).toContain('**Key Takeaways**');
    const sources = embed.fields.find((f: any) => f.name === 'Sources');
    // The fixtures are local files: numbered, titled, no link (only http(s) is ever a link).
    expect(sources.value).toMatch(/^\*\*\[1\]\*\* \S/m);
    expect(sources.value).not.toContain('](file:');
  });

  it('briefs a hostile article without a ping, a masked link of its own or a broken limit', async () => {
    const a = await interact('brief', [{ name: 'topic', type: STRING, value: 'harbour strike' }]);
    expect(a.callback.body.type).toBe(5);
    expectGoodMessage(a.edit!.body);
    const all = JSON.stringify(a.edit!.body);
    expect(all).toContain('Harbour strike spreads');
    expect(all).not.toMatch(/<[@#]&?\d+>/);
    expect(all).not.toMatch(/(^|[^\\])\]\(http:\/\/evil/);
  });

  it('completes story headlines for /brief and phase names for /phase', async () => {
    const b = await interact('brief', [{ name: 'topic', type: STRING, value: 'harbour', focused: true }], { kind: 4 });
    expect(b.callback.body.type).toBe(8);
    const choices = b.callback.body.data.choices as Array<{ name: string }>;
    expect(choices.length).toBeGreaterThan(0);
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
    const p = await interact('phase', [{ name: 'name', type: STRING, value: 'pha', focused: true }], { kind: 4 });
    expect(p.callback.body.type).toBe(8);
    expect(p.callback.body.data.choices.map((c: any) => c.name.toLowerCase()).join(' ')).toContain('phase');
  });

  it('answers /actor, /phase and /timeline through a deferred edit with embeds', async () => {
    const actor = await interact('actor', [{ name: 'name', type: STRING, value: 'Khalil al-Hayya' }]);
    expect(actor.callback.body.type).toBe(5);
    expect(actor.firstMs).toBeLessThan(3000);
    expectGoodMessage(actor.edit!.body);
    expect(actor.edit!.body.embeds[0].title).toBe('Khalil al-Hayya');

    const phase = await interact('phase', [{ name: 'name', type: STRING, value: 'phase two' }]);
    expect(phase.callback.body.type).toBe(5);
    expectGoodMessage(phase.edit!.body);
    expect(phase.edit!.body.embeds[0].title).toMatch(/matches \d processes|Phase two/i);

    const timeline = await interact('timeline', [{ name: 'topic', type: STRING, value: 'ceasefire' }]);
    expect(timeline.callback.body.type).toBe(5);
    expectGoodMessage(timeline.edit!.body);
    expect(timeline.edit!.body.embeds[0].title).toBe('Timeline');
    expect(text(timeline.edit!.body)).toContain('**[1]** ');
  });

  it('defers every command of a burst within 3 s and answers each; the same command asked together gets the same answer', async () => {
    const asks: Array<[string, OptionPayload[]]> = [
      ...Array.from({ length: 6 }, (): [string, OptionPayload[]] => ['actor', [{ name: 'name', type: STRING, value: 'Khalil al-Hayya' }]]),
      ...Array.from({ length: 3 }, (): [string, OptionPayload[]] => ['timeline', [{ name: 'topic', type: STRING, value: 'ceasefire' }]]),
      ['brief', [{ name: 'topic', type: STRING, value: 'ceasefire' }]],
      ['phase', [{ name: 'name', type: STRING, value: 'phase two' }]],
      ['actor', [{ name: 'name', type: STRING, value: 'Hamas' }]],
    ];
    // Dispatched together: interact() sends before its first await.
    const answers = await Promise.all(asks.map(([name, options]) => interact(name, options)));
    for (const a of answers) {
      expect(a.callback.body.type).toBe(5);
      expect(a.firstMs).toBeLessThan(3000);
      expect(a.edit!.method).toBe('PATCH');
      expectGoodMessage(a.edit!.body);
    }
    expect(new Set(answers.slice(0, 6).map((a) => JSON.stringify(a.edit!.body.embeds))).size).toBe(1);
    expect(answers[0]!.edit!.body.embeds[0].title).toBe('Khalil al-Hayya');
    expect(answers.at(-1)!.edit!.body.embeds[0].title).not.toBe('Khalil al-Hayya');
  });

  it('defers /digest and sends every briefing, each message without mentions', async () => {
    const p = interactionPayload(server.applicationId, { name: 'digest', options: [{ name: 'since', type: STRING, value: '3650d' }, { name: 'max', type: INTEGER, value: 3 }] });
    const since = Date.now();
    server.dispatch('INTERACTION_CREATE', p);
    const cb = await server.waitFor((r) => r.path === `/interactions/${p.id}/${p.token}/callback`, 5000, since);
    expect(cb.body.type).toBe(5);
    const edit = await server.waitFor((r) => r.method === 'PATCH' && r.path.includes(p.token), 15_000, since);
    await new Promise((r) => setTimeout(r, 200));
    const sent = [edit, ...server.requests.filter((r) => r.method === 'POST' && r.path === `/webhooks/${server.applicationId}/${p.token}`)];
    for (const m of sent) expectGoodMessage(m.body);
    expect(edit.body.content).toBe('**Digest**: the last 3650d');
    const titled = sent.flatMap((m) => m.body.embeds).filter((e: any) => e.title);
    expect(titled.length).toBeGreaterThanOrEqual(1);
    expect(titled.length).toBeLessThanOrEqual(3);
  });

  it('answers /stories at once (type 4) with the list', async () => {
    const a = await interact('stories', [{ name: 'limit', type: INTEGER, value: 3 }]);
    expect(a.callback.body.type).toBe(4);
    expect(a.firstMs).toBeLessThan(3000);
    expectGoodMessage(a.callback.body.data);
    expect(a.callback.body.data.embeds[0].description.match(/^\*\*#\d+\*\*/gm)).toHaveLength(3);
  });

  it('answers /actors and /phases with plain name lists', async () => {
    const actors = await interact('actors', [{ name: 'prefix', type: STRING, value: 'hay' }]);
    expect(actors.callback.body.type).toBe(4);
    expectGoodMessage(actors.callback.body.data);
    expect(actors.callback.body.data.content).toContain('Khalil al-Hayya');
    const phases = await interact('phases', []);
    expect(phases.callback.body.type).toBe(4);
    expectGoodMessage(phases.callback.body.data);
    expect(phases.callback.body.data.content.length).toBeGreaterThan(0);
  });

  it('completes actor names from the store within 3 s, at most 25, best first', async () => {
    const a = await interact('actor', [{ name: 'name', type: STRING, value: 'hay', focused: true }], { kind: 4 });
    expect(a.callback.body.type).toBe(8);
    expect(a.firstMs).toBeLessThan(3000);
    const choices = a.callback.body.data.choices as Array<{ name: string; value: string }>;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.name)).toContain('Khalil al-Hayya');
    const all = await interact('actor', [{ name: 'name', type: STRING, value: '', focused: true }], { kind: 4 });
    expect(all.callback.body.data.choices.length).toBeLessThanOrEqual(25);
  });

  it('completes actor names from the storyline already filled in only', async () => {
    const [gaza] = await svc.search.recentMatching({ phrases: ['Hayya'], limit: 1 });
    const [harbour] = await svc.search.recentMatching({ phrases: ['harbour strike'], limit: 1 });
    expect(gaza?.storylineId).toBeDefined();
    expect(harbour?.storylineId).not.toBe(gaza?.storylineId);
    const names = async (storyline: number) => {
      const a = await interact('actor', [{ name: 'name', type: STRING, value: 'hay', focused: true }, { name: 'storyline', type: INTEGER, value: storyline }], { kind: 4 });
      expect(a.callback.body.type).toBe(8);
      return (a.callback.body.data.choices as Array<{ name: string }>).map((c) => c.name);
    };
    expect(await names(gaza!.storylineId!)).toContain('Khalil al-Hayya');
    expect(await names(harbour!.storylineId!)).toEqual([]);
  });

  it('refuses an admin command without Manage Server, only to the asker; runs it with', async () => {
    const no = await interact('alias', [{ name: 'alias', type: STRING, value: 'The Movement' }, { name: 'canonical', type: STRING, value: 'Hamas' }]);
    expect(no.callback.body.type).toBe(4);
    expect(no.callback.body.data.flags).toBe(64);
    expect(no.callback.body.data.content).toContain('Manage Server');
    const yes = await interact('alias', [{ name: 'alias', type: STRING, value: 'The Movement' }, { name: 'canonical', type: STRING, value: 'Hamas' }], { permissions: MANAGE_GUILD });
    expect(yes.callback.body.type).toBe(4);
    expect(yes.callback.body.data.flags ?? 0).toBe(0);
    expect(yes.callback.body.data.content).toContain('alias added');
  });

  it('answers bad arguments and errors only to the asker', async () => {
    const bad = await interact('digest', [{ name: 'since', type: STRING, value: 'soon' }]);
    expect(bad.callback.body.type).toBe(4);
    expect(bad.callback.body.data.flags).toBe(64);
    expect(bad.callback.body.data.content).toContain('not a duration');
    // A deferred answer that turns out an error: the public "thinking" is removed, the error private.
    const p = interactionPayload(server.applicationId, { name: 'brief', options: [{ name: 'story', type: INTEGER, value: 99999 }] });
    const since = Date.now();
    server.dispatch('INTERACTION_CREATE', p);
    const follow = await server.waitFor((r) => r.method === 'POST' && r.path === `/webhooks/${server.applicationId}/${p.token}`, 10_000, since);
    expect(follow.body.flags).toBe(64);
    expect(follow.body.content).toBe('_no story \\#99999_'); // Discord shows \# as #
    expect(server.requests.some((r) => r.method === 'DELETE' && r.path.endsWith(`${p.token}/messages/@original`))).toBe(true);
  });

  it('"Brief this link" briefs the page a message links to, mentions defused', async () => {
    const message = { id: '710000000000000001', channel_id: '700000000000000001', author: { id: '600000000000000002', username: 'poster', discriminator: '0', avatar: null, global_name: null }, content: `read this: ${pageUrl}`, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [], pinned: false, type: 0 };
    const a = await interact('Brief this link', [], { type: 3, targetId: message.id, resolved: { messages: { [message.id]: message } } });
    expect(a.callback.body.type).toBe(5);
    expectGoodMessage(a.edit!.body);
    expect(text(a.edit!.body)).toContain('Talks resume in Cairo');
    expect(a.edit!.body.embeds.at(-1).fields[0].value).toMatch(/^\*\*\[1\]\*\* \[[^\]]+\]\(http:\/\/127\.0\.0\.1:\d+\/news\/talks\)/);
  });

  it('deploy-commands PUTs the command list to the guild and prints the invite URL', async () => {
    let out = '';
    const stdout = new Writable({ write: (c, _e, cb) => ((out += String(c)), cb()) });
    const code = await runCli(['deploy-commands', '--guild', '400000000000000009'], {
      env: { DISCORD_TOKEN: 'deploy-token', DISCORD_APPLICATION_ID: server.applicationId, DISCORD_API_BASE: server.api },
      stdout,
      stderr: stdout,
    });
    expect(code).toBe(0);
    const put = server.requests.find((r) => r.method === 'PUT' && r.path === `/applications/${server.applicationId}/guilds/400000000000000009/commands`)!;
    expect(put.headers.authorization).toBe('Bot deploy-token');
    expect(put.body).toEqual(JSON.parse(JSON.stringify(discordCommands())));
    const names = put.body.map((c: any) => c.name);
    for (const c of commands) expect(names).toContain(c.name);
    expect(names).toContain('Brief this link');
    for (const c of put.body) if (c.description) expect(c.description.length).toBeLessThanOrEqual(100);
    expect(put.body.find((c: any) => c.name === 'alias').default_member_permissions).toBe(MANAGE_GUILD);
    expect(put.body.find((c: any) => c.name === 'brief').default_member_permissions).toBeUndefined();
    const actorName = put.body.find((c: any) => c.name === 'actor').options[0];
    expect(actorName).toMatchObject({ name: 'name', type: STRING, required: true, autocomplete: true });
    const limit = put.body.find((c: any) => c.name === 'stories').options.find((o: any) => o.name === 'limit');
    expect(limit).toMatchObject({ type: INTEGER, min_value: 1, max_value: 100000, required: false });
    expect(out).toContain(`registered ${put.body.length} Discord commands (guild 400000000000000009)`);
    expect(out).toContain(inviteUrl(server.applicationId));
    const invite = new URL(inviteUrl(server.applicationId));
    expect(invite.searchParams.get('scope')).toBe('bot applications.commands');
    expect(invite.searchParams.get('permissions')).toBe(String(1024 + 2048 + 16384));
    // Global registration without --guild.
    await runCli(['deploy-commands'], { env: { DISCORD_TOKEN: 'deploy-token', DISCORD_APPLICATION_ID: server.applicationId, DISCORD_API_BASE: server.api }, stdout, stderr: stdout });
    expect(server.requests.some((r) => r.method === 'PUT' && r.path === `/applications/${server.applicationId}/commands`)).toBe(true);
  });
});
