import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractEvents } from '../../src/analyze/events.js';

const fixture = (n: string) => readFileSync(new URL(`../fixtures/gaza/${n}.txt`, import.meta.url), 'utf8');
const THURSDAY_JUNE_4_2026 = new Date('2026-06-04T10:00:00Z');

describe('extractEvents', () => {
  it('resolves "on Wednesday" against the article date, backwards for past verbs and forwards for future ones', () => {
    const text = 'Hamas officials said on Wednesday that talks would go on. The truce is set to expire on Saturday. Israel struck Rafah on Saturday.';
    expect(extractEvents(text, THURSDAY_JUNE_4_2026).map((e) => [e.date, e.precision, e.sentenceIndex])).toEqual([
      ['2026-06-03', 'day', 0],
      ['2026-06-06', 'day', 1],
      ['2026-05-30', 'day', 2],
    ]);
  });

  it('dates the events of the February 2025 report', () => {
    const events = extractEvents(fixture('002'), new Date('2025-02-28T12:00:00Z'));
    const byDate = (d: string) => events.filter((e) => e.date === d).map((e) => e.text);
    expect(byDate('2025-03-01')).toEqual(["The new round, led by Egypt, comes as the truce's first phase is due to run out on Saturday."]);
    expect(byDate('2025-02-27')).toContain(
      'Under the truce, Hamas on Thursday returned the bodies of four Israeli hostages in exchange for the release of hundreds of Palestinian prisoners.',
    );
    expect(byDate('2025-01-19')[0]).toMatch(/^Since the ceasefire took effect on January 19/);
    expect(events.find((e) => e.dateText === 'last month')).toMatchObject({ date: '2025-01-01', precision: 'month' });
    expect(events.find((e) => e.date === '1978-01-01')?.precision).toBe('year');
    // "the failures of October 7" names the attack; it does not date the resignation.
    expect(events.filter((e) => e.sentenceIndex === 9).map((e) => e.date)).toEqual(['2025-01-01']);
  });

  it('keeps only fully written dates when the article has no date', () => {
    const events = extractEvents(fixture('002'));
    expect(events.map((e) => e.date)).toEqual(['2023-10-07', '1978-01-01']);
  });

  it('takes the year of a dateless "June 5" from the article date and trims long sentences', () => {
    const events = extractEvents(fixture('000'), new Date('2026-06-06T12:00:00Z'));
    expect(events[0]).toMatchObject({ date: '2026-06-05', precision: 'day', dateText: 'June 5' });
    expect(events.find((e) => e.dateText.includes('October 2025'))).toMatchObject({ date: '2025-10-01', precision: 'month' });
    const today = extractEvents(fixture('001'), new Date('2026-06-06T12:00:00Z'));
    expect(today[0]?.date).toBe('2026-06-06');
    expect(today[0]?.text.split(/\s+/).length).toBeLessThanOrEqual(35);
    expect(today[0]?.text).toMatch(/^A senior Hamas delegation led by Khalil al-Hayya arrived/);
    // The wire dateline is not part of the event.
    expect(today[0]?.text).not.toMatch(/CAIRO -/);
  });

  it('does not date an event by a "since" it mentions when its own day cannot be placed', () => {
    const s = 'The delegation begins talks with the mediators on June 6, on a truce that has struggled to hold since late 2025.';
    expect(extractEvents(s)).toEqual([]);
    const dated = extractEvents(s, new Date('2026-06-05T00:00:00Z'));
    expect(dated.map((e) => [e.date, e.precision])).toEqual([['2026-06-06', 'day']]);
    expect(extractEvents('The truce has struggled to hold since late 2025.')).toMatchObject([{ date: '2025-01-01', precision: 'year' }]);
  });

  it('returns nothing for undated or empty text', () => {
    expect(extractEvents(fixture('004'))).toEqual([]);
    expect(extractEvents('')).toEqual([]);
    expect(extractEvents('May we meet? March on.', THURSDAY_JUNE_4_2026)).toEqual([]);
  });
});

describe('the year of a date written without one', () => {
  it('comes from the tense: what will happen is after the article, what happened before it', () => {
    const d = new Date('2026-01-10T12:00:00Z');
    const dates = (t: string) => extractEvents(t, d).map((e) => e.date);
    expect(dates('Elections will be held in November, the commission said.')).toEqual(['2026-11-01']);
    expect(dates('The deal was signed in March and took effect in April.')).toEqual(['2025-03-01', '2025-04-01']);
    expect(dates('Talks are expected to resume on February 3 in Cairo.')).toEqual(['2026-02-03']);
    expect(dates('The ceasefire took effect on December 20 after weeks of talks.')).toEqual(['2025-12-20']);
  });
});
