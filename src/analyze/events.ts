// Dated events: the sentences (or a trimmed clause of them) that carry a date the reader can pin
// down, either written in full ("October 7, 2023") or resolvable against the article's date
// ("on Wednesday", "last month", "June 5").
//
// Choice for dates that need the article's date (no year, or relative) when the article has no
// date: the event is dropped, never guessed. A date without a year takes the year of a full date
// with the same month and day elsewhere in the text ("October 7, 2023" ... "since October 7"),
// else the year that puts it nearest the article's date.
//
// Date parsing goes through src/ingest/dates.ts (chrono-node), but only for sentences that hold a
// cheap date cue, so an article costs a fraction of a millisecond.
import { findDatedMentions } from '../ingest/dates.js';
import { sentenceSpans } from './actors.js';
import { dropConnective, stripSentenceJunk } from '../brief/clean.js';

export type DatePrecision = 'day' | 'month' | 'year';

export interface DatedEvent {
  /** YYYY-MM-DD (the first day of the month or year for coarser precisions). */
  date: string;
  precision: DatePrecision;
  /** The sentence, or the clause around the date when the sentence is long or holds other dates. */
  text: string;
  sentenceIndex: number;
  /** The date as written ("on Wednesday", "October 2025"). */
  dateText: string;
}

export interface SentenceDate {
  /** Offset of the expression in the sentence. */
  index: number;
  text: string;
  /** YYYY-MM-DD; undefined when it cannot be resolved (no year and no article date). */
  date?: string;
  precision: DatePrecision;
  /** Used as a noun ("the failures of October 7", "since 1978") rather than as the time of the verb. */
  nominal: boolean;
}

const MAX_EVENT_WORDS = 35;
const DAY_MS = 86_400_000;

const MONTH_CUE =
  /\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+\d|\b(?:January|February|March|April|June|July|August|September|October|November|December)\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/;
const OTHER_CUE =
  /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:today|yesterday|tomorrow|tonight|last\s+(?:month|year)|this\s+(?:month|year))\b|\b\d{4}-\d{2}-\d{2}\b/i;
// "in 1978", "since late 2025", "by the end of 2024": a year, with an optional part-of-year word.
const BARE_YEAR_RE = /\b(in|since|during|until|by|from)\s+(?:(?:early|late|mid-?|the (?:end|start|beginning|middle) of)\s*)?((?:1[89]|20)\d{2})\b(?!\s*[-–,/]?\s*\d)/gi;
const BARE_YEAR_CUE = /\b(?:in|since|during|until|by|from)\s+(?:(?:early|late|mid-?|the (?:end|start|beginning|middle) of)\s*)?(?:1[89]|20)\d{2}\b/i;
const WEEKDAY_ONLY_RE = /^(?:on\s+|last\s+|this\s+|next\s+|coming\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+(?:morning|afternoon|evening|night))?$/i;
const FUTURE_CUE_RE =
  /\b(?:will|shall|is set to|are set to|set to|is due to|are due to|due to|is expected to|are expected to|expected to|scheduled to|is to|are to|plans? to|going to|is slated to)\b/i;
/** A past tense before a date: "was signed in", "took effect on", "expired in", "had begun". */
const PAST_CUE_RE = /\b(?:was|were|had|did|took|began|ended|signed|agreed|expired|collapsed|broke|came|held|won|lost|died|killed|announced|reached|started|struck|approved|launched|passed|ruled|met|arrived|left|returned|released|fell|rose)\b[^.;]*$/i;
const VAGUE_RE = /^(?:now|currently|recently|soon|later|earlier|the\s+coming\s+days?|coming\s+days?|these\s+days)$|\bweeks?\b|\bhours?\b|\bminutes?\b/i;
const MONTH_WORD_RE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b|\b(?:last|this|next)\s+month\b/i;
const HAS_YEAR_RE = /\b(?:1[89]|20)\d{2}\b|\b(?:last|this|next)\s+year\b/i;

