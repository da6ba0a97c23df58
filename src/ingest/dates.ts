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

// Signals that a date is the article's own date rather than an event it mentions.
const LINE_START_PLACE = /^\s*([\p{Lu}][\p{L}.' -]{1,40},\s*)?$/u;
const LABEL_BEFORE = /\b(published|updated|posted|dated?|issued|last modified)\b[^.\n]{0,20}$|\btoday,?\s*$/iu;
const DATELINE_AFTER = /^\s*(\(\s*[\p{L} .&-]{2,30}\)|\s*[-–—:]|\s*\d{1,2}:\d{2}|\s*\d{4}\b|,\s*\d{4}\b|\s*\||\s*$)/u;

/**
 * Finds the article's own date in its first paragraphs: a dateline ("Cairo, June 6 (Reuters) -"),
 * "Published 12 March 2025", "today, June 6, 2026". Only dates with a day and month count;
 * a missing year comes from the reference (default: now).
 */
export function findPublishedDate(text: string, opts: { reference?: Date } = {}): Date | undefined {
  const reference = opts.reference ?? new Date();
  const head = text.split(/\n\s*\n/).slice(0, 3).join('\n\n').slice(0, 800);
  const candidates = parse(head, reference).filter((r) => r.start.isCertain('day') && r.start.isCertain('month'));
  let fallback: Date | undefined;
  for (const r of candidates) {
    const lineBefore = head.slice(head.lastIndexOf('\n', r.index - 1) + 1, r.index);
    const after = head.slice(r.index + r.text.length, r.index + r.text.length + 40);
    // Only written-out dates count: "now", "today", "yesterday" say nothing about the article's date.
    if (!/\d/.test(r.text)) continue;
    const date = r.start.date();
    if (LINE_START_PLACE.test(lineBefore) || LABEL_BEFORE.test(lineBefore.slice(-60)) || DATELINE_AFTER.test(after)) return date;
    // Otherwise a full date near the top, not in the future, is a reasonable guess.
    if (!fallback && r.start.isCertain('year') && r.index < 300 && date.getTime() <= reference.getTime() + DAY_MS) {
      fallback = date;
    }
  }
  return fallback;
}
