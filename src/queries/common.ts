// Shared pieces of the query view models: numbered sources (as in a briefing), user-input checks,
// and dating a sentence by the date it names or by its article's date.
import { normaliseName } from '../analyze/actors.js';
import { datesInSentence } from '../analyze/events.js';
import { UserError } from '../domain/errors.js';
import { parseDuration, sinceIso } from '../domain/duration.js';
import type { SearchedArticle } from '../store/article-search.js';
import { articleDate } from './analysis-cache.js';

export interface QuerySource {
  n: number;
  title: string;
  outlet?: string;
  url: string;
  publishedAt?: string;
}

/** Numbers articles in the order an answer first cites them. */
export class SourceList {
  private readonly byId = new Map<number, QuerySource>();
  cite(a: SearchedArticle): number {
    let s = this.byId.get(a.id);
    if (!s) {
      s = { n: this.byId.size + 1, title: a.title, url: a.url };
      if (a.outlet) s.outlet = a.outlet;
      if (a.publishedAt) s.publishedAt = a.publishedAt;
      this.byId.set(a.id, s);
    }
    return s.n;
  }
  list(): QuerySource[] {
    return [...this.byId.values()];
  }
}

export const MAX_NAME_CHARS = 200;
const INVISIBLE_RE = /[\p{Cf}\u034F\u115F\u1160\u3164]/gu;

/**
 * A name as typed, made safe: invisible characters removed, whitespace collapsed, cut at 200
 * characters. Throws a UserError when nothing usable is left.
 */
export function cleanName(raw: unknown, what: string): string {
  if (typeof raw !== 'string') throw new UserError('bad_input', `give ${what}`);
  const name = raw.replace(INVISIBLE_RE, '').replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_CHARS).trim();
  if (!name) throw new UserError('bad_input', `give ${what} (the name was empty)`);
  if (!normaliseName(name)) throw new UserError('bad_input', `"${name.slice(0, 60)}" is not a name: use letters or digits`);
  return name;
}

/** `since` as an ISO time: an ISO date/time, or a duration before now ("30d", "24h"). */
export function sinceOption(since: string | undefined, now = new Date()): string | undefined {
  if (since === undefined || since === '') return undefined;
  const s = since.trim();
  if (parseDuration(s) !== undefined) return sinceIso(s, now);
  const d = new Date(s);
  if (/^\d{4}-\d{2}(?:-\d{2})?(?:T[\d:.]+Z?)?$/.test(s) && !Number.isNaN(d.getTime())) return d.toISOString();
  throw new UserError('bad_input', `--since takes a duration such as 30d or 24h, or a date such as 2026-06-01 (got "${s.slice(0, 40)}")`);
}

export interface SentenceDating {
  /** YYYY-MM-DD, or null when neither the sentence nor the article dates it. */
  date: string | null;
  /** The date as the sentence writes it, when it names one. */
  dateText?: string;
  /** Present when the sentence gives only a month or a year ("in November 2025" is not November 1). */
  precision?: 'month' | 'year';
}

/** The sentence's own (adverbial) date, else its article's publication day. */
export function dateSentence(sentence: string, a: SearchedArticle, storyDate?: string): SentenceDating {
  const own = articleDate(a);
  const found = datesInSentence(sentence, own).filter((d) => !d.nominal);
  const resolved = found.find((d) => d.date);
  if (resolved) return { date: resolved.date!, dateText: resolved.text, ...(resolved.precision !== 'day' ? { precision: resolved.precision } : {}) };
  if (own) return { date: own.toISOString().slice(0, 10) };
  // Undated article: a "June 5" in the sentence takes its year from the story's dated articles.
  if (storyDate && found.length) {
    const ref = new Date(storyDate);
    const md = datesInSentence(sentence, ref).find((d) => !d.nominal && d.date && d.precision === 'day' && /\d/.test(d.text) && !/day\b|today|yesterday|tomorrow/i.test(d.text));
    if (md) return { date: md.date!, dateText: md.text };
  }
  const written = found[0];
  return written ? { date: null, dateText: written.text } : { date: null };
}

/** Newest first; undated last; ties by arrival (higher article id first). */
export function byDateDesc<T extends { date: string | null; order: number }>(a: T, b: T): number {
  if (a.date && b.date && a.date !== b.date) return a.date < b.date ? 1 : -1;
  if (a.date && !b.date) return -1;
  if (!a.date && b.date) return 1;
  return b.order - a.order;
}