type Mention = ReturnType<typeof findDatedMentions>[number];
const parseCache = new Map<string, Mention[]>();

/** findDatedMentions, remembered: phases and events parse the same sentences of an article. */
function parsedMentions(sentence: string, articleDate?: Date): Mention[] {
  const key = `${articleDate ? articleDate.getTime() : '-'}\u0000${sentence}`;
  let found = parseCache.get(key);
  if (!found) {
    try {
      found = findDatedMentions(sentence, articleDate);
    } catch {
      found = [];
    }
    if (parseCache.size >= 1000) parseCache.clear();
    parseCache.set(key, found);
  }
  return found;
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Whether a sentence is worth handing to the date parser at all. */
export function hasDateCue(sentence: string): boolean {
  return MONTH_CUE.test(sentence) || OTHER_CUE.test(sentence) || BARE_YEAR_CUE.test(sentence);
}

function precisionOf(text: string): DatePrecision | undefined {
  if (/^(?:today|yesterday|tomorrow|tonight)$/i.test(text.trim())) return 'day';
  if (/\b\d{4}-\d{2}-\d{2}\b/.test(text)) return 'day';
  if (WEEKDAY_ONLY_RE.test(text.trim()) || /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/i.test(text)) return 'day';
  const withoutYear = text.replace(/\b(?:1[89]|20)\d{2}\b/g, '');
  if (MONTH_WORD_RE.test(text) && /\b\d{1,2}(?:st|nd|rd|th)?\b/.test(withoutYear)) return 'day';
  if (MONTH_WORD_RE.test(text)) return 'month';
  if (HAS_YEAR_RE.test(text)) return 'year';
  if (/\b(?:today|yesterday|tomorrow|tonight)\b/i.test(text)) return 'day';
  return undefined;
}

function truncate(date: Date, precision: DatePrecision): string {
  const s = iso(date);
  return precision === 'day' ? s : precision === 'month' ? `${s.slice(0, 7)}-01` : `${s.slice(0, 4)}-01-01`;
}

const RELATIVE_DATE_RE = /\b(?:today|yesterday|tomorrow|tonight|last|next|this|ago|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b/i;

/** Whether a date as written is relative ("on Wednesday", "last week"): only the article's own date places it. */
export function isRelativeDateText(text: string): boolean {
  return RELATIVE_DATE_RE.test(text);
}

/**
 * Dates in one sentence, resolved against the article's date. `knownYears` maps "MM-DD" to a year
 * seen with that month and day elsewhere in the text.
 */
export function datesInSentence(sentence: string, articleDate?: Date, knownYears?: Map<string, number>): SentenceDate[] {
  if (!sentence || !hasDateCue(sentence)) return [];
  const out: SentenceDate[] = [];
  for (const m of parsedMentions(sentence, articleDate)) {
    const text = m.text.trim();
    if (VAGUE_RE.test(text)) continue;
    const precision = precisionOf(text);
    if (!precision) continue;
    // A bare month name ("March on", "May we") is a date only after a time preposition.
    if (precision === 'month' && !HAS_YEAR_RE.test(text) && !/month/i.test(text)) {
      const lead = `${sentence.slice(Math.max(0, m.index - 12), m.index)}${text}`;
      if (!/\b(?:in|since|by|until|from|during|early|late|mid-?|of|last|next|this)\s+\S+$/i.test(lead)) continue;
    }
    let date = m.date;
    const hasYear = HAS_YEAR_RE.test(text);
    const weekdayOnly = WEEKDAY_ONLY_RE.test(text);
    let yearKnown = false;
    if (date && !hasYear && precision === 'day' && !weekdayOnly && knownYears) {
      const md = iso(date).slice(5);
      const y = knownYears.get(md);
      if (y !== undefined) {
        date = new Date(Date.UTC(y, date.getUTCMonth(), date.getUTCDate()));
        yearKnown = true;
      }
    }
    // A month (and day) without a year takes its year from the tense: what will happen is on or
    // after the article's date ("elections will be held in November"), what happened is on or
    // before it ("the deal was signed in March"); with neither, the nearest such date (chrono's).
    if (date && !hasYear && !yearKnown && !weekdayOnly && articleDate && (precision === 'day' || precision === 'month')) {
      const clause = sentence.slice(Math.max(0, m.index - 80), m.index);
      const ref = Date.UTC(articleDate.getUTCFullYear(), articleDate.getUTCMonth(), precision === 'day' ? articleDate.getUTCDate() : 1);
      const at = (y: number): Date => new Date(Date.UTC(y, date!.getUTCMonth(), precision === 'day' ? date!.getUTCDate() : 1));
      const y0 = articleDate.getUTCFullYear();
      if (FUTURE_CUE_RE.test(clause) || /\b(?:next|upcoming|coming)\s+$/i.test(clause)) date = at(at(y0).getTime() >= ref ? y0 : y0 + 1);
      else if (PAST_CUE_RE.test(clause)) date = at(at(y0).getTime() <= ref ? y0 : y0 - 1);
    }
    // A bare weekday after a future verb ("is set to expire on Saturday") looks forward.
    if (date && weekdayOnly && articleDate && !/\b(?:last|next|this|coming)\b/i.test(text)) {
      const ref = Date.UTC(articleDate.getUTCFullYear(), articleDate.getUTCMonth(), articleDate.getUTCDate());
      const clauseBefore = sentence.slice(Math.max(0, m.index - 60), m.index);
      if (FUTURE_CUE_RE.test(clauseBefore)) {
        while (date.getTime() < ref) date = new Date(date.getTime() + 7 * DAY_MS);
      }
    }
    const before = sentence.slice(Math.max(0, m.index - 12), m.index);
    const after = sentence.slice(m.index + m.text.length, m.index + m.text.length + 12);
    const nominal =
      /\b(?:of|since|after|before|until|the|from)\s+$/i.test(before) || /^,?\s*(?:\d{4}\s+)?(?:attacks?|attack|war|massacre|deadline|agreement|deal|plan|ceasefire|truce)\b/i.test(after);
    out.push({ index: m.index, text, date: date ? truncate(date, precision) : undefined, precision, nominal });
  }
  // Bare years: "detained in 1978". chrono leaves them alone.
  BARE_YEAR_RE.lastIndex = 0;
  let y: RegExpExecArray | null;
  while ((y = BARE_YEAR_RE.exec(sentence))) {
    const at = y.index + y[1]!.length + 1;
    if (out.some((d) => at >= d.index && at < d.index + d.text.length + 6)) continue;
    out.push({ index: y.index, text: y[0], date: `${y[2]}-01-01`, precision: 'year', nominal: /^since$/i.test(y[1]!) });
  }
  out.sort((a, b) => a.index - b.index);
  return out;
}

/** Clause around a position, at most MAX_EVENT_WORDS words. */
function clauseAround(sentence: string, at: number, length: number): string {
  const bounds: number[] = [0];
  const re = /[;:—–]\s+|,\s+(?=(?:and|but|while|which|who|as|after|before|when|although|though|with|comes|coming)\b)|\s+(?=(?:and|but|while|whereas)\s)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sentence))) bounds.push(m.index + m[0].length);
  bounds.push(sentence.length);
  let i = 0;
  while (i + 1 < bounds.length - 1 && bounds[i + 1]! <= at) i++;
  let from = bounds[i]!;
  let to = bounds[i + 1]!;
  if (to < at + length) to = Math.min(sentence.length, at + length);
  const count = (s: string) => (s.match(/\S+/g) ?? []).length;
  // Too short to read on its own: take the neighbouring clause.
  if (count(sentence.slice(from, to)) < 6) {
    if (i > 0) from = bounds[i - 1]!;
    else if (i + 2 < bounds.length) to = bounds[i + 2]!;
  }
  let clause = sentence.slice(from, to).trim().replace(/^(?:and|but|while|whereas)\s+/i, '').replace(/[,;:—–\s]+$/, '');
  const ws = clause.split(/\s+/);
  if (ws.length > MAX_EVENT_WORDS) {
    const local = sentence.slice(from, at).split(/\s+/).length - 1;
    const start = local < MAX_EVENT_WORDS - 8 ? 0 : Math.max(0, Math.min(local - 12, ws.length - MAX_EVENT_WORDS));
    clause = ws.slice(start, start + MAX_EVENT_WORDS).join(' ');
  }
  return clause;
}

