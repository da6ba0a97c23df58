import { describe, expect, it } from 'vitest';
import { findDatedMentions, findPublishedDate, resolveDate } from '../../src/ingest/dates.js';

const day = (d: Date | undefined): string | undefined => d?.toISOString().slice(0, 10);
const thursday = new Date('2026-06-04T12:00:00Z');

describe('resolveDate', () => {
  it('"on Wednesday" in an article dated Thursday 2026-06-04 is 2026-06-03', () => {
    expect(day(resolveDate('on Wednesday', thursday))).toBe('2026-06-03');
  });

  it('bare weekdays look back, "next" looks forward', () => {
    expect(day(resolveDate('on Sunday', thursday))).toBe('2026-05-31');
    expect(day(resolveDate('Thursday', thursday))).toBe('2026-06-04');
    expect(day(resolveDate('next Sunday', thursday))).toBe('2026-06-14');
  });

  it('resolves yesterday and last week', () => {
    expect(day(resolveDate('yesterday', thursday))).toBe('2026-06-03');
    expect(day(resolveDate('last week', thursday))).toBe('2026-05-28');
    expect(resolveDate('no date here', thursday)).toBeUndefined();
  });
});

describe('findPublishedDate', () => {
  it('finds wire datelines and "Published" lines', () => {
    expect(day(findPublishedDate('Cairo, June 3 (Reuters) - Mediators said on Friday that talks would go on.', { reference: thursday }))).toBe('2026-06-03');
    expect(day(findPublishedDate('Published 12 March 2025\n\nThe council met late into the night.', { reference: thursday }))).toBe('2025-03-12');
    expect(day(findPublishedDate('The talks began today, June 6, 2026, in a hotel near the airport.', { reference: thursday }))).toBe('2026-06-06');
  });

  it('ignores text without a day and month', () => {
    expect(findPublishedDate('Officials met on Wednesday and again later.', { reference: thursday })).toBeUndefined();
    expect(findPublishedDate('Preparations are now underway and talks resume today.', { reference: thursday })).toBeUndefined();
  });
});

describe('findDatedMentions', () => {
  it('lists every date expression with its position, resolved against the reference', () => {
    const text = 'Talks resumed on Wednesday. A first round ended on May 28, 2026, and envoys return next Monday.';
    const mentions = findDatedMentions(text, thursday);
    expect(mentions.map((m) => [m.text, day(m.date)])).toEqual([
      ['on Wednesday', '2026-06-03'],
      ['May 28, 2026', '2026-05-28'],
      ['next Monday', '2026-06-08'],
    ]);
    expect(text.slice(mentions[1]!.index, mentions[1]!.index + mentions[1]!.text.length)).toBe(mentions[1]!.text);
  });

  it('leaves relative mentions unresolved without a reference', () => {
    const mentions = findDatedMentions('They met yesterday and signed on 3 June 2026.');
    expect(mentions[0]!.date).toBeUndefined();
    expect(day(mentions[1]!.date)).toBe('2026-06-03');
  });
});
