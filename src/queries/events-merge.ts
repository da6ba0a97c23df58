// Timeline entries from several articles: the same event told by two outlets becomes one entry
// with both sources; where they give different dates, both dates are kept and the entry says so.
import { terms } from '../analyze/text.js';

/** How much of `date` the text gave: a month ("October 2025") or a year ("in 1978"); absent: a day. */
export type CoarseDatePrecision = 'month' | 'year';

export interface TimelineDraft {
  date: string | null;
  precision?: CoarseDatePrecision;
  dateText?: string;
  text: string;
  /** Source number of the article. */
  source: number;
  storyId?: number;
  storylineId?: number;
  /** Arrival order (article id), for ties. */
  order: number;
}

export interface MergedEvent {
  date: string | null;
  precision?: CoarseDatePrecision;
  dateText?: string;
  text: string;
  sources: number[];
  /** Present when sources disagree on the date: each date with the sources giving it. */
  datesDiffer?: Array<{ date: string; sources: number[] }>;
  note?: string;
  storyId?: number;
  storylineId?: number;
  order: number;
}

const SAME_EVENT_DAYS = 2;
const SAME_EVENT_OVERLAP = 0.5;
const DAY_MS = 86_400_000;

function overlap(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / Math.min(a.size, b.size);
}

function daysApart(a: string, b: string): number {
  return Math.abs(Date.parse(a) - Date.parse(b)) / DAY_MS;
}

/**
 * Merges drafts: identical sentences always; near-identical reports of one event (same story,
 * dates at most two days apart, most content words shared) from different sources.
 */
export function mergeEvents(drafts: readonly TimelineDraft[]): MergedEvent[] {
  const out: Array<MergedEvent & { terms: Set<string>; byDate: Map<string, number[]> }> = [];
  for (const d of drafts) {
    const dTerms = new Set(terms(d.text));
    const same = out.find((e) => {
      // The same words from one source with two dates are two events, not a disagreement.
      if (e.text.toLowerCase() === d.text.toLowerCase()) return !e.sources.includes(d.source) || e.date === d.date;
      if (e.sources.includes(d.source) || e.storyId === undefined || e.storyId !== d.storyId) return false;
      if (!e.date || !d.date || daysApart(e.date, d.date) > SAME_EVENT_DAYS) return false;
      // "October 2025" is stored as 2025-10-01: it is not a report of October 1.
      if (e.precision !== d.precision) return false;
      return overlap(e.terms, dTerms) >= SAME_EVENT_OVERLAP;
    });
    if (!same) {
      const e: MergedEvent & { terms: Set<string>; byDate: Map<string, number[]> } = {
        date: d.date, text: d.text, sources: [d.source], order: d.order, terms: dTerms, byDate: new Map(),
      };
      if (d.dateText) e.dateText = d.dateText;
      if (d.precision) e.precision = d.precision;
      if (d.storyId !== undefined) e.storyId = d.storyId;
      if (d.storylineId !== undefined) e.storylineId = d.storylineId;
      if (d.date) e.byDate.set(d.date, [d.source]);
      out.push(e);
      continue;
    }
    if (!same.sources.includes(d.source)) same.sources.push(d.source);
    if (d.date) {
      const list = same.byDate.get(d.date) ?? [];
      if (!list.includes(d.source)) list.push(d.source);
      same.byDate.set(d.date, list);
      if (!same.date) {
        same.date = d.date;
        if (d.precision) same.precision = d.precision;
      }
    }
  }
  return out.map(({ terms: _t, byDate, ...e }) => {
    if (byDate.size > 1) {
      const dates = [...byDate.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
      e.date = dates[0]![0];
      e.datesDiffer = dates.map(([date, sources]) => ({ date, sources }));
      e.note = `sources differ on the date: ${dates.map(([date, s]) => `${date} ${s.map((n) => `[${n}]`).join('')}`).join(', ')}`;
    }
    return e;
  });
}

/** Oldest first, undated entries first (their time is unknown), ties by arrival. */
export function chronological<T extends { date: string | null; order: number }>(a: T, b: T): number {
  if (!a.date && b.date) return -1;
  if (a.date && !b.date) return 1;
  if (a.date && b.date && a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.order - b.order;
}
