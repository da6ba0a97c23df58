// End to end through the real CLI code: real SQLite files in a temp dir, the bundled examples and
// the paraphrased Gaza fixtures as input.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Briefing } from '../../src/domain/types.js';
import { Sink } from '../support/io.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsbrief-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], db = join(dir, 'main.db'), stdin?: string) {
  const stdout = new Sink();
  const stderr = new Sink();
  const env: NodeJS.ProcessEnv = { NEWSBRIEF_DB: db };
  const code = await runCli(args, { env, stdout, stderr, ...(stdin !== undefined ? { stdin: async () => Buffer.from(stdin) } : {}) });
  return { code, out: stdout.text, err: stderr.text };
}

function expectBriefingShape(b: Briefing): void {
  expect(b.headline.length).toBeGreaterThan(5);
  expect(b.lede.length).toBeGreaterThan(20);
  expect(b.takeaways.length).toBeGreaterThanOrEqual(3);
  expect(b.takeaways.length).toBeLessThanOrEqual(5);
  const ns = new Set(b.sources.map((s) => s.n));
  for (const t of b.takeaways) {
    expect(t.sources.length).toBeGreaterThan(0);
    for (const n of t.sources) expect(ns.has(n)).toBe(true);
  }
  for (const s of b.sources) {
    expect(s.url).toMatch(/^(https?|file):\/\//);
    expect(s.title.length).toBeGreaterThan(0);
  }
}

describe('newsbrief CLI', () => {
  it('ingests the examples, then reports the same inputs as duplicates', async () => {
    const first = await cli(['ingest', 'examples']);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^added +#1 /m);
    expect(first.out).toMatch(/\d+ added \(\d+ new stories\), 0 duplicates, 0 rejected/);
    const again = await cli(['ingest', 'examples']);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^0 added \(0 new stories\), \d+ duplicates/m);
    expect(again.out).not.toMatch(/^added/m);
  });

  it('lists stories as JSON, merging two outlets on the same Cairo talks', async () => {
    const { code, out } = await cli(['stories', '--json']);
    expect(code).toBe(0);
    const stories = JSON.parse(out) as Array<{ id: number; headline: string; updatedAt: string; articles: Array<{ id: number; title: string; url: string; outlet?: string }> }>;
    expect(stories.length).toBeGreaterThan(1);
    for (const s of stories) {
      expect(typeof s.id).toBe('number');
      expect(s.articles.length).toBeGreaterThan(0);
    }
    const multiOutlet = stories.filter((s) => new Set(s.articles.map((a) => a.outlet)).size > 1);
    expect(multiOutlet.length).toBeGreaterThan(0);
  });

  it('briefs a story as JSON and as Markdown', async () => {
    const json = await cli(['brief', '--story', '1', '--json']);
    expect(json.code).toBe(0);
    expectBriefingShape(JSON.parse(json.out) as Briefing);
    const md = await cli(['brief', 'Cairo']);
    expect(md.code).toBe(0);
    expect(md.out).toMatch(/^## /);
    expect(md.out).toContain('**Key Takeaways**');
    expect(md.out).toMatch(/^1\. .+\[\d+\]/m);
    expect(md.out).toContain('**Sources**');
  });

  it('briefs the story a topic finds exactly as --story does: the topic chooses the story, not its sentences', async () => {
    const stories = JSON.parse((await cli(['stories', '--json'])).out) as Array<{ id: number }>;
    const byTopic = await cli(['brief', 'Cairo', '--json']);
    expect(byTopic.code).toBe(0);
    const briefing = JSON.parse(byTopic.out) as Briefing;
    expect(briefing.sources.some((s) => /cairo/i.test(s.title))).toBe(true);
    const byId = await Promise.all(stories.map(async (s) => JSON.parse((await cli(['brief', '--story', String(s.id), '--json'])).out) as Briefing));
    expect(byId).toContainEqual(briefing);
  });

  it('writes a digest of the stories that moved', async () => {
    const { code, out } = await cli(['digest', '--since', '1d', '--json']);
    expect(code).toBe(0);
    const items = JSON.parse(out) as Array<{ storyId: number; briefing: Briefing }>;
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) expectBriefingShape(i.briefing);
  });

  it('summarizes files without storing them, one JSON line per input or one for all', async () => {
    const db = join(dir, 'summarize.db');
    const files = ['test/fixtures/gaza/000.txt', 'test/fixtures/gaza/001.txt'];
    const each = await cli(['summarize', '--json', ...files], db);
    expect(each.code).toBe(0);
    const lines = each.out.trim().split('\n').map((l) => JSON.parse(l) as { input: string; briefing: Briefing });
    expect(lines.map((l) => l.input)).toEqual(files);
    const one = await cli(['summarize', '--as-one', '--json', ...files], db);
    const [merged] = one.out.trim().split('\n').map((l) => JSON.parse(l) as { input: string; briefing: Briefing });
    expect(merged!.input).toBe(files.join(' '));
    expect(merged!.briefing.sources).toHaveLength(2);
    expectBriefingShape(merged!.briefing);
    // Nothing stored: not even a database was created.
    const stories = await cli(['stories', '--json'], db);
    expect([stories.code, stories.err]).toEqual([1, `newsbrief: no such database: ${db}\n`]);
  });

  it('summarizes standard input', async () => {
    const text = [
      'Port of Marlow reopens after strike',
      '',
      'The port of Marlow reopened on Tuesday after a four-day strike by crane operators ended with a pay deal.',
      'The union said its members had accepted a 6 percent raise over two years.',
      'Shipping lines said about 40 vessels had waited outside the harbour during the stoppage.',
      'The port authority expects the backlog to clear by the end of the week.',
    ].join('\n');
    const r = await cli(['summarize', '--json', '-'], join(dir, 'stdin.db'), text);
    expect(r.code).toBe(0);
    const { input, briefing } = JSON.parse(r.out.trim()) as { input: string; briefing: Briefing };
    expect(input).toBe('-');
    expect(briefing.headline).toBe('Port of Marlow reopens after strike');
    expect(briefing.takeaways.map((t) => t.text).join(' ')).toMatch(/6 percent|40 vessels|backlog/);
  });

  it('names an input that cannot be summarized once, in one line, and goes on with the others', async () => {
    const headings = join(dir, 'headings.md');
    writeFileSync(headings, 'Big Headline Here\n\n## Section One Title\n\n📊 Chart Of Things: June 6\n\n[A] ──► [B]\n');
    const r = await cli(['summarize', '--json', headings, 'test/fixtures/gaza/002.txt'], join(dir, 'sum-bad.db'));
    expect(r.code).toBe(0);
    expect(r.err.trim().split('\n')).toEqual([`newsbrief: ${headings}: no article text found`]);
    expect(r.out.trim().split('\n')).toHaveLength(1);
  });

  it('keeps a batch going past bad inputs and names each one', async () => {
    const db = join(dir, 'bad.db');
    const empty = join(dir, 'empty.txt');
    const binary = join(dir, 'blob.txt');
    writeFileSync(empty, '');
    writeFileSync(binary, Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7, 8, 0]));
    const r = await cli(['ingest', empty, join(dir, 'missing.md'), binary, 'test/fixtures/gaza/002.txt'], db);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^rejected +${empty.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .+`, 'm'));
    expect(r.out).toMatch(/^rejected +.*missing\.md: .+/m);
    expect(r.out).toMatch(/^rejected +.*blob\.txt: .+/m);
    expect(r.out).toMatch(/^1 added/m);
    const onlyBad = await cli(['ingest', join(dir, 'missing.md')], db);
    expect(onlyBad.code).toBe(1);
    expect(onlyBad.err.trim().split('\n')).toHaveLength(1);
    const stories = await cli(['stories', '--json'], db);
    expect(JSON.parse(stories.out)).toHaveLength(1);
  });

  it('answers bad usage with exit status 2 and a failure with 1', async () => {
    expect((await cli(['stories', '--since', 'forever'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['brief', '--story', 'abc'])).code).toBe(2);
    expect((await cli(['ingest'])).code).toBe(2);
    const missing = await cli(['brief', '--story', '99999']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^newsbrief: no story #99999\n$/);
    // A URL is fetched, never from a private or loopback address.
    const blocked = await cli(['brief', 'http://169.254.169.254/latest/meta-data/']);
    expect(blocked.code).toBe(1);
    expect(blocked.err).toMatch(/^newsbrief: http:\/\/169\.254\.169\.254\/latest\/meta-data\/: .*(blocked|not allowed|private|link-local|refus)/i);
    const noMatch = await cli(['brief', 'zzzqqq xylophone']);
    expect(noMatch.code).toBe(1);
    expect(noMatch.err).toMatch(/no story matches/);
  });
});

describe('a real-world feed through the CLI', () => {
  it('reads a feed with a blank line before <?xml: one title per item, only http(s) URLs, no impossible dates', async () => {
    const db = join(dir, 'feed.db');
    const para = (s: string) => `&lt;p&gt;${s}&lt;/p&gt;`;
    const feed = `\n\n<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>Fjord Weekly</title><link>https://fjord.example/</link><atom:link rel="self" href="https://fjord.example/rss"/>
<item><title>Salmon ladder reopens on the upper river</title><media:title>Salmon ladder photo</media:title><dc:title>Salmon ladder reopens on the upper river</dc:title>
<link>https://fjord.example/salmon-ladder</link><pubDate>Fri, 31 Dec 9999 12:00:00 GMT</pubDate>
<description>${para('The salmon ladder on the upper river reopened on Monday after two years of repairs, the county fisheries office said.')}${para('Engineers replaced the concrete steps and widened the resting pools so that more fish can pass during the summer run.')}${para('Anglers downstream said they hoped the work would bring back the large autumn catches of the past.')}</description></item>
<item><title>Ferry timetable adds a night crossing</title><link>javascript:alert(1)</link><pubDate>+275760-09-13T00:00:00Z</pubDate>
<description>${para('The ferry company will add a night crossing between the two harbours from next month, its operations manager announced.')}${para('The new sailing leaves at eleven in the evening and is meant for shift workers at the fish processing plant.')}${para('Tickets for the crossing will cost the same as the day fares, the company said in its statement.')}</description></item>
<item><title>Fjord school wins a science prize</title><link>https://fjord.example/school-prize</link><pubDate>Tue, 03 Jun 2025 08:00:00 GMT</pubDate>
<description>${para('Pupils from the village school won a national science prize for their study of water temperature in the fjord.')}${para('Their teacher said the class measured the water every morning for a year with sensors they built themselves.')}${para('The prize money will pay for a small research boat that the school plans to share with the local sailing club.')}</description></item>
</channel></rss>`;
    writeFileSync(join(dir, 'fjord.rss'), feed);
    const r = await cli(['ingest', join(dir, 'fjord.rss')], db);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/3 added \(\d+ new stories\), 0 duplicates, 0 rejected/);
    expect(`${r.out}${r.err}`).toMatch(/link dropped: javascript: URLs are not stored/);
    const stories = JSON.parse((await cli(['stories', '--json'], db)).out) as Array<{ lastPublishedAt?: string; articles: Array<{ title: string; url: string }> }>;
    const articles = stories.flatMap((s) => s.articles);
    expect(articles.map((a) => a.title).sort()).toEqual([
      'Ferry timetable adds a night crossing',
      'Fjord school wins a science prize',
      'Salmon ladder reopens on the upper river',
    ]);
    for (const a of articles) expect(a.url).toMatch(/^(https:\/\/fjord\.example\/|urn:newsbrief:item:)/);
    const dates = stories.map((s) => s.lastPublishedAt).filter(Boolean);
    expect(dates).toEqual(['2025-06-03T08:00:00.000Z']);
    expect((await cli(['stories'], db)).out).not.toMatch(/9999|275760|javascript/);
  });
});

describe('stories on the Gaza fixtures', () => {
  it('merges the two June 2026 Cairo reports and keeps the February 2025 talks and the analyses apart', async () => {
    const db = join(dir, 'gaza.db');
    const r = await cli(['ingest', 'test/fixtures/gaza'], db);
    expect(r.code).toBe(0);
    const stories = JSON.parse((await cli(['stories', '--json'], db)).out) as Array<{ id: number; articles: Array<{ url: string }> }>;
    const storyOf = (name: string) => stories.find((s) => s.articles.some((a) => a.url.endsWith(`/gaza/${name}`)))!.id;
    expect(storyOf('000.txt')).toBe(storyOf('001.txt'));
    expect(storyOf('002.txt')).not.toBe(storyOf('000.txt'));
    expect(storyOf('003.txt')).not.toBe(storyOf('000.txt'));
    expect(storyOf('004.txt')).not.toBe(storyOf('000.txt'));
    // The list gives the news date of a story with a dated article, and says when an undated one was seen.
    const withDates = JSON.parse((await cli(['stories', '--json'], db)).out) as Array<{ id: number; lastPublishedAt?: string }>;
    expect(withDates.find((s) => s.id === storyOf('001.txt'))?.lastPublishedAt).toMatch(/^2026-06-06T/);
    expect(withDates.find((s) => s.id === storyOf('003.txt'))?.lastPublishedAt).toBeUndefined();
    const md = (await cli(['stories'], db)).out;
    expect(md).toMatch(new RegExp(`^- \\*\\*#${storyOf('001.txt')}\\*\\* .*_\\(2 articles, Jun 6, 2026\\)_$`, 'm'));
    expect(md).toMatch(new RegExp(`^- \\*\\*#${storyOf('003.txt')}\\*\\* .*_\\(1 article, seen [A-Z][a-z]{2} \\d{1,2}, \\d{4}\\)_$`, 'm'));
  });
});

