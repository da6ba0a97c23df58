import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzePhases, nearestProcess, phaseName, phaseOrdinal, type PhaseMention } from '../../src/analyze/phases.js';

const fixture = (n: string) => readFileSync(new URL(`../fixtures/gaza/${n}.txt`, import.meta.url), 'utf8');
const componentsOf = (ms: PhaseMention[], ordinal: number) => new Set(ms.filter((m) => m.ordinal === ordinal).flatMap((m) => m.components));

describe('phase two of the October 2025 plan', () => {
  it('names its contents on the opinion piece and reports it stalled', () => {
    const { mentions } = analyzePhases(fixture('004'));
    const two = componentsOf(mentions, 2);
    for (const c of ['international stabilisation force', 'disarmament', 'technocratic governance', 'reconstruction', 'withdrawal']) {
      expect(two.has(c), c).toBe(true);
    }
    const stalled = mentions.find((m) => m.ordinal === 2 && m.status?.value === 'stalled' && m.sentenceIndex > 0);
    expect(stalled?.text).toBe('Even so, the second phase of the ceasefire has stalled.');
    expect(mentions.find((m) => m.ordinal === 1)?.status?.value).toBe('completed');
  });

  it('does not read reconstruction into strikes on infrastructure or the recovery of bodies', () => {
    const text = 'Phase two of the ceasefire has stalled. Israel cites it to justify strikes on faction leaders and infrastructure. The recovery of the last bodies continues.';
    expect(componentsOf(analyzePhases(text).mentions, 2).has('reconstruction')).toBe(false);
    expect(componentsOf(analyzePhases('Phase two of the ceasefire covers rebuilding homes and schools.').mentions, 2).has('reconstruction')).toBe(true);
  });

  it('names force, disarmament, governing body and further withdrawal in the Witkoff report', () => {
    const { mentions } = analyzePhases(fixture('003'));
    const two = componentsOf(mentions, 2);
    for (const c of ['international stabilisation force', 'disarmament', 'technocratic governance', 'withdrawal']) expect(two.has(c), c).toBe(true);
    expect(mentions[1]).toMatchObject({ name: 'Phase two', status: { value: 'under negotiation' } });
  });

  it('keeps disarmament as the sticking point tied to phase one being honoured', () => {
    const { mentions, stickingPoints } = analyzePhases(fixture('000'));
    expect(stickingPoints[0]).toMatchObject({ text: 'Disarmament is the main sticking point.', topics: ['disarmament'] });
    const one = mentions.find((m) => m.stickingPoint);
    expect(one?.ordinal).toBe(1);
    expect(one?.stickingPoint).toMatch(/^Hamas says it will not discuss its arsenal/);
    const obstacles = analyzePhases(fixture('004')).stickingPoints.find((s) => s.text.startsWith('Washington insists'));
    expect(obstacles?.topics).toEqual(
      expect.arrayContaining(['composition of the stabilisation force', 'humanitarian aid access', 'disarmament']),
    );
  });
});

