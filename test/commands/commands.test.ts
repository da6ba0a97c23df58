// Each command of the registry, run on a real SQLite store filled from test/fixtures/gaza.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openServices, type OpenServices } from '../../src/app/compose.js';
import { loadConfig } from '../../src/config.js';
import { ArgsError, fields } from '../../src/commands/args.js';
import { parseCommandArgs, runCommand, type CommandContext, type CommandDef } from '../../src/commands/command.js';
import { commands, findCommand } from '../../src/commands/registry.js';
import type { View } from '../../src/commands/view.js';
import { gazaDb } from '../queries/fixture-db.js';

let dir: string;
let svc: OpenServices;
const ctx: CommandContext = { surface: 'console', digestMaxStories: 2 };

beforeAll(async () => {
  const db = await gazaDb();
  dir = db.dir;
  const opened = await openServices({ ...loadConfig({}), NEWSBRIEF_DB: db.path });
  svc = { ...opened, now: () => new Date('2026-06-12T00:00:00Z') };
}, 30_000);
afterAll(async () => {
  await svc?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs a command by name from raw strings, as a surface reads them. */
async function run(name: string, raw: Record<string, unknown> = {}, now?: Date, more: Partial<CommandContext> = {}): Promise<View> {
  const def = findCommand(name)!;
  return runCommand(def, now ? { ...svc, now: () => now } : svc, parseCommandArgs(def, raw), { ...ctx, ...more });
}

function as<K extends View['kind']>(view: View, kind: K): Extract<View, { kind: K }> {
  expect(view.kind, JSON.stringify(view).slice(0, 300)).toBe(kind);
  return view as Extract<View, { kind: K }>;
}

describe('the registry', () => {
  it('has every user command, each with a description, zod args of known kinds and a run', () => {
    expect(commands.map((c) => c.name).sort()).toEqual(['actor', 'actors', 'alias', 'brief', 'digest', 'help', 'phase', 'phases', 'settings', 'sources', 'stories', 'subscribe', 'timeline', 'unsubscribe']);
    for (const c of commands as CommandDef[]) {
      expect(c.description.length, c.name).toBeGreaterThan(10);
      expect(c.description.length, c.name).toBeLessThanOrEqual(100); // Discord's limit for a command description
      expect(c.args).toBeInstanceOf(z.ZodObject);
      expect(typeof c.run).toBe('function');
      const keys = fields(c.args).map((f) => f.key);
      for (const p of c.positional ?? []) expect(keys).toContain(p);
      for (const f of fields(c.args)) {
        expect(f.meta.description.length, `${c.name} ${f.key}`).toBeGreaterThan(3);
        expect(f.meta.description.length, `${c.name} ${f.key}`).toBeLessThanOrEqual(100); // Discord's limit for an option
      }
      // A field that completes names has a command that answers them.
      if (fields(c.args).some((f) => f.meta.complete)) expect(typeof c.autocomplete, c.name).toBe('function');
    }
  });

  it('refuses bad arguments with the one-line messages the CLI has always given', () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['stories', { limit: '100001' }, /^--limit must be at most 100000, got 100001$/],
      ['stories', { limit: '99999999999999999999' }, /^--limit must be a positive integer, got "99999999999999999999"$/],
      ['stories', { since: '999999w' }, /^not a duration: "999999w"/],
      ['brief', { topic: ['gaza'], story: '3' }, /^give either a TOPIC or --story, not both$/],
      ['brief', { across: '101' }, /^--across must be at most 100/],
      ['actor', { name: ['Hamas'], storyline: '1e3' }, /^--storyline must be a positive integer/],
      ['digest', { max: '0' }, /^--max must be a positive integer/],
    ];
    for (const [name, raw, message] of cases) expect(() => parseCommandArgs(findCommand(name)!, raw)).toThrow(message);
    expect(() => parseCommandArgs(findCommand('alias')!, { alias: 'x' })).toThrow(ArgsError);
    // Typed values from a platform that types them go through the same caps.
    expect(() => parseCommandArgs(findCommand('stories')!, { limit: 100_001 })).toThrow(/at most 100000/);
    expect(parseCommandArgs(findCommand('stories')!, {})).toEqual({ limit: 50 });
  });
});

