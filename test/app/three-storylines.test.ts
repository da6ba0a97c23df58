// One store, three storylines with the same phase words (the Gaza fixtures, the trade deal and the
// Karsovia-Belmar prisoner swap of test/fixtures/peace, both of the project's own writing), through
// the CLI as a user runs it: no answer mixes them, a phase's status and components come only from
// sentences about that phase, and every timeline date has its right year.
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliStore, type CliStore } from '../support/cli-store.js';

const root = resolve(import.meta.dirname, '../..');
let store: CliStore;
const cli = (args: string[]): Promise<string> => store.cli(args);

beforeAll(async () => {
  store = cliStore('three');
  await cli(['ingest', ...['gaza', 'trade', 'peace'].map((f) => join(root, 'test', 'fixtures', f))]);
}, 60_000);

afterAll(() => store.remove());

const TRADE = /Valdoria|Ostmark|tariff|car parts/i;
// Not "hostage": the component "hostage and prisoner exchange" belongs to either.
const GAZA = /Gaza|Hamas|Cairo|Israel/i;
const PEACE = /Karsovia|Belmar|Norvane|Lunden|Orsk/i;
const STORYLINES = [TRADE, GAZA, PEACE];
const mixes = (text: string) => STORYLINES.filter((re) => re.test(text)).length > 1;
const PEACE_PROCESS = 'Karsovia-Belmar prisoner exchange accord of November 2025';

type PhaseJson = {
  process: string;
  processKey: string;
  status: string | null;
  statusText: string | null;
  components: Array<{ name: string }>;
  sources: Array<{ title: string }>;
  timeline: Array<{ date: string | null; precision?: string; text: string }>;
  others: Array<{ key: string; process: string; status: string | null }>;
};
const phase = async (...args: string[]) => JSON.parse(await cli(['phase', ...args, '--json'])) as PhaseJson;
const before = (md: string) => (md.includes('**Also a') ? md.slice(0, md.indexOf('**Also a')) : md);

