// When a channel's digest is due: its digest-time (HH:MM) on its local date, in its IANA time zone,
// DST included. Pure functions of an instant (the caller's clock), through Intl only.

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function parts(instant: number, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  let f = fmtCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    fmtCache.set(timeZone, f);
  }
  const o: Record<string, number> = {};
  for (const p of f.formatToParts(instant)) if (p.type !== 'literal') o[p.type] = Number(p.value);
  return { y: o.year!, mo: o.month!, d: o.day!, h: o.hour! % 24, mi: o.minute!, s: o.second! };
}

/** The zone's offset from UTC at an instant, in ms (Berlin in summer: +7,200,000). */
function offsetAt(instant: number, timeZone: string): number {
  const p = parts(instant, timeZone);
  const wall = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s);
  return wall - (instant - (instant % 1000));
}

/** The local date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const p = parts(instant.getTime(), timeZone);
  return `${String(p.y).padStart(4, '0')}-${String(p.mo).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

/**
 * The instant a local date and time (HH:MM) happens in a time zone. A time that happens twice (the
 * hour repeated when clocks go back) is its first occurrence; a time that never happens (the hour
 * skipped when clocks go forward) is moved forward by the gap (02:30 on a spring-forward night in
 * New York is 03:30 EDT), so a digest is late by the gap, never skipped.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const before = offsetAt(wall - 12 * 3_600_000, timeZone);
  const after = offsetAt(wall + 12 * 3_600_000, timeZone);
  const candidates = [...new Set([wall - before, wall - after])].sort((a, b) => a - b);
  for (const c of candidates) {
    const p = parts(c, timeZone);
    if (Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi) === wall) return new Date(c);
  }
  return new Date(wall - before);
}

export interface DigestDue {
  /** The local date the digest is for (part of its delivery key). */
  date: string;
  /** When it became due. */
  dueAt: Date;
}

/**
 * Today's digest of a channel, when its time has come (now at or after digest-time on the local
 * date); undefined while it is still ahead. Whether it was already posted is the ledger's answer,
 * not this one's: a process that was down past the time still finds today's digest due.
 */
export function digestDue(now: Date, digestTime: string, timeZone: string): DigestDue | undefined {
  const date = localDate(now, timeZone);
  const dueAt = zonedInstant(date, digestTime, timeZone);
  return now.getTime() >= dueAt.getTime() ? { date, dueAt } : undefined;
}

/** The next instant after `now` a digest at this local time is due (for logs and the next tick). */
export function nextDigestAt(now: Date, digestTime: string, timeZone: string): Date {
  const today = zonedInstant(localDate(now, timeZone), digestTime, timeZone);
  if (today.getTime() > now.getTime()) return today;
  // Tomorrow's local date: noon today plus a day lands on it whatever the offset.
  const noon = zonedInstant(localDate(now, timeZone), '12:00', timeZone);
  return zonedInstant(localDate(new Date(noon.getTime() + 86_400_000), timeZone), digestTime, timeZone);
}
