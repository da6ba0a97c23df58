// `newsbrief chat`, end to end: lines piped into the real CLI (bin/newsbrief.js, compiled by the
// global setup), answered through the registry on a real SQLite store, printed as Markdown.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, ingestGaza } from './chat-process.js';
import { splitLine, lineArgs } from '../../src/commands/parse-line.js';
import { findCommand } from '../../src/commands/registry.js';

let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-chat-'));
  db = join(dir, 'chat.db');
  await ingestGaza(db);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('splitting a line as Slack sends it', () => {
  it('keeps quoted words together, typographic quotes too, and reads options either way', () => {
    expect(splitLine('actor "Khalil al-Hayya" --storyline 2')).toEqual(['actor', 'Khalil al-Hayya', '--storyline', '2']);
    expect(splitLine('alias \u201cThe Movement\u201d \'Hamas\'')).toEqual(['alias', 'The Movement', 'Hamas']);
    expect(splitLine('brief ""  x\\ y')).toEqual(['brief', '', 'x y']);
    expect(() => splitLine('brief "open')).toThrow(/quote is not closed/);
    expect(lineArgs(findCommand('phase')!, ['phase', 'two', '--process=1:2025-10'])).toEqual({ name: ['phase', 'two'], process: '1:2025-10' });
    expect(lineArgs(findCommand('alias')!, ['IOF', 'Israeli military'])).toEqual({ alias: 'IOF', canonical: 'Israeli military' });
    expect(() => lineArgs(findCommand('alias')!, ['a', 'b', 'c'])).toThrow(/too many arguments/);
    expect(() => lineArgs(findCommand('stories')!, ['--limit'])).toThrow(/--limit needs a value/);
  });
});

describe('newsbrief chat', () => {
  it('answers each line through the registry, in Markdown, and goes on past bad lines', async () => {
    const r = await chat(db, [
      'help',
      'stories --limit 2',
      '/news actor "Khalil al-Hayya"',
      'phase phase two',
      'actors hay',
      'stories --limit 100001',
      'brief --story 99999',
      'frobnicate',
      'actor',
      'alias "The Movement" Hamas',
      'actor the movement',
      'quit',
      'stories',
    ]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^\*\*Commands\*\*\n- `stories \[--since <duration>\] \[--limit <n>\]`/);
    expect(r.out.match(/^- \*\*#\d+\*\*/gm)).toHaveLength(2);
    expect(r.out).toMatch(/^## Khalil al-Hayya$/m);
    expect(r.out).toMatch(/^## Phase two: .+\n[\s\S]*\*\*Also a phase two in\*\*/m);
    expect(r.out).toMatch(/^Khalil al-Hayya$/m);
    expect(r.out).toContain('_--limit must be at most 100000, got 100001_');
    expect(r.out).toContain('_no story \\#99999_'); // escaped: Markdown would make a heading of it
    expect(r.out).toContain('_No command "frobnicate"; type help for the list._');
    expect(r.out).toContain('_missing name_ (usage: `actor <name...> [--storyline <id>]`)');
    expect(r.out).toContain('alias added: The Movement = Hamas');
    expect(r.out).toMatch(/^## Hamas$/m);
    // Nothing after quit is answered: the list was printed once (by "stories --limit 2").
    expect(r.out.match(/^- \*\*#\d+\*\*/gm)).toHaveLength(2);
  }, 60_000);

  it('never lets a typed line ping or link: mentions and markup in answers are defused', async () => {
    const r = await chat(db, ['brief "<!channel> @everyone [x](http://evil.example)"', 'actor <@123> @here', 'help @everyone', 'frobnicate@everyone']);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/<!channel>|<@123>|@(everyone|here)\b|\[x\]\(/);
    expect(r.out.trim().split('\n\n').length).toBeGreaterThanOrEqual(4);
  }, 30_000);

  it('says a missing archive in one line per command and creates nothing', async () => {
    const missing = join(dir, 'none', 'x.db');
    const r = await chat(missing, ['stories', 'actor Hamas']);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n\n')).toEqual([`_failed: no such database: ${missing}_`, `_failed: no such database: ${missing}_`]);
  }, 30_000);
});
