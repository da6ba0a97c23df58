// Hostile and broken input, end to end through bin/newsbrief.js as a user runs it (a child process,
// real SQLite files in a temp folder): each is refused at once with a one-line reason and the
// documented exit status (2 bad usage, 1 failure), or, for ingest, named while the batch goes on.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin', 'newsbrief.js');
const gaza = (n: string): string => join(root, 'test', 'fixtures', 'gaza', `${n}.txt`);

let dir: string;
beforeAll(() => {
  // bin/newsbrief.js runs dist/, which test/global-setup.ts compiles from these sources.
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-hostile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Result = { code: number; out: string; err: string };

/** Runs `node bin/newsbrief.js ARGS` (independent runs go in parallel: each start costs a second or two). */
function run(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        cwd: dir, // no .env here; anything a command wrongly creates in its working folder shows up
        env: { PATH: process.env.PATH ?? '', NEWSBRIEF_DB: join(dir, 'default.db'), ...env },
        encoding: 'utf8',
        timeout: 60_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (err, out, errText) => done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, out, err: errText }),
    );
  });
}

/** The one line a refusal writes. */
function oneLine(r: { err: string }): string {
  const lines = r.err.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('the database', () => {
  it('refuses a store written by a newer release (an unknown migration) with exit 1 and one line', async () => {
    const db = join(dir, 'newer.db');
    expect((await run(['--db', db, 'ingest', gaza('000')])).code).toBe(0);
    const raw = new Database(db);
    raw.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(99, 'from the future', new Date().toISOString());
    raw.close();
    const argss = [['stories'], ['ingest', gaza('001')], ['actor', 'Hamas']];
    const results = await Promise.all(argss.map((args) => run(['--db', db, ...args])));
    for (const r of results) {
      expect(r.code).toBe(1);
      expect(oneLine(r)).toBe(`newsbrief: ${db}: written by a newer newsbrief (schema version 99, this release knows up to 5); upgrade newsbrief or use another --db`);
    }
  }, 120_000);

  it("refuses --db '' (it used to write a temporary store and report success)", async () => {
    const r = await run(['--db', '', 'ingest', gaza('000')]);
    expect(r.code).toBe(2);
    expect(oneLine(r)).toBe('newsbrief: --db needs a file path, got ""');
    expect(readdirSync(dir).filter((f) => !f.endsWith('.db') && !f.includes('.db-'))).toEqual([]);
  });

  it('read commands on a missing database say so with exit 1 and create nothing (not even its folder)', async () => {
    const db = join(dir, 'nowhere', 'sub', 'news.db');
    const reads = [['stories'], ['brief', 'harbour'], ['digest'], ['actor', 'Hamas'], ['phase', 'phase two'], ['timeline'], ['actors'], ['phases'], ['alias', 'A', 'B']];
    const results = await Promise.all(reads.map((args) => run(['--db', db, ...args])));
    for (const [i, args] of reads.entries()) {
      const r = results[i]!;
      expect([args[0], r.code]).toEqual([args[0], 1]);
      expect(oneLine(r)).toBe(`newsbrief: no such database: ${db}`);
    }
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
    // ingest creates it
    expect((await run(['--db', db, 'ingest', gaza('000')])).code).toBe(0);
    expect(existsSync(db)).toBe(true);
  }, 120_000);
});

describe('numbers and durations', () => {
  it('answers huge counts, ids and durations with usage errors (exit 2), not internal errors', async () => {
    const db = join(dir, 'numbers.db');
    expect((await run(['--db', db, 'ingest', gaza('000')])).code).toBe(0);
    const cases: Array<[string[], RegExp]> = [
      [['stories', '--limit', '99999999999999999999'], /^newsbrief: --limit must be a positive integer, got "99999999999999999999"$/],
      [['stories', '--limit', '100001'], /^newsbrief: --limit must be at most 100000, got 100001$/],
      [['stories', '--since', '999999w'], /^newsbrief: not a duration: "999999w" \(expected e\.g\. 30m, 24h, 7d; at most 100 years\)$/],
      [['digest', '--since', '5300w'], /^newsbrief: not a duration/],
      [['digest', '--max', '1001'], /^newsbrief: --max must be at most 1000/],
      [['brief', 'ceasefire', '--across', '101'], /^newsbrief: --across must be at most 100/],
      [['brief', '--story', '99999999999999999999'], /^newsbrief: --story must be a positive integer/],
      [['timeline', '--since', '999999w'], /^newsbrief: not a duration/],
      [['actor', 'Hamas', '--storyline', '1e3'], /^newsbrief: --storyline must be a positive integer/],
    ];
    const results = await Promise.all(cases.map(([args]) => run(['--db', db, ...args])));
    for (const [i, [args, expected]] of cases.entries()) {
      const r = results[i]!;
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(oneLine(r)).toMatch(expected);
    }
    // The largest accepted values still work.
    expect((await run(['--db', db, 'stories', '--limit', '100000', '--since', '5200w'])).code).toBe(0);
  }, 120_000);

  it('refuses an invalid cron pattern at configuration time (exit 2), before anything runs', async () => {
    const [r, digest] = await Promise.all([
      run(['--db', join(dir, 'numbers.db'), 'stories'], { NEWSBRIEF_INGEST_CRON: '61 * * * *' }),
      run(['--db', join(dir, 'numbers.db'), 'stories'], { NEWSBRIEF_DIGEST_CRON: '0 25 * * *' }),
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/NEWSBRIEF_INGEST_CRON="61 \* \* \* \*": expected a cron expression/);
    expect(digest.code).toBe(2);
    expect(digest.err).toMatch(/NEWSBRIEF_DIGEST_CRON="0 25 \* \* \*"/);
  });
});

describe('hostile files', () => {
  it('a deep page, links out of the folder and an unreadable subfolder are named; the rest is stored', async () => {
    const inbox = join(dir, 'inbox');
    const outside = join(dir, 'outside');
    mkdirSync(inbox);
    mkdirSync(outside);
    writeFileSync(join(outside, 'passwd.txt'), 'root line\n\nThe private ledger of the harbour office lists every payment made this year to the dredging contractor.\n');
    symlinkSync(join(outside, 'passwd.txt'), join(inbox, 'x.txt'));
    symlinkSync(outside, join(inbox, 'etc'));
    symlinkSync(join(inbox, 'missing-folder'), join(inbox, 'gone'));
    const prose = 'The harbour board approved the dredging contract on Monday after a long debate about costs and the timetable for the work. ';
    writeFileSync(join(inbox, 'deep.html'), `<html><head><title>Dredging approved</title></head><body>${'<div>'.repeat(6000)}<p>${prose.repeat(3)}</p>${'</div>'.repeat(6000)}</body></html>`);
    writeFileSync(join(inbox, 'plain.txt'), `Ferry timetable changes\n\n${prose.replace('dredging contract', 'ferry timetable')}`);
    const db = join(dir, 'files.db');
    const t = Date.now();
    const r = await run(['--db', db, 'ingest', inbox]);
    expect(Date.now() - t).toBeLessThan(30_000);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`note       ${join(inbox, 'deep.html')}: page nested 6003 elements deep (limit 100); read as plain text without its layout`);
    expect(r.out).toContain(`note       ${join(inbox, 'etc')}: skipped, symbolic link to a path outside the folder`);
    expect(r.out).toContain(`note       ${join(inbox, 'x.txt')}: skipped, symbolic link to a path outside the folder`);
    expect(r.out).toContain(`rejected   ${join(inbox, 'gone')}: no such file or folder`);
    expect(r.out).toMatch(/^2 added .* 1 rejected$/m);
    expect((await run(['--db', db, 'stories', '--json'])).out).not.toContain('ledger');
  }, 120_000);

  it('a hostile title and source URL are bounded and escaped in what the CLI prints', async () => {
    const feed = join(dir, 'hostile.json');
    const text = [
      'The harbour board approved the dredging contract on Monday after a long debate about costs and the timetable for the work.',
      'Work on the outer channel starts in March, and the first large ships should return to the quay in the spring.',
      'The contract is worth about 40 million, the board said, and the state will pay half of it from its ports fund.',
      'Fishermen asked for the work to pause during the spawning season, and the board agreed to a six-week break in May.',
      'Local shops expect more trade once the ferries and cargo ships are back, the chamber of commerce said on Tuesday.',
    ].join(' ');
    writeFileSync(
      feed,
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Harbour Wire',
        items: [{ id: '1', url: 'https://wire.example/a/@everyone/<@&123>)>x', title: `Dredging ${'approved '.repeat(20_000)}`, content_text: text }],
      }),
    );
    const db = join(dir, 'render.db');
    expect((await run(['--db', db, 'ingest', feed])).code).toBe(0);
    const list = await run(['--db', db, 'stories']);
    expect(list.out.length).toBeLessThan(500);
    const md = (await run(['--db', db, 'brief', '--story', '1'])).out;
    expect(md).toMatch(/^## Dredging approved approved/m);
    expect(md.split('\n')[0]!.length).toBeLessThan(320);
    expect(md).toContain('<https://wire.example/a/%40everyone/%3C@&123%3E%29%3Ex>');
    expect(md).not.toMatch(/@everyone|<@/);
  }, 120_000);

  it('a story of 25 articles from 5 outlets: a briefing of 20 sources that still tells 25 and 5', async () => {
    const base = [
      'The harbour board approved the dredging contract on Monday after a long debate about costs and the timetable for the work.',
      'Work on the outer channel starts in March, and the first large ships should return to the quay in the spring.',
      'The contract is worth about 40 million, the board said, and the state will pay half of it from its ports fund.',
      'Fishermen asked for the work to pause during the spawning season, and the board agreed to a six-week break in May.',
    ];
    const feeds: string[] = [];
    for (let f = 0; f < 5; f++) {
      const path = join(dir, `outlet-${f}.json`);
      const items = Array.from({ length: 5 }, (_, i) => ({
        id: `${f}-${i}`,
        url: `https://outlet${f}.example/harbour/${i}`,
        title: `Harbour dredging contract approved (${f}.${i})`,
        content_text: [...base, `Reporter ${f}-${i} added that local shops expect more trade once the ships are back.`].join(' '),
      }));
      writeFileSync(path, JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: `Outlet ${f}`, items }));
      feeds.push(path);
    }
    const db = join(dir, 'many.db');
    expect((await run(['--db', db, 'ingest', ...feeds])).code).toBe(0);
    const stories = JSON.parse((await run(['--db', db, 'stories', '--json'])).out) as Array<{ id: number; articles: unknown[] }>;
    expect(stories.map((s) => s.articles.length)).toEqual([25]);
    const [json, md] = await Promise.all([run(['--db', db, 'brief', '--story', String(stories[0]!.id), '--json']), run(['--db', db, 'brief', '--story', String(stories[0]!.id)])]);
    const b = JSON.parse(json.out) as { sources: unknown[]; takeaways: Array<{ sources: number[] }>; coverage?: unknown };
    expect(b.sources).toHaveLength(20);
    expect(b.coverage).toEqual({ articles: 25, outlets: 5 });
    for (const t of b.takeaways) expect(t.sources.length).toBeLessThanOrEqual(5);
    expect(md.out).toContain('5 outlets');
    expect(md.out).toContain('_and 5 more sources_');
  }, 120_000);
});
