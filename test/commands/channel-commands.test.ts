// The channel commands (sources, subscribe, unsubscribe, settings) and help, run through dispatch
// as every surface runs them, on a real SQLite file: who may, what is refused, what they show.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServices, type OpenServices } from '../../src/app/compose.js';
import { loadConfig } from '../../src/config.js';
import { ArgsError } from '../../src/commands/args.js';
import { parseCommandArgs, type CommandContext } from '../../src/commands/command.js';
import { dispatch } from '../../src/commands/dispatch.js';
import { lineArgs, splitLine } from '../../src/commands/parse-line.js';
import { commands, findCommand } from '../../src/commands/registry.js';
import type { View } from '../../src/commands/view.js';
import { renderMarkdown } from '../../src/render/markdown/index.js';
import { viewJson } from '../../src/render/json.js';

let dir: string;
let svc: OpenServices;
const NOW = new Date('2026-06-12T09:00:00Z');
const guild = { platform: 'discord' as const, workspaceId: 'G1', channelId: 'C1' };
const admin: Partial<CommandContext> = { surface: 'discord', place: guild, user: { id: 'U-admin', admin: true } };
const member: Partial<CommandContext> = { surface: 'discord', place: guild, user: { id: 'U-member', admin: false } };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-channel-cmd-'));
  const opened = await openServices({ ...loadConfig({}), NEWSBRIEF_DB: join(dir, 'c.db') });
  // No rate limits here: test/limits covers them.
  const { limits: _none, ...rest } = opened;
  svc = { ...rest, now: () => NOW };
}, 30_000);
afterAll(async () => {
  await svc?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A line as the console and Slack read it, run through dispatch. Throws ArgsError for a bad line. */
async function line(text: string, more: Partial<CommandContext> = admin, services: OpenServices = svc): Promise<View> {
  const [name, ...rest] = splitLine(text);
  const def = findCommand(name!)!;
  return dispatch(def, services, parseCommandArgs(def, lineArgs(def, rest)), { surface: 'console', digestMaxStories: 2, ...more });
}

function as<K extends View['kind']>(view: View, kind: K): Extract<View, { kind: K }> {
  expect(view.kind, JSON.stringify(view).slice(0, 300)).toBe(kind);
  return view as Extract<View, { kind: K }>;
}

describe('admin commands', () => {
  it('are marked admin: sources, subscribe, unsubscribe, settings (and alias); the rest are not', () => {
    expect(commands.filter((c) => c.admin).map((c) => c.name).sort()).toEqual(['alias', 'settings', 'sources', 'subscribe', 'unsubscribe']);
  });

  it('are refused to a non-admin, with a refusal naming what it takes, and change nothing', async () => {
    const r = as(await line('subscribe all', member), 'refusal');
    expect(r.message).toMatch(/subscribe changes this channel's settings: it needs the Manage Server permission/);
    const slack = as(await line('settings timezone Asia/Tokyo', { ...member, surface: 'slack', place: { platform: 'slack', workspaceId: 'T1', channelId: 'C1' } }), 'refusal');
    expect(slack.message).toMatch(/needs a workspace admin/);
    as(await line('sources list', member), 'refusal');
    as(await line('sources add https://news.example/feed', member), 'refusal');
    as(await line('unsubscribe all', member), 'refusal');
    expect(as(await line('sources list'), 'sources').sources).toEqual([]);
    expect(as(await line('settings', { ...admin, place: { platform: 'slack', workspaceId: 'T1', channelId: 'C1' } }), 'settings').settings).toEqual({});
  });

  it('are answered to an admin, and on the CLI / console (no platform user: the operator)', async () => {
    as(await line('subscribe topic harbour strike', admin), 'subscriptions');
    const operator = { surface: 'console' as const, place: { platform: 'console' as const, workspaceId: 'local', channelId: 'console' } };
    expect(as(await line('subscribe all', operator), 'subscriptions').message).toBe('subscribed to all stories');
    // Commands that read are anyone's.
    expect(as(await line('help', member), 'help').commands.length).toBe(commands.length);
  });

  it('need a channel: without one (ctx.place) they say so', async () => {
    const e = as(await line('subscribe all', { surface: 'cli' }), 'error');
    expect(e.message).toMatch(/subscribe belongs to a chat channel/);
  });
});

describe('sources', () => {
  const place = { ...admin, place: { platform: 'slack' as const, workspaceId: 'T9', channelId: 'C-src' }, user: { id: 'U7', admin: true } };

  it('adds, lists, removes; a second add says it is already there', async () => {
    expect(as(await line('sources add https://news.example/feed.xml#x', place), 'confirmation').message).toBe('source added: https://news.example/feed.xml');
    expect(as(await line('sources add https://news.example/feed.xml', place), 'confirmation').message).toBe('already a source: https://news.example/feed.xml');
    as(await line('sources add http://other.example/rss', place), 'confirmation');
    const list = as(await line('sources', place), 'sources');
    expect(list.sources).toEqual([
      { url: 'https://news.example/feed.xml', addedBy: 'U7', addedAt: NOW.toISOString() },
      { url: 'http://other.example/rss', addedBy: 'U7', addedAt: NOW.toISOString() },
    ]);
    expect(list.max).toBe(50);
    // Not polled yet: the bot's poll tick has not run on this database (test/delivery/polling.test.ts).
    expect(renderMarkdown(list)).toBe(
      '**Sources** (2 of at most 50)\n1. <https://news.example/feed.xml> (added 2026-06-12): not polled yet\n2. <http://other.example/rss> (added 2026-06-12): not polled yet\n',
    );
    expect(viewJson(list)).toEqual(list.sources);
    expect(as(await line('sources remove http://other.example/rss', place), 'confirmation').message).toBe('source removed: http://other.example/rss');
    expect(as(await line('sources remove http://other.example/rss', place), 'error').message).toMatch(/has no source/);
    // Another channel of the same workspace has its own.
    expect(as(await line('sources list', { ...place, place: { ...place.place, channelId: 'C-other' } }), 'sources').sources).toEqual([]);
  });

  it('refuses what the safe fetcher would refuse: other schemes, private and loopback addresses, local names', async () => {
    for (const [url, why] of [
      ['file:///etc/passwd', /http or https/],
      ['ftp://news.example/x', /http or https/],
      ['http://127.0.0.1:8080/feed', /loopback, private or reserved/],
      ['http://10.1.2.3/feed', /loopback, private or reserved/],
      ['http://169.254.169.254/latest/meta-data', /loopback, private or reserved/],
      ['http://[::1]/feed', /loopback, private or reserved/],
      ['http://0x7f000001/feed', /loopback, private or reserved/],
      ['http://localhost/feed', /local host/],
      ['https://user:secret@news.example/', /password/],
      ['news.example/feed', /not a URL/],
    ] as const) {
      const v = await line(`sources add ${url}`, place);
      expect(v.kind, url).toBe('error');
      expect((v as { message: string }).message, url).toMatch(why);
    }
    expect(as(await line('sources list', place), 'sources').sources.map((s) => s.url)).toEqual(['https://news.example/feed.xml']);
  });

  it('adds a source with its own poll interval, changes it by adding it again, and lists it', async () => {
    const there = { ...place, place: { ...place.place, channelId: 'C-every' } };
    expect(as(await line('sources add https://slow.example/feed.xml every 2h', there), 'confirmation').message).toBe('source added: https://slow.example/feed.xml, polled every 2h');
    expect(as(await line('sources add https://slow.example/feed.xml every 90m', there), 'confirmation').message).toBe('already a source: https://slow.example/feed.xml; now polled every 90m');
    expect(as(await line('sources add https://fast.example/rss 5m', there), 'confirmation').message).toBe('source added: https://fast.example/rss, polled every 5m');
    const list = as(await line('sources list', there), 'sources');
    expect(list.sources.map((s) => s.everyMs)).toEqual([90 * 60_000, 5 * 60_000]);
    expect(renderMarkdown(list)).toContain('1. <https://slow.example/feed.xml> (added 2026-06-12, every 90m): not polled yet');
    expect(as(await line('sources add https://slow.example/feed.xml every default', there), 'confirmation').message).toBe(
      'already a source: https://slow.example/feed.xml; now polled on the default interval',
    );
    expect(as(await line('sources list', there), 'sources').sources[0]!.everyMs).toBeUndefined();
    // Discord's named option, as the slash command gives it.
    const def = findCommand('sources')!;
    const v = await dispatch(def, svc, { action: 'add', url: 'https://named.example/rss', every: '1d' }, { surface: 'discord', digestMaxStories: 2, ...there });
    expect(as(v, 'confirmation').message).toBe('source added: https://named.example/rss, polled every 1d');
  });

  it('refuses an interval under 5 minutes, over a week, not a duration, or given to remove or list', async () => {
    await expect(line('sources add https://x.example/rss every 1m', place)).rejects.toThrow(/every: at least 5m/);
    await expect(line('sources add https://x.example/rss every 2w', place)).rejects.toThrow(/at most once a week/);
    await expect(line('sources add https://x.example/rss every often', place)).rejects.toThrow(/a duration such as 30m/);
    await expect(line('sources remove https://x.example/rss every 1h', place)).rejects.toThrow(/takes no interval/);
    expect(as(await line('sources list', place), 'sources').sources.map((s) => s.url)).not.toContain('https://x.example/rss');
  });

  it('reads its line strictly', async () => {
    await expect(line('sources fetch https://x.example', place)).rejects.toThrow(/add, remove or list/);
    await expect(line('sources add', place)).rejects.toThrow(/needs a URL/);
    await expect(line('sources list https://x.example', place)).rejects.toThrow(/takes no URL/);
    await expect(line('sources add a b', place)).rejects.toThrow(ArgsError);
  });
});

describe('subscribe and unsubscribe', () => {
  const place = { ...admin, place: { platform: 'discord' as const, workspaceId: 'G5', channelId: 'C-sub' } };

  it('subscribe to all, an actor, a topic (words or `topic ...`); each answers with the list as it now is', async () => {
    as(await line('subscribe all', place), 'subscriptions');
    expect(as(await line('subscribe actor "Port Authority"', place), 'subscriptions').message).toBe('subscribed to actor Port Authority');
    as(await line('subscribe harbour  strike', place), 'subscriptions');
    const again = as(await line('subscribe topic HARBOUR strike', place), 'subscriptions');
    expect(again.message).toBe('already subscribed to topic HARBOUR strike');
    expect(again.subscriptions.map((s) => [s.kind, s.value])).toEqual([['all', ''], ['actor', 'Port Authority'], ['topic', 'harbour strike']]);
    expect(renderMarkdown(again)).toBe(
      'already subscribed to topic HARBOUR strike\n**Subscriptions** (3 of at most 100)\n- all stories\n- actor: Port Authority\n- topic: harbour strike\n',
    );
    const off = as(await line('unsubscribe actor port authority', place), 'subscriptions');
    expect(off.subscriptions.map((s) => s.kind)).toEqual(['all', 'topic']);
    expect(as(await line('unsubscribe actor nobody', place), 'error').message).toBe('this channel is not subscribed to actor nobody');
  });

  it('refuses an empty actor, and shows hostile names as plain text (nothing pings, no markup)', async () => {
    expect(as(await line('subscribe actor', place), 'error').message).toMatch(/needs a name/);
    const v = as(await line('subscribe topic @everyone <@123> [x](http://evil.example) <!channel>', place), 'subscriptions');
    const md = renderMarkdown(v);
    expect(md).not.toMatch(/@everyone|<@123>|<!channel>|\[x\]\(/);
    expect(md).toContain('@\u200beveryone');
  });

  it('completes `actor ...` with actor names, and the first word with the kinds', async () => {
    const def = findCommand('subscribe')!;
    expect(await def.autocomplete!(svc, 'what', 'a')).toEqual(['all', 'actor ']);
    expect(await def.autocomplete!(svc, 'what', 'actor zz')).toEqual([]);
  });
});

describe('settings', () => {
  const place = { ...admin, place: { platform: 'slack' as const, workspaceId: 'T3', channelId: 'C-set' } };

  it('shows the defaults, sets fields as words or options, keeps the others', async () => {
    const first = as(await line('settings', place), 'settings');
    expect(first).toEqual({ kind: 'settings', changed: [], settings: {}, defaults: { digestTime: '08:00', timeZone: 'UTC', quietDays: 'post', storyPosts: 'on' } });
    expect(renderMarkdown(first)).toBe('**Settings**\n- digest time: 08:00 (default)\n- time zone: UTC (default)\n- quiet days: post (default)\n- story posts: on (default)\n');
    // The bot's own defaults (NEWSBRIEF_DIGEST_TIME, NEWSBRIEF_TZ) are what an unset channel shows.
    const configured = { ...svc, defaultDigestTime: '06:45', defaultTimeZone: 'Europe/Berlin' };
    const shown = as(await line('settings', place, configured), 'settings');
    expect(shown.defaults).toEqual({ digestTime: '06:45', timeZone: 'Europe/Berlin', quietDays: 'post', storyPosts: 'on' });
    const set = as(await line('settings digest-time 7:30 timezone america/new_york', place), 'settings');
    expect(set.settings).toEqual({ digestTime: '07:30', timeZone: 'America/New_York' });
    expect(set.changed).toEqual(['digestTime', 'timeZone']);
    const more = as(await line('settings --quiet-days skip', place), 'settings');
    expect(more.settings).toEqual({ digestTime: '07:30', timeZone: 'America/New_York', quietDays: 'skip' });
    expect(renderMarkdown(more)).toBe('**Settings**\n- digest time: 07:30\n- time zone: America/New\\_York\n- quiet days: skip (changed)\n- story posts: on (default)\n');
    expect(viewJson(more)).toEqual({ digestTime: '07:30', timeZone: 'America/New_York', quietDays: 'skip', storyPosts: 'on', changed: ['quietDays'] });
    // A channel that wants its digest only.
    const off = as(await line('settings story-posts OFF', place), 'settings');
    expect(off.settings).toEqual({ digestTime: '07:30', timeZone: 'America/New_York', quietDays: 'skip', storyPosts: 'off' });
    expect(renderMarkdown(off)).toContain('- story posts: off (changed)');
    expect(as(await line('settings --story-posts on', place), 'settings').settings.storyPosts).toBe('on');
  });

  it('refuses a bad value with a clear line, and changes nothing then', async () => {
    expect(as(await line('settings digest-time 24:00', place), 'error').message).toMatch(/HH:MM from 00:00 to 23:59/);
    expect(as(await line('settings timezone Mars/Olympus_Mons', place), 'error').message).toMatch(/not an IANA time zone/);
    expect(as(await line('settings quiet-days sometimes', place), 'error').message).toMatch(/post or skip/);
    expect(as(await line('settings story-posts sometimes', place), 'error').message).toMatch(/story-posts must be on or off/);
    expect(as(await line('settings digest-time 06:00 timezone Nowhere/Else', place), 'error').message).toMatch(/IANA/);
    await expect(line('settings colour blue', place)).rejects.toThrow(/digest-time, timezone, quiet-days or story-posts/);
    await expect(line('settings timezone', place)).rejects.toThrow(/needs a value/);
    await expect(line('settings timezone UTC --timezone UTC', place)).rejects.toThrow(/given twice/);
    expect(as(await line('settings', place), 'settings').settings).toEqual({ digestTime: '07:30', timeZone: 'America/New_York', quietDays: 'skip', storyPosts: 'on' });
  });
});

describe('help', () => {
  it('lists the registry, marks the admin commands, and tells how one is typed', async () => {
    const all = as(await line('help', member), 'help');
    expect(all.commands.map((c) => c.name)).toEqual(commands.map((c) => c.name));
    const md = renderMarkdown(all);
    expect(md).toContain('- `subscribe <topic|actor|all...>`: Admin: the channel');
    expect(md).toMatch(/`settings \[setting value\.\.\.\] \[--digest-time <HH:MM>\][^\n]*_\(admins\)_/);
    const one = as(await line('help sources', member), 'help');
    expect(one.commands).toEqual([{ name: 'sources', usage: 'sources [add|remove|list] [url] [every 30m...]', description: findCommand('sources')!.description, admin: true }]);
    expect(as(await line('help nothing', member), 'error').message).toMatch(/no command "nothing"/);
  });
});
