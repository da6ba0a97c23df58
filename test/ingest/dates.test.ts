import { describe, expect, it } from 'vitest';
import { findDatedMentions, findPublishedDate, resolveDate, usablePublishedAt } from '../../src/ingest/dates.js';

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

describe("findPublishedDate takes only the article's own date", () => {
  const december = new Date('2026-12-01T09:00:00Z');

  it('a dateline without a year is the latest such day not after the reference', () => {
    expect(day(findPublishedDate('LISBON, March 9 (Wire) - The port reopened after the storm.', { reference: december }))).toBe('2026-03-09');
    expect(day(findPublishedDate('OSLO, December 20 - Ferries resumed their winter timetable.', { reference: december }))).toBe('2025-12-20');
    // One day of grace for time zones ahead of UTC (ingest then clamps it to the ingest time).
    expect(day(findPublishedDate('Auckland, June 5 - Rain closed the harbour bridge.', { reference: thursday }))).toBe('2026-06-05');
  });

  it('never takes a date from the narrative, with or without a dash, colon, bracket or bar after it', () => {
    const narrative = [
      'The new exhibition of Baltic amber opens on February 14 - a week later than planned - at the city museum.',
      'Curators said the loan was signed on March 2: the pieces arrive by truck.',
      'The catalogue lists the gala on April 18 (tickets sold out) and a talk on May 3 | free entry.',
    ].join('\n\n');
    expect(findPublishedDate(narrative, { reference: december })).toBeUndefined();
  });

  it('ignores an update note inside the text and an event date deep in the body', () => {
    const text = [
      'Runners gathered at dawn for the coastal marathon.',
      'Organisers said the course would follow the cliff path.',
      'Water stations were set every five kilometres.',
      'Medics stood by at the finish.',
      'Several runners needed help in the heat.',
      '[Update at 4:10 p.m. PDT April 22: the race was shortened because of the heat.]',
      'The winner crossed the line on Sunday, August 16, in just over two hours.',
    ].join('\n\n');
    expect(findPublishedDate(text, { reference: december })).toBeUndefined();
  });

  it('a weekday that contradicts the date makes it unusable', () => {
    // 19 June 2026 is a Friday.
    expect(findPublishedDate('MADRID, Tuesday, June 19 - The city council voted on the budget.', { reference: december })).toBeUndefined();
    expect(day(findPublishedDate('MADRID, Friday, June 19 - The city council voted on the budget.', { reference: december }))).toBe('2026-06-19');
  });

  it('reads Published / Updated / Posted lines near the top, also after a byline', () => {
    expect(day(findPublishedDate('By Ana Ruiz\nUpdated 6:40 p.m. GMT, 14 November 2026\nThe council met late.', { reference: december }))).toBe('2026-11-14');
    expect(day(findPublishedDate('By Ana Ruiz | Posted Nov 3, 2026\n\nThe council met late.', { reference: december }))).toBe('2026-11-03');
  });

  it('below the first three lines takes only a label line or a dateline after a byline (lines no date could come from are not parsed)', () => {
    const top = 'Tide tables were printed.\nHarbour crews met.\n';
    expect(day(findPublishedDate(`${top}Boats stayed in.\nPublished 12 March 2026\nThe storm passed.`, { reference: december }))).toBe('2026-03-12');
    expect(day(findPublishedDate(`${top}By Ana Ruiz\nROME, May 4 - The storm passed.`, { reference: december }))).toBe('2026-05-04');
    expect(findPublishedDate(`${top}Boats stayed in.\nROME, May 4 - The storm passed.`, { reference: december })).toBeUndefined();
    expect(day(findPublishedDate('Tide tables were printed.\nROME, May 4 - The storm passed.', { reference: december }))).toBe('2026-05-04');
  });

  it('keeps the opening line\'s "today, <date with year>"', () => {
    expect(day(findPublishedDate('Delegates arrived in Geneva today, October 8, 2026, for the climate talks.', { reference: december }))).toBe('2026-10-08');
    const afterHeading = 'CLIMATE TALKS: Delegates Gather In Geneva\n\nDelegates at the lakeside venue.\n\nAmid protests, the talks opened. Delegates arrived in Geneva today, October 8, 2026, for the climate talks.';
    expect(day(findPublishedDate(afterHeading, { reference: december }))).toBe('2026-10-08');
  });
});

describe('usablePublishedAt', () => {
  const ingest = new Date('2026-12-01T09:00:00Z');
  it('drops dates before 1980 and more than a day after ingest, clamps up to a day ahead, keeps the rest', () => {
    expect(usablePublishedAt('1970-01-01T00:00:00Z', ingest)).toBeUndefined();
    expect(usablePublishedAt('9999-01-01T00:00:00Z', ingest)).toBeUndefined();
    expect(usablePublishedAt('2026-12-03T09:00:00Z', ingest)).toBeUndefined();
    expect(usablePublishedAt('not a date', ingest)).toBeUndefined();
    expect(usablePublishedAt(undefined, ingest)).toBeUndefined();
    expect(usablePublishedAt('2026-12-01T20:00:00Z', ingest)).toBe('2026-12-01T09:00:00.000Z');
    expect(usablePublishedAt(new Date('2014-05-02T12:00:00Z'), ingest)).toBe('2014-05-02T12:00:00.000Z');
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