describe('which agreement a phase belongs to', () => {
  it('anchors the Cairo talks of June 2026 to the ceasefire of October 2025', () => {
    const p = analyzePhases(fixture('000'), new Date('2026-06-06T12:00:00Z')).process;
    expect(p).toMatchObject({ label: 'ceasefire of October 2025', anchorDate: '2025-10' });
    expect(p?.text).toMatch(/agreed in October 2025/);
  });

  it('anchors the February 2025 talks to the truce that took effect on January 19, 2025', () => {
    const r = analyzePhases(fixture('002'), new Date('2025-02-28T12:00:00Z'));
    expect(r.process).toMatchObject({ label: 'ceasefire of January 2025', anchorDate: '2025-01-19' });
    // "set to expire on Saturday": still in force, ending soon; not expired.
    expect(r.mentions.find((m) => m.ordinal === 1)?.status?.value).toBe('expiring');
    // Without the article's date the year is unknown: the label says so, no anchor date is guessed.
    expect(analyzePhases(fixture('002')).process).toMatchObject({ label: 'ceasefire of January 19' });
    expect(analyzePhases(fixture('002')).process?.anchorDate).toBeUndefined();
  });

  it('dates a process from "the agreement since October 2025" and prefers it to "in late 2025"', () => {
    const text = [
      'The talks focus on moving from phase one to phase two of the ceasefire agreement established in late 2025.',
      'Mediators in Cairo want the second phase to start soon.',
      'Despite a formal agreement since October 2025, strikes continue across the territory.',
    ].join(' ');
    const p = analyzePhases(text, new Date('2026-06-06T00:00:00Z'));
    expect(p.process).toMatchObject({ anchorDate: '2025-10', label: 'agreement of October 2025' });
    const yearOnly = analyzePhases('Phase two of the truce established in late 2024 has stalled over the prisoner lists.', new Date('2025-03-01T00:00:00Z'));
    expect(yearOnly.process).toMatchObject({ anchorDate: '2024', label: 'truce of 2024' });
  });

  it('places an article that does not date its process under the latest earlier anchor', () => {
    expect(analyzePhases(fixture('001')).process).toBeUndefined();
    const anchors = [
      { label: 'ceasefire of January 2025', anchorDate: '2025-01-19' },
      { label: 'ceasefire of October 2025', anchorDate: '2025-10' },
    ];
    expect(nearestProcess(new Date('2026-06-06T00:00:00Z'), anchors)?.label).toBe('ceasefire of October 2025');
    expect(nearestProcess(new Date('2025-02-28T00:00:00Z'), anchors)?.label).toBe('ceasefire of January 2025');
    expect(nearestProcess(new Date('2024-01-01T00:00:00Z'), anchors)).toBeUndefined();
    expect(nearestProcess(undefined, anchors)).toBeUndefined();
  });
});

describe('phase names', () => {
  it('normalises the ways news names a phase', () => {
    const text =
      'Phase 1 began in January. The initial phase brought hostage releases. The first phase was completed in March. ' +
      'Talks on the next phase stalled. Phase II would bring reconstruction. Stage three is far off.';
    const ms = analyzePhases(text).mentions;
    expect(ms.map((m) => m.ordinal)).toEqual([1, 1, 1, 2, 2, 3]);
    expect(ms.map((m) => m.name)).toEqual(['Phase one', 'Phase one', 'Phase one', 'Phase two', 'Phase two', 'Phase three']);
    expect(ms[2]?.status?.value).toBe('completed');
    expect(ms[3]?.status?.value).toBe('stalled');
    expect(ms[4]?.components).toEqual(['reconstruction']);
  });

  it('maps user input to an ordinal and back', () => {
    expect(phaseOrdinal('Phase Two')).toBe(2);
    expect(phaseOrdinal('phase 2')).toBe(2);
    expect(phaseOrdinal('second phase')).toBe(2);
    expect(phaseOrdinal('two')).toBe(2);
    expect(phaseOrdinal('the initial phase')).toBe(1);
    expect(phaseOrdinal('')).toBeUndefined();
    expect(phaseOrdinal('((phase[')).toBeUndefined();
    expect(phaseOrdinal('phase '.repeat(10_000) + 'two')).toBeUndefined();
    expect(phaseName(3)).toBe('Phase three');
  });

  it('gives an empty analysis for text without phases', () => {
    expect(analyzePhases('')).toEqual({ mentions: [], stickingPoints: [] });
    expect(analyzePhases('The weather was fine in Cairo on Monday.').mentions).toEqual([]);
  });
});

describe('a phase holds only what is said of it', () => {
  it('"set to expire" is expiring, not expired; a neighbouring phase keeps its own content', () => {
    const text = [
      'Talks on the trade pact resumed in Geneva on Monday.',
      '',
      'The first phase, which cut tariffs on steel, is set to expire at the end of the month. Phase one also included an exchange of prisoners between the two sides. Phase two would cover the withdrawal of troops from the border and a reconstruction fund for the region.',
      '',
      'The first phase expired on Friday after talks broke down, officials said.',
    ].join('\n');
    const r = analyzePhases(text, new Date('2026-05-04T12:00:00Z'));
    const statuses = r.mentions.filter((m) => m.ordinal === 1).map((m) => m.status?.value);
    expect(statuses[0]).toBe('expiring');
    expect(statuses).toContain('expired');
    const two = r.mentions.filter((m) => m.ordinal === 2).flatMap((m) => m.components);
    expect(two).not.toContain('hostage and prisoner exchange');
    expect(two).toContain('withdrawal');
  });
});
