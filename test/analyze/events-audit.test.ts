// Timeline dating audited on sentences of the project's own writing: a date without a year in a
// January article about the December before, "last month", a year-end article's "next March",
// and weekdays, each with its year right.
import { describe, expect, it } from 'vitest';
import { extractEvents } from '../../src/analyze/events.js';
import { shownSentence } from '../../src/brief/clean.js';

const at = (text: string, iso: string) => extractEvents(text, new Date(iso)).map((e) => [e.date, e.precision, e.dateText]);

describe('dates read against the article date, year included', () => {
  it('"on Dec. 28" and "last month" in a January article are the December before', () => {
    const text = 'On Dec. 28, negotiators exchanged lists of missing soldiers. Last month the two sides met three times in Lunden.';
    expect(at(text, '2026-01-08T12:00:00Z')).toEqual([
      ['2025-12-28', 'day', 'Dec. 28'],
      ['2025-12-01', 'month', 'Last month'],
    ]);
  });

  it('"next March" in a December article is March of the next year, a month, not a day', () => {
    const [e] = extractEvents("The accord's first phase is due to expire next March.", new Date('2025-12-30T12:00:00Z'));
    expect(e).toMatchObject({ date: '2026-03-01', precision: 'month' });
  });

  it('a month without a year in a year-end article looking ahead is next year', () => {
    const [e] = extractEvents('The second phase is expected to start in February.', new Date('2025-12-30T12:00:00Z'));
    expect(e?.date.slice(0, 7)).toBe('2026-02');
  });

  it('weekdays: past ones back, across a year end', () => {
    // January 2, 2026 is a Friday: "on Monday" is December 29, 2025.
    expect(at('The last detainees crossed the bridge on Monday.', '2026-01-02T12:00:00Z')).toEqual([['2025-12-29', 'day', 'on Monday']]);
    // November 12, 2025 is a Wednesday.
    expect(at('The envoy said the signing on Monday had cleared the last hurdle.', '2025-11-12T12:00:00Z')).toEqual([['2025-11-10', 'day', 'on Monday']]);
    expect(at('Phase two remains on hold, the envoy said on Tuesday.', '2026-01-08T12:00:00Z')).toEqual([['2026-01-06', 'day', 'on Tuesday']]);
  });

  it('a day written without a year takes the year of a full date of the same day in the text', () => {
    const text = 'The accord was signed on November 12, 2025. Since November 12, some 300 detainees have been freed.';
    expect(extractEvents(text, new Date('2026-01-08T12:00:00Z')).map((e) => e.date)).toEqual(['2025-11-12', '2025-11-12']);
  });
});

describe('timeline entries read as sentences', () => {
  it('an opening connective is dropped ("Yet the ferry talks..." -> "The ferry talks...")', () => {
    const [e] = extractEvents('Yet the ferry talks between the two ports resumed on June 6, 2026 in Lunden.', new Date('2026-06-07T12:00:00Z'));
    expect(e!.text).toBe('The ferry talks between the two ports resumed on June 6, 2026 in Lunden.');
    expect(shownSentence('But progress on the second phase of the ferry deal remains stalled.')).toBe('Progress on the second phase of the ferry deal remains stalled.');
  });
});
