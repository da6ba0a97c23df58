// A folder ingest stays inside the folder: symbolic links that leave it are not followed, a link's
// type is its target's, and one subfolder that cannot be read costs one line, not the whole walk.
// Every case here fails the same way as root (tests run as root: permissions cannot make a
// folder unreadable, so the unreadable one is a path longer than the system allows).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, type CollectedItem } from '../../src/ingest/collect.js';

const now = new Date('2026-06-04T12:00:00Z');
const prose = (topic: string): string =>
  `${topic} on the agenda\n\nThe town council discussed ${topic} at length on Monday evening, and members agreed to return to the question at the next meeting after hearing from residents and the planning office.\n`;

let base: string;
let inbox: string;
let outside: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'newsbrief-walk-'));
  inbox = join(base, 'inbox');
  outside = join(base, 'outside');
  mkdirSync(join(inbox, 'sub'), { recursive: true });
  mkdirSync(join(outside, 'more'), { recursive: true });
  writeFileSync(join(outside, 'secret.txt'), prose('the private ledger'));
  writeFileSync(join(outside, 'more', 'walked.txt'), prose('the far archive'));
  writeFileSync(join(inbox, 'a-first.txt'), prose('harbour dredging'));
  writeFileSync(join(inbox, 'sub', 'b-nested.txt'), prose('school meals'));
  writeFileSync(
    join(inbox, 'page.html'),
    `<!DOCTYPE html><html><head><title>Market hall reopens</title></head><body><article><p>${'The covered market hall reopened on Saturday after a year of repairs to its roof and the old clock tower, with forty stalls trading. '.repeat(2)}</p></article></body></html>`,
  );
});

afterAll(() => {
  // `rm` walks a tree deeper than PATH_MAX; rmSync may not.
  execFileSync('rm', ['-rf', base]);
});

async function walk(folder: string): Promise<CollectedItem[]> {
  const out: CollectedItem[] = [];
  for await (const item of collect([folder], { now })) out.push(item);
  return out;
}
const stored = (items: CollectedItem[]) => items.flatMap((i) => (i.kind === 'article' ? [i.draft.title] : []));
const lines = (items: CollectedItem[]) => items.flatMap((i) => (i.kind === 'notice' ? [i.message] : i.kind === 'rejected' ? [i.reason] : []));

describe('folder walk: symbolic links', () => {
  it('does not read a file outside the folder through a link named like an article', async () => {
    const dir = join(base, 'case-file');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a-real.txt'), prose('bridge tolls'));
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'x.txt'));
    const items = await walk(dir);
    expect(stored(items)).toEqual(['bridge tolls on the agenda']);
    expect(lines(items)).toEqual([`${join(dir, 'x.txt')}: skipped, symbolic link to a path outside the folder`]);
  });

  it('does not walk a link to a folder outside', async () => {
    const dir = join(base, 'case-dir');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a-real.txt'), prose('bridge tolls'));
    symlinkSync(outside, join(dir, 'etc'));
    const items = await walk(dir);
    expect(stored(items)).toEqual(['bridge tolls on the agenda']);
    expect(lines(items)).toEqual([`${join(dir, 'etc')}: skipped, symbolic link to a path outside the folder`]);
  });

  it('judges a link inside the folder by its target: a page linked as .txt is read as a page', async () => {
    const dir = join(base, 'case-type');
    mkdirSync(join(dir, 'pages'), { recursive: true });
    writeFileSync(
      join(dir, 'pages', 'hall.html'),
      `<!DOCTYPE html><html><head><title>Market hall reopens</title></head><body><article><p>${'The covered market hall reopened on Saturday after a year of repairs to its roof and the old clock tower, with forty stalls trading. '.repeat(2)}</p></article></body></html>`,
    );
    symlinkSync(join(dir, 'pages', 'hall.html'), join(dir, 'a-link.txt'));
    symlinkSync(join(dir, 'pages'), join(dir, 'b-folder.txt')); // a folder, whatever its name says
    const items = await walk(dir);
    expect(stored(items)).toEqual(['Market hall reopens']);
    const article = items.find((i) => i.kind === 'article');
    expect(article).toMatchObject({ input: join(dir, 'a-link.txt'), draft: { text: expect.not.stringContaining('<') } });
  });

  it('rejects a dangling link and a link loop with one line each, and reads the rest', async () => {
    const dir = join(base, 'case-broken');
    mkdirSync(dir);
    symlinkSync(join(dir, 'gone.txt'), join(dir, 'a-dangling.txt'));
    symlinkSync(join(dir, 'b-loop'), join(dir, 'b-loop'));
    writeFileSync(join(dir, 'c-real.txt'), prose('bridge tolls'));
    const items = await walk(dir);
    expect(stored(items)).toEqual(['bridge tolls on the agenda']);
    expect(lines(items)).toEqual([`${join(dir, 'a-dangling.txt')}: no such file or folder`, `${join(dir, 'b-loop')}: symbolic link loop`]);
  });
});

describe('folder walk: a subfolder that cannot be read', () => {
  it('costs one rejection line; the files after it are still read', async () => {
    // A link inside the folder to a subfolder whose full path is longer than PATH_MAX: the system
    // can open it through the link, but its path cannot be resolved (ENAMETOOLONG), as root too.
    const dir = join(base, 'case-deep');
    mkdirSync(dir);
    const parts: string[] = ['.deep'];
    let length = join(dir, '.deep').length;
    // Whole path 4,100 characters (PATH_MAX is 4,096), the link's target under 4,096.
    while (length < 4100 - 1) {
      const name = 'd'.repeat(Math.min(200, 4100 - length - 1));
      parts.push(name);
      length += name.length + 1;
    }
    execFileSync('bash', ['-c', 'cd "$1" && shift && for p in "$@"; do mkdir "$p" && cd "$p"; done && printf "%s" "$BODY" > deep.txt', '_', dir, ...parts], {
      env: { ...process.env, BODY: prose('the hidden vault') },
    });
    const target = parts.join('/');
    expect(target.length).toBeLessThan(4096);
    symlinkSync(target, join(dir, 'a-unreadable'));
    writeFileSync(join(dir, 'b-after.txt'), prose('bridge tolls'));
    writeFileSync(join(dir, 'c-after.txt'), prose('street lighting'));
    const items = await walk(dir);
    expect(stored(items)).toEqual(['bridge tolls on the agenda', 'street lighting on the agenda']);
    expect(lines(items)).toEqual([`${join(dir, 'a-unreadable')}: path too long`]);
  });
});