/** Year of every full "Month D, YYYY" date in the text, keyed "MM-DD". */
function fullDateYears(sentences: string[], articleDate?: Date): Map<string, number> {
  const years = new Map<string, number>();
  for (const s of sentences) {
    if (!HAS_YEAR_RE.test(s) || !hasDateCue(s)) continue;
    for (const m of parsedMentions(s, articleDate)) {
      if (!m.date || !/\b(?:1[89]|20)\d{2}\b/.test(m.text) || precisionOf(m.text) !== 'day') continue;
      const md = iso(m.date).slice(5);
      if (!years.has(md)) years.set(md, m.date.getUTCFullYear());
    }
  }
  return years;
}

/**
 * Dated events of an article, in text order. A sentence with one date gives one event (the whole
 * sentence, trimmed to a clause when longer than 35 words); a sentence with several gives one per
 * distinct date, each with its own clause. Dates used as nouns ("the failures of October 7") are
 * dropped when the sentence has another date.
 */
/** A dash or an agency tag early in a sentence: only then can it open with a dateline (a cheap test first). */
const DATELINE_HINT = /^[^.!?]{0,90}?(?:\s(?:--|-|—|–|_)\s|\)\s*(?:--|-|—|–|_|:))/;

export function extractEvents(text: string, articleDate?: Date): DatedEvent[] {
  if (!text) return [];
  // A wire dateline ("BRUSSELS, March 12, 2026 - ") is not an event: stripped, the sentence keeps
  // its own time ("on Thursday"), read against the article's date.
  const sentences = sentenceSpans(text).map((s) => (DATELINE_HINT.test(s.text) ? stripSentenceJunk(s.text) : s.text));
  const years = fullDateYears(sentences, articleDate);
  const out: DatedEvent[] = [];
  sentences.forEach((sentence, sentenceIndex) => {
    const all = datesInSentence(sentence, articleDate, years);
    const found = all.filter((d) => d.date);
    if (!found.length) return;
    const adverbial = found.filter((d) => !d.nominal);
    // The event's own time ("on June 6") cannot be placed, and what is left only dates a state
    // ("struggled to hold since late 2025"): that is not when this happened.
    if (!adverbial.length && all.some((d) => !d.nominal && !d.date)) return;
    const use = adverbial.length ? adverbial : found;
    const distinct = new Map<string, SentenceDate>();
    for (const d of use) if (!distinct.has(d.date!)) distinct.set(d.date!, d);
    const many = distinct.size > 1;
    const short = (sentence.match(/\S+/g) ?? []).length <= MAX_EVENT_WORDS;
    const texts = new Set<string>();
    for (const d of distinct.values()) {
      const eventText = dropConnective(!many && short ? sentence.trim() : clauseAround(sentence, d.index, d.text.length));
      // Two dates in one clause: the first (the time of the main verb) stands for it.
      if (texts.has(eventText)) continue;
      texts.add(eventText);
      out.push({
        date: d.date!,
        precision: d.precision,
        text: eventText,
        sentenceIndex,
        dateText: d.text,
      });
    }
  });
  return out;
}