describe('three storylines with the same phase words', () => {
  it('phase two: each process keeps its own sources, status and components', async () => {
    const lead = await phase('phase two');
    expect(lead.process).toBe('Gaza ceasefire of October 2025');
    for (const s of lead.sources) expect(s.title).not.toMatch(new RegExp(`${TRADE.source}|${PEACE.source}`, 'i'));
    expect(before(await cli(['phase', 'phase two']))).not.toMatch(PEACE);
    const others = lead.others.map((o) => o.process);
    expect(others).toEqual(expect.arrayContaining([PEACE_PROCESS, 'Valdoria-Ostmark trade agreement of March 2026']));

    const key = lead.others.find((o) => o.process === PEACE_PROCESS)!.key;
    const swap = await phase('phase two', '--process', key);
    expect(swap.process).toBe(PEACE_PROCESS);
    for (const s of swap.sources) expect(s.title).toMatch(PEACE);
    // The latest report (January 8) says on hold: stalled; "could collapse" and "has not yet
    // started" are no status, and "talks on phase two began" was talks, not the phase underway.
    expect(swap.status).toBe('stalled');
    expect(swap.statusText).toMatch(/on hold/);
    // Its one component is said of phase two ("would ... return remains"); the exchange of phase
    // one and the "prisoner accord" of its name are not phase two's.
    expect(swap.components.map((c) => c.name)).toEqual(['hostage and prisoner exchange']);
    const md = await cli(['phase', 'phase two', '--process', key]);
    expect(md).toMatch(new RegExp(`^## Phase two: ${PEACE_PROCESS}`));
    expect(before(md)).not.toMatch(GAZA);
    expect(before(md)).not.toMatch(TRADE);
    expect(before(md)).not.toMatch(/disarmament|stabilisation force|rules of origin/i);

    // The trade process gets nothing of the swap.
    const tradeKey = lead.others.find((o) => /Valdoria/.test(o.process))!.key;
    const trade = await phase('phase two', '--process', tradeKey);
    expect(trade.status).toBe('stalled');
    expect(trade.components.map((c) => c.name)).not.toContain('hostage and prisoner exchange');
    expect(before(await cli(['phase', 'phase two', '--process', tradeKey]))).not.toMatch(PEACE);
  });

  it('phase one of the swap: completed, the exchange its own, dated to the accord it belongs to', async () => {
    const lead = await phase('phase one');
    const key = lead.others.find((o) => o.process === PEACE_PROCESS)?.key ?? lead.processKey;
    const one = await phase('phase one', '--process', key);
    expect(one.process).toBe(PEACE_PROCESS);
    expect(one.status).toBe('completed');
    expect(one.components.map((c) => c.name)).toEqual(['hostage and prisoner exchange']);
    for (const s of one.sources) expect(s.title).toMatch(PEACE);
    // "next March" in a December 30, 2025 article: March 2026, a month.
    expect(one.timeline.find((e) => /next March/.test(e.text))).toMatchObject({ date: '2026-03-01', precision: 'month' });
    expect(one.timeline.find((e) => /signed in November 2025/.test(e.text))).toMatchObject({ date: '2025-11-01', precision: 'month' });
  });

  it('a topic timeline keeps to its storyline, every date with its right year and day', async () => {
    const t = await cli(['timeline', 'Karsovia']);
    expect(t).toMatch(PEACE);
    expect(t).not.toMatch(GAZA);
    expect(t).not.toMatch(TRADE);
    const line = (re: RegExp) => t.split('\n').find((l) => re.test(l)) ?? '';
    // A January 8, 2026 article: "On Dec. 28" and "last month" are December 2025; "on Tuesday" January 6.
    expect(line(/On Dec\. 28/)).toMatch(/^- Dec 28, 2025:/);
    expect(line(/last month's meetings/)).toMatch(/^- Dec 2025:/);
    expect(line(/said on Tuesday/)).toMatch(/^- Jan 6, 2026:/);
    // A December 30, 2025 article (a Tuesday): "on Monday" is December 29, "next March" March 2026.
    expect(line(/Orsk bridge on Monday/)).toMatch(/^- Dec 29, 2025:/);
    expect(line(/next March/)).toMatch(/^- Mar 2026:/);
    expect(line(/ended on Dec\. 22/)).toMatch(/^- Dec 22, 2025:/);
    // A November 12, 2025 article (a Wednesday): "the signing on Monday" is November 10.
    expect(line(/signing on Monday/)).toMatch(/^- Nov 10, 2025:/);
    expect(t).not.toMatch(/LUNDEN,|ORSK,|BELMAR CITY,/);

    const trade = await cli(['timeline', 'trade']);
    expect(trade).toMatch(TRADE);
    expect(trade).not.toMatch(GAZA);
    expect(trade).not.toMatch(PEACE);
  });

  it('brief --across pools one storyline and names it and the agreement its phase belongs to', async () => {
    for (const topic of ['phase two', 'Karsovia', 'prisoner exchange', 'second phase']) {
      const md = await cli(['brief', '--across', '3', topic]);
      expect(mixes(md.slice(0, md.indexOf('**Sources**'))), md).toBe(false);
      const meta = md.split('\n')[1]!;
      expect(meta).toMatch(/storyline: /);
      if (/phase: /.test(meta)) expect(meta).toMatch(/process: [^·]+ of /);
    }
    const swap = await cli(['brief', '--across', '3', 'Karsovia']);
    expect(swap.split('\n')[1]).toMatch(new RegExp(`process: ${PEACE_PROCESS}`));
  });

  it('a digest groups its briefings by storyline, each entry naming its storyline and, for a phase, its agreement', async () => {
    const md = await cli(['digest', '--since', '3650d']);
    const heads = [...md.matchAll(/^### Storyline: (.+)$/gm)].map((m) => m[1]!);
    expect(new Set(heads).size).toBe(heads.length);
    for (const block of md.split(/^### Storyline: /m).slice(1)) expect(mixes(block), block.slice(0, 300)).toBe(false);
    const metas = md.match(/^_.* outlets?.*_$/gm) ?? [];
    expect(metas.length).toBeGreaterThan(5);
    for (const meta of metas) {
      expect(meta).toMatch(/storyline: /);
      if (/phase: /.test(meta)) expect(meta).toMatch(/process: /);
    }
    // The January 2025 truce and the October 2025 plan are told apart.
    expect(md).toMatch(/## Negotiators Return to Cairo[^\n]*\n_[^\n]*process: Gaza ceasefire of January 19 · phase: Phase two/);
    expect(md).toMatch(/## Senior Hamas Team Lands in Cairo[^\n]*\n_[^\n]*process: Gaza ceasefire of October 2025 · phase: Phase two/);
    // The signing story is about phase one, agreed; the January story about phase two, on hold.
    expect(md).toMatch(new RegExp(`## Karsovia and Belmar sign first phase[^\\n]*\\n_[^\\n]*process: ${PEACE_PROCESS} · phase: Phase one \\(agreed\\)_`));
    expect(md).toMatch(/## Karsovia-Belmar talks on second phase put on hold\n_[^\n]*phase: Phase two \(stalled\)_/);
  });
});