describe('commands', () => {
  it('stories: a list with its news dates, and each story articles when the surface shows them', async () => {
    const v = as(await run('stories', { limit: '3' }, undefined, { storyArticles: true }), 'stories');
    expect(v.stories.length).toBe(3);
    for (const s of v.stories) {
      expect(s.articles.length).toBe(s.articleCount);
      expect(s.headline.length).toBeGreaterThan(5);
    }
    const plain = as(await run('stories', { limit: '3' }), 'stories');
    expect(plain.stories.map((s) => ({ ...s, articles: [] }))).toEqual(v.stories.map((s) => ({ ...s, articles: [] })));
    for (const s of plain.stories) expect(s.articles).toEqual([]);
    expect(v.anyUndated).toBe(v.stories.some((s) => !s.lastPublishedAt));
  });

  it('brief: by id, by topic, the latest story; unknown ids and topics are error views', async () => {
    const [first] = as(await run('stories', { limit: '1' }), 'stories').stories;
    const byId = as(await run('brief', { story: String(first!.id) }), 'briefing');
    expect(byId.storyId).toBe(first!.id);
    expect(byId.briefing.takeaways.length).toBeGreaterThan(0);
    expect(byId.outlets).toBeGreaterThan(0);
    if (byId.newsDate) expect(byId.newsDate).toBe(byId.briefing.sources.map((s) => s.publishedAt ?? '').sort().at(-1));
    expect(as(await run('brief'), 'briefing').briefing.sources.length).toBeGreaterThan(0);
    expect(as(await run('brief', { topic: ['ceasefire'] }), 'briefing').storyId).toBeGreaterThan(0);
    expect(as(await run('brief', { story: '99999' }), 'error')).toMatchObject({ code: 'not_found', message: 'no story #99999' });
    expect(as(await run('brief', { topic: ['zzzqqq', 'xylophone'] }), 'error').message).toMatch(/no story matches/);
  });

  it('brief URL: fetched through the safe fetcher, which refuses private addresses', async () => {
    const v = as(await run('brief', { topic: ['http://169.254.169.254/latest/meta-data/'] }), 'error');
    expect(v.message).toMatch(/^http:\/\/169\.254\.169\.254\/latest\/meta-data\/: .*(blocked|not allowed|private|link-local|refus)/i);
  });

  it('digest: the stories that moved, each briefed with its story id, at most the context max', async () => {
    const v = as(await run('digest', { since: '5200w' }), 'digest');
    expect(v.window).toBe('5200w');
    expect(v.items.length).toBe(2);
    for (const i of v.items) expect(i.storyId).toBeGreaterThan(0);
    expect(as(await run('digest', { since: '1h' }, new Date('2100-01-01T00:00:00Z')), 'digest').items).toEqual([]);
  });

  it('actor, phase, timeline: answers from the article search in Services', async () => {
    const a = as(await run('actor', { name: ['Khalil', 'al-Hayya'] }), 'actor');
    expect(a.answer).toMatchObject({ name: 'Khalil al-Hayya' });
    expect(as(await run('actor', { name: ['  '] }), 'error').code).toBe('bad_input');
    const p = as(await run('phase', { name: ['phase', 'two'] }), 'phase');
    // The most recently active process leads; the other is listed after it.
    expect('others' in p.answer && p.answer.others.length).toBe(1);
    const t = as(await run('timeline'), 'timeline');
    expect(t.timeline.entries.length).toBeGreaterThan(2);
  });

  it('names and autocomplete: best first, at most 25', async () => {
    const names = as(await run('actors', { prefix: 'hay' }), 'names');
    expect(names).toMatchObject({ of: 'actors' });
    expect(names.names).toContain('Khalil al-Hayya');
    expect(await findCommand('actor')!.autocomplete!(svc, 'name', 'hay')).toEqual(names.names);
    const headlines = await findCommand('brief')!.autocomplete!(svc, 'topic', 'ceasefire');
    expect(headlines.length).toBeGreaterThan(0);
    expect(headlines.length).toBeLessThanOrEqual(25);
    for (const h of headlines) expect(h.length).toBeLessThanOrEqual(100); // a Discord choice's name
    expect((await findCommand('brief')!.autocomplete!(svc, 'topic', '')).length).toBeGreaterThan(0);
    const phases = as(await run('phases'), 'names').names;
    expect(phases.length).toBeLessThanOrEqual(25);
    expect(phases.join('\n')).toMatch(/Phase two/);
  });

  it('alias: a confirmation, and later queries use the alias', async () => {
    expect(as(await run('alias', { alias: 'The Movement', canonical: 'Hamas' }), 'confirmation').message).toBe('alias added: The Movement = Hamas');
    expect(as(await run('actor', { name: ['the', 'movement'] }), 'actor').answer).toMatchObject({ name: 'Hamas' });
    expect(as(await run('alias', { alias: 'Hamas', canonical: 'hamas' }), 'error').code).toBe('bad_input');
  });
});
