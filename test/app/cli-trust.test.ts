// End to end through the real CLI (bin/newsbrief.js; test/global-setup.ts compiles dist/): articles
// given the way real exports give them are stored whole, and no publication date is invented.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = new URL('../../bin/newsbrief.js', import.meta.url).pathname;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-trust-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], db: string): string {
  return execFileSync(process.execPath, [bin, ...args, '--db', db], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

interface StoryJson {
  id: number;
  articles: Array<{ title: string; url: string; publishedAt?: string }>;
}

describe('newsbrief ingest keeps real articles and invents no dates', () => {
  it('stores a one-paragraph article with a trailing caption and camel-case names, whole', () => {
    const db = join(dir, 'one.db');
    const folder = mkdtempSync(join(dir, 'one-'));
    const paragraph =
      'A small studio in Tallinn released a rhythm game for the iPhone on Thursday that lets players tap along to Estonian folk songs. ' +
      'The game climbed to the top of the local charts within a day, helped by a trailer that spread quickly on YouTube. ' +
      'Its designers said they recorded more than forty songs with village choirs over two summers. ' +
      'A choir from Viljandi records a song for the game';
    writeFileSync(join(folder, 'game.txt'), paragraph);
    const out = cli(['ingest', folder], db);
    expect(out).toMatch(/^1 added \(1 new stories\), 0 duplicates, 0 rejected$/m);
    const stories = JSON.parse(cli(['stories', '--json'], db)) as StoryJson[];
    expect(stories).toHaveLength(1);
    expect(stories[0]!.articles[0]!.title).toMatch(/^A small studio in Tallinn released a rhythm game/);
    const store = new Database(db, { readonly: true });
    const { text } = store.prepare('SELECT text FROM articles').get() as { text: string };
    store.close();
    expect(text).toBe(paragraph);
  });

  it('dates an article from its dateline, never from its narrative, and never after the ingest', () => {
    const db = join(dir, 'dates.db');
    const folder = mkdtempSync(join(dir, 'dates-'));
    const now = new Date();
    // A year-less dateline of a day later in the calendar year than today: last year's, never next year's.
    const future = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 3));
    const month = future.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
    const sameYear = future.getUTCFullYear() === now.getUTCFullYear();
    writeFileSync(
      join(folder, 'dateline.txt'),
      `Glacier survey finds faster melt\n\nREYKJAVIK, ${month} ${future.getUTCDate()} - Scientists measuring the Vatnajokull ice cap said the glacier lost more ice this year than in any year since records began, and called for more monitoring stations.`,
    );
    writeFileSync(
      join(folder, 'narrative.txt'),
      `Bakery wins national bread prize\n\nA family bakery in Ghent won the national bread prize, beating more than two hundred entries with a sourdough rye. The owners said the award ceremony on ${month} ${future.getUTCDate()} - a week after the final tasting - would be their first trip to the capital together.`,
    );
    cli(['ingest', folder], db);
    const stories = JSON.parse(cli(['stories', '--json'], db)) as StoryJson[];
    const byTitle = new Map(stories.flatMap((s) => s.articles).map((a) => [a.title, a.publishedAt]));
    const dateline = byTitle.get('Glacier survey finds faster melt');
    expect(dateline).toBeDefined();
    expect(Date.parse(dateline!)).toBeLessThanOrEqual(Date.now());
    if (sameYear) expect(dateline!.slice(0, 4)).toBe(String(now.getUTCFullYear() - 1));
    expect(byTitle.get('Bakery wins national bread prize')).toBeUndefined();
    // The listing says what an undated story's date is.
    expect(cli(['stories'], db)).toMatch(/"seen": none of the story's articles states its publication date/);
  });
});
