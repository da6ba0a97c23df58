// Dates in article text: datelines ("Cairo, June 6 (Reuters) -") and relative days ("on Wednesday").
// News looks back: a bare weekday means the most recent such day on or before the reference date,
// unless the text says "next" / "coming". Dates are computed in UTC so results do not depend on
// the machine's time zone.
import * as chrono from 'chrono-node/en'; // English only: the full package loads every locale (ADR 011)

export interface DatedMention {
  /** Character offset of the expression in the text. */
  index: number;
  text: string;
  /** Resolved date; undefined when it is relative and no reference date was given. */
  date?: Date;
}

const DAY_MS = 86_400_000;
const FORWARD_WORDS = /\b(next|coming|upcoming|following)\b/i;
const THIS_WORD = /\bthis\b/i;

function parse(text: string, reference: Date): chrono.ParsedResult[] {
  return chrono.parse(text, { instant: reference, timezone: 0 });
}

/** Applies the news convention to one chrono result; returns its (possibly adjusted) date. */
function resolveResult(result: chrono.ParsedResult, reference: Date, context = ''): Date {
  const start = result.start;
  let date = start.date();
  const weekdayOnly = start.isCertain('weekday') && !start.isCertain('day') && !start.isCertain('month');
  const phrase = `${context} ${result.text}`;
  if (weekdayOnly && !FORWARD_WORDS.test(phrase) && !THIS_WORD.test(result.text)) {
    const refDay = Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth(), reference.getUTCDate());
    while (date.getTime() >= refDay + DAY_MS) date = new Date(date.getTime() - 7 * DAY_MS);
  }
  return date;
}

/** Resolves a date phrase ("on Wednesday", "yesterday", "last week", "June 6") against a reference date. */
export function resolveDate(phrase: string, reference: Date): Date | undefined {
  const first = parse(phrase, reference)[0];
  if (!first) return undefined;
  return resolveResult(first, reference, phrase.slice(0, first.index));
}

/** Every date expression in a text, resolved against the reference where one is given. */
export function findDatedMentions(text: string, reference?: Date): DatedMention[] {
  const ref = reference ?? new Date();
  const results = parse(text, ref);
  // Without a reference, keep only dates that do not depend on one: parse again against another
  // reference and see which dates stay put ("3 June 2026" does, "yesterday" does not).
  const probe = reference ? undefined : new Map(parse(text, new Date(Date.UTC(2001, 2, 14, 12))).map((r) => [r.index, r.start.date().getTime()]));
  return results.map((r) => {
    const mention: DatedMention = { index: r.index, text: r.text.trim() };
    const date = resolveResult(r, ref, text.slice(Math.max(0, r.index - 12), r.index));
    if (!probe || probe.get(r.index) === r.start.date().getTime()) mention.date = date;
    return mention;
  });
}