describe('actor, phase and timeline commands on the Gaza fixtures', () => {
  const db = () => join(dir, 'gaza-queries.db');
  beforeAll(async () => {
    expect((await cli(['ingest', 'test/fixtures/gaza'], db())).code).toBe(0);
  });

  it('answers actor questions as JSON, with roles, dated activity and sources', async () => {
    const r = await cli(['actor', '--json', 'al-Hayya'], db());
    expect(r.code).toBe(0);
    const a = JSON.parse(r.out) as { name: string; kind: string; roles: string[]; activity: Array<{ text: string; sources: number[] }>; sources: Array<{ n: number }> };
    expect(a).toMatchObject({ name: 'Khalil al-Hayya', kind: 'person' });
    expect(a.roles.join(' ')).toMatch(/Hamas/);
    expect(a.activity.length).toBeGreaterThan(0);
    const ns = new Set(a.sources.map((s) => s.n));
    for (const item of a.activity) for (const n of item.sources) expect(ns.has(n)).toBe(true);
    const md = await cli(['actor', 'Witkoff'], db());
    expect(md.out).toMatch(/^## Steve Witkoff/m);
    expect(md.out).toMatch(/U\.S\. special envoy/);
  });

  it('suggests known actors for an unknown name and rejects an empty one', async () => {
    const r = await cli(['actor', '--json', 'Witkof'], db());
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ nothingKnown: true, suggestions: expect.arrayContaining(['Steve Witkoff']) });
    const empty = await cli(['actor', '  '], db());
    expect(empty.code).not.toBe(0);
    expect(empty.err.trim().split('\n')).toHaveLength(1);
  });

  it('answers for the most recently active process a phase name matches, lists the other, then answers for it', async () => {
    const r = await cli(['phase', '--json', 'phase', 'two'], db());
    expect(r.code).toBe(0);
    const lead = JSON.parse(r.out) as { process: string; processKey: string; others: Array<{ key: string; process: string }> };
    expect(lead.others).toHaveLength(1);
    const all = [{ key: lead.processKey, process: lead.process }, ...lead.others];
    const october = all.find((x) => /October 2025/.test(x.process))!;
    expect(all.find((x) => /January/.test(x.process))).toBeDefined();
    const one = await cli(['phase', '--json', '--process', october.key, 'second phase'], db());
    const view = JSON.parse(one.out) as { status: string; components: Array<{ name: string }> };
    expect(view.status).toBe('stalled');
    expect(view.components.map((x) => x.name)).toEqual(expect.arrayContaining(['international stabilisation force', 'disarmament', 'reconstruction']));
  });

  it('prints a dated timeline and autocompletion lists', async () => {
    const t = await cli(['timeline', '--json'], db());
    expect(t.code).toBe(0);
    const entries = JSON.parse(t.out) as Array<{ date: string; text: string; sources: Array<{ url: string }> }>;
    expect(entries.length).toBeGreaterThan(2);
    expect([...entries.map((e) => e.date)]).toEqual([...entries.map((e) => e.date)].sort());
    for (const e of entries) expect(e.sources.length).toBeGreaterThan(0);
    const names = (await cli(['actors', 'hay'], db())).out.trim().split('\n');
    expect(names).toContain('Khalil al-Hayya');
    expect(names.length).toBeLessThanOrEqual(25);
    expect((await cli(['phases'], db())).out).toMatch(/Phase two/);
  });

  it('lets an admin add an alias that later queries use', async () => {
    expect((await cli(['alias', 'The Movement', 'Hamas'], db())).code).toBe(0);
    const r = await cli(['actor', '--json', 'the movement'], db());
    expect(JSON.parse(r.out)).toMatchObject({ name: 'Hamas' });
  });
});

