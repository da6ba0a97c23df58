// Digest times in IANA zones, DST days included.
import { describe, expect, it } from 'vitest';
import { digestDue, localDate, nextDigestAt, zonedInstant } from '../../src/domain/schedule.js';

describe('digest schedule', () => {
  it('reads a local date in its zone', () => {
    expect(localDate(new Date('2026-03-08T03:30:00Z'), 'America/New_York')).toBe('2026-03-07');
    expect(localDate(new Date('2026-03-08T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-03-09');
    expect(localDate(new Date('2026-03-08T23:30:00Z'), 'UTC')).toBe('2026-03-08');
  });

  it('places HH:MM in standard and summer time', () => {
    expect(zonedInstant('2026-01-15', '08:00', 'Europe/Berlin').toISOString()).toBe('2026-01-15T07:00:00.000Z');
    expect(zonedInstant('2026-07-15', '08:00', 'Europe/Berlin').toISOString()).toBe('2026-07-15T06:00:00.000Z');
    expect(zonedInstant('2026-07-15', '08:00', 'Asia/Kolkata').toISOString()).toBe('2026-07-15T02:30:00.000Z');
    expect(zonedInstant('2026-07-15', '23:59', 'UTC').toISOString()).toBe('2026-07-15T23:59:00.000Z');
  });

  it('on DST change days: the morning after the change, a skipped hour, a repeated hour', () => {
    // New York springs forward on 2026-03-08 at 02:00 (EST -5 -> EDT -4).
    expect(zonedInstant('2026-03-07', '08:00', 'America/New_York').toISOString()).toBe('2026-03-07T13:00:00.000Z');
    expect(zonedInstant('2026-03-08', '08:00', 'America/New_York').toISOString()).toBe('2026-03-08T12:00:00.000Z');
    expect(zonedInstant('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
    // Berlin goes back on 2026-10-25 at 03:00 (CEST +2 -> CET +1): 02:30 happens twice, the first counts.
    expect(zonedInstant('2026-10-25', '02:30', 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedInstant('2026-10-25', '08:00', 'Europe/Berlin').toISOString()).toBe('2026-10-25T07:00:00.000Z');
  });

  it('is due from the local time on, for the local date', () => {
    expect(digestDue(new Date('2026-03-08T11:59:00Z'), '08:00', 'America/New_York')).toBeUndefined();
    expect(digestDue(new Date('2026-03-08T12:00:00Z'), '08:00', 'America/New_York')).toEqual({ date: '2026-03-08', dueAt: new Date('2026-03-08T12:00:00Z') });
    // Late in the local evening it is still that date's digest (a process down all day).
    expect(digestDue(new Date('2026-03-09T03:00:00Z'), '08:00', 'America/New_York')?.date).toBe('2026-03-08');
  });

  it('gives the next due time across a DST change', () => {
    expect(nextDigestAt(new Date('2026-03-07T14:00:00Z'), '08:00', 'America/New_York').toISOString()).toBe('2026-03-08T12:00:00.000Z');
    expect(nextDigestAt(new Date('2026-03-07T12:00:00Z'), '08:00', 'America/New_York').toISOString()).toBe('2026-03-07T13:00:00.000Z');
  });
});