// Where an article states its own date: a dateline at the start of one of its first lines
// ("KIEV, April 7 (Reuters) -", "June 6, 2026 -"), a label line near the top ("Published 12 March
// 2025", "By Jane Doe | Updated 5:15 p.m. April 10"), or "today, June 6, 2026" in one of the first three lines.
// A date anywhere else is an event the article reports, never its publication date.
const DATELINE_LINES = 3;
const LABEL_LINES = 5;
/** Before a dateline's date: nothing, or a place in capitals or title case and a comma. */
const DATELINE_PLACE = /^\s*(\p{Lu}[\p{L}.'’ -]{1,40},\s*)?$/u;
/** After a dateline's date: a year, a time, an agency in brackets, a dash, colon, bar or full stop, or the line's end. */
const DATELINE_AFTER = /^\s*(,?\s*\d{4}\b|\d{1,2}[:.]\d{2}|\(\s*[\p{L} .&-]{2,30}\)|[-–—:|.]|$)/u;
/** A label line: an optional bracket and byline, then Published / Updated / Posted. */
const LABEL_LINE = /^[\s[(]*(by\s+[^|•·\n]{1,60}?\s*[|•·,–—-]?\s*)?(first\s+)?(published|updated|last\s+updated|last\s+modified|posted)\b/iu;
const BYLINE = /^by\s+\p{Lu}[^.!?]{0,60}$/iu;
const TODAY_BEFORE = /\btoday,?\s*$/iu;

/**
 * The calendar date chrono read, made safe: a date without a year is the latest such day not
 * after the reference (one day of grace for time zones ahead of UTC; ingest clamps it to the
 * ingest time), and a stated weekday that does not fall on the date makes it unusable.
 */
function calendarDate(r: chrono.ParsedResult, reference: Date): Date | undefined {
  const c = r.start;
  const month = c.get('month');
  const dayOfMonth = c.get('day');
  if (month === null || dayOfMonth === null) return undefined;
  const hour = c.isCertain('hour') ? (c.get('hour') ?? 12) : 12;
  const minute = c.isCertain('minute') ? (c.get('minute') ?? 0) : 0;
  const offsetMin = c.isCertain('timezoneOffset') ? (c.get('timezoneOffset') ?? 0) : 0;
  const at = (year: number): Date => new Date(Date.UTC(year, month - 1, dayOfMonth, hour, minute) - offsetMin * 60_000);
  let date: Date;
  if (c.isCertain('year')) date = at(c.get('year')!);
  else {
    date = at(reference.getUTCFullYear());
    if (date.getTime() > reference.getTime() + DAY_MS) date = at(reference.getUTCFullYear() - 1);
  }
  // 31 June and the like roll over into the next month: not a date.
  if (date.getUTCDate() !== dayOfMonth && offsetMin === 0) return undefined;
  if (c.isCertain('weekday') && c.get('weekday') !== new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), dayOfMonth)).getUTCDay()) return undefined;
  return date;
}

/**
 * The article's own date from its first lines: a dateline ("Cairo, June 6 (Reuters) -"), a
 * "Published/Updated/Posted" line (also after a byline), or "today, June 6, 2026" in one of the first
 * three lines. Only written-out dates with a day and month count; a missing year is the latest such day
 * not after the reference (default: now); a weekday that contradicts the date makes it unusable.
 * Dates in the narrative (events the article reports) are never taken.
 */
export function findPublishedDate(text: string, opts: { reference?: Date } = {}): Date | undefined {
  const reference = opts.reference ?? new Date();
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(0, LABEL_LINES);
  for (const [i, full] of lines.entries()) {
    // A date taken starts within ~80 characters (dateline, label) and is read with 40 after it;
    // only "today, June 6, 2026" may come later in the line. chrono's cost grows with the length.
    const line = full.slice(0, /\btoday\b/i.test(full.slice(120, 400)) ? 400 : 200);
    const label = LABEL_LINE.test(line);
    const afterByline = i > 0 && BYLINE.test(lines[i - 1]!);
    // chrono is the cost here (~0.06 ms a line); a line none of its results could be taken from is
    // not parsed: a date taken has a digit, and below the dateline lines only a label line counts.
    if (!/\d/.test(line) || (i >= DATELINE_LINES && !afterByline && !label)) continue;
    for (const r of parse(line, reference)) {
      if (!/\d/.test(r.text) || !r.start.isCertain('day') || !r.start.isCertain('month')) continue;
      const before = line.slice(0, r.index);
      const after = line.slice(r.index + r.text.length, r.index + r.text.length + 40);
      const dateline = (i < DATELINE_LINES || afterByline) && DATELINE_PLACE.test(before) && DATELINE_AFTER.test(after);
      // The label's own date comes within a few words of it ("Updated 5:15 p.m. PDT April 10").
      const labelled = label && r.index < 80;
      const today = i < DATELINE_LINES && TODAY_BEFORE.test(before) && r.start.isCertain('year');
      if (dateline || labelled || today) return calendarDate(r, reference);
    }
  }
  return undefined;
}

/** Earliest publication date taken as real: anything before is a parsing accident (1 January 1970). */
const EARLIEST_PUBLISHED = Date.UTC(1980, 0, 1);

/**
 * A publication date as stored: the ISO string of `date` when it is usable against the moment of
 * ingest, else undefined (the article stays undated). Dates before 1980 or more than a day after
 * ingest are dropped; up to a day ahead (a time zone ahead of UTC, a clock running fast) is
 * clamped to the ingest time. Nothing is ever dated after the moment of ingest.
 */
export function usablePublishedAt(date: string | Date | undefined, ingestTime: Date): string | undefined {
  if (date === undefined || date === '') return undefined;
  const ms = date instanceof Date ? date.getTime() : Date.parse(date);
  if (!Number.isFinite(ms) || ms < EARLIEST_PUBLISHED) return undefined;
  if (ms > ingestTime.getTime() + DAY_MS) return undefined;
  return new Date(Math.min(ms, ingestTime.getTime())).toISOString();
}