const SEEDS = process.env.NEWSBRIEF_SEEDS_DIR;
describe.skipIf(!SEEDS)('the real seed articles through the CLI (NEWSBRIEF_SEEDS_DIR)', () => {
  it('phase two: the October 2025 agreement (four articles) apart from the January truce (one)', async () => {
    const db = join(dir, 'seeds.db');
    expect((await cli(['ingest', SEEDS!], db)).code).toBe(0);
    const r = await cli(['phase', 'phase two', '--json'], db);
    expect(r.code).toBe(0);
    const lead = JSON.parse(r.out) as { process: string; processKey: string; sources: unknown[]; others: Array<{ key: string; process: string; articles: number }> };
    expect(lead.others).toHaveLength(1);
    // The most recently active process leads; named by place, kind and date.
    expect(lead.process).toMatch(/October 2025/);
    expect(lead.process).toMatch(/Gaza/);
    expect(lead.process).not.toMatch(/Cairo/);
    const oct = { key: lead.processKey };
    const jan = lead.others[0]!;
    // That article states no date and no year for the truce: its month is all that is known.
    expect(jan.process).toMatch(/truce of January/);
    expect(jan.articles).toBe(1);
    const md = (await cli(['phase', 'phase two', '--process', oct!.key], db)).out;
    // Layout lines of the pages (headings, diagrams, tables) are not prose: never shown.
    expect(md).not.toMatch(/──|📊|🏛|PhaseCore|•/);
    expect(md).toMatch(/sources differ on the date/);
  });

  it('with an unrelated trade storyline ingested last: a Gaza process still leads, every name says Gaza, none the venue', async () => {
    const db = join(dir, 'seeds-trade.db');
    expect((await cli(['ingest', SEEDS!, join(import.meta.dirname, '..', 'fixtures', 'trade')], db)).code).toBe(0);
    const r = await cli(['phase', 'phase two', '--json'], db);
    expect(r.code, r.err).toBe(0);
    const lead = JSON.parse(r.out) as { process: string; others: Array<{ process: string }> };
    // The Gaza news is dated Jun 6, 2026, the trade news May 20, 2026: the newer leads.
    expect(lead.process).toMatch(/^Gaza .*October 2025$/);
    const gaza = [lead.process, ...lead.others.map((o) => o.process)].filter((p) => !/Valdoria|Ostmark/.test(p));
    expect(gaza.length).toBeGreaterThanOrEqual(2);
    for (const p of gaza) {
      expect(p).toMatch(/Gaza/);
      expect(p).not.toMatch(/Cairo/);
    }
    expect(lead.others.map((o) => o.process)).toContain('Valdoria-Ostmark trade agreement of March 2026');
  });
});
