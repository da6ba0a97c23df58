// /timeline [TOPIC|--storyline ID] [--since 30d]: dated events, each a sentence (or trimmed
// clause) of a stored article with its source. Dates come from the text, resolved against the
// article's date ("on Wednesday" in an article of Thursday June 4 is June 3); an undated article
// resolves "June 5" against its story's dated articles, and leaves relative dates out. The same
// event told by two outlets is one entry; where their dates differ, both are kept and it says so.
import { actorAliases, canonicalActorName } from '../analyze/actors.js';
import { UserError } from '../domain/errors.js';
import type { ArticleSearch } from '../store/article-search.js';
import { cacheFor } from './analysis-cache.js';
import { cleanName, sinceOption, SourceList, type QuerySource } from './common.js';
import { chronological, mergeEvents, type CoarseDatePrecision, type TimelineDraft } from './events-merge.js';

export interface TimelineEntry {
  /** YYYY-MM-DD; with `precision`, the first day of that month or year. */
  date: string;
  precision?: CoarseDatePrecision;
  /** The date as written ("on Wednesday", "June 5"). */
  dateText?: string;
  text: string;
  storyline: { id: number; title: string } | null;
  sources: number[];
  datesDiffer?: Array<{ date: string; sources: number[] }>;
  note?: string;
}

export interface TimelineView {
  topic?: string;
  storylineId?: number;
  since?: string;
  entries: TimelineEntry[];
  sources: QuerySource[];
}

export interface TimelineOptions {
  topic?: string;
  storylineId?: number;
  /** ISO date/time, or a duration before now ("30d"). Events before it are left out too. */
  since?: string;
  /** Most recent matching articles read (default 60). */
  articles?: number;
  /** Most entries returned, the latest ones (default 50). */
  max?: number;
  now?: Date;
}

export async function timelineQuery(search: ArticleSearch, opts: TimelineOptions = {}): Promise<TimelineView> {
  const since = sinceOption(opts.since, opts.now);
  const cache = cacheFor(search);
  const phrases: string[] = [];
  let topic: string | undefined;
  if (opts.topic !== undefined) {
    topic = cleanName(opts.topic, 'a topic');
    const extra = await cache.extraAliases(search);
    const actor = canonicalActorName(topic, extra) ?? canonicalActorName(topic, extra, cache.known.keys());
    phrases.push(topic, ...(actor ? actorAliases(actor, extra) : []));
  }
  if (opts.storylineId !== undefined && (!Number.isInteger(opts.storylineId) || opts.storylineId < 1)) {
    throw new UserError('bad_input', 'a storyline id is a positive whole number');
  }
  const q: Parameters<ArticleSearch['recentMatching']>[0] = { phrases, limit: opts.articles ?? 60 };
  if (opts.storylineId !== undefined) q.storylineId = opts.storylineId;
  if (since) q.since = since;
  let articles = await search.recentMatching(q);
  // A topic's timeline is one storyline's: the one most of its matching articles belong to (the
  // most recent on a tie), so "timeline trade" never lists a ceasefire article that says "trade".
  if (topic !== undefined && opts.storylineId === undefined) {
    const counts = new Map<number, number>();
    for (const a of articles) if (a.storylineId !== undefined) counts.set(a.storylineId, (counts.get(a.storylineId) ?? 0) + 1);
    const top = [...counts].sort((x, y) => y[1] - x[1])[0]?.[0];
    if (top !== undefined) articles = articles.filter((a) => a.storylineId === top);
  }
  const storyDates = await search.storyDates(articles.filter((a) => !a.publishedAt && a.storyId !== undefined).map((a) => a.storyId!));
  const sources = new SourceList();
  const drafts: TimelineDraft[] = [];
  const sinceDay = since?.slice(0, 10);
  for (const a of articles) {
    const events = cache.events(a, a.storyId !== undefined ? storyDates.get(a.storyId) : undefined);
    for (const ev of events) {
      if (sinceDay && ev.date < sinceDay) continue;
      const d: TimelineDraft = { date: ev.date, dateText: ev.dateText, text: ev.text, source: 0, order: a.id * 1000 + ev.sentenceIndex };
      if (ev.precision !== 'day') d.precision = ev.precision;
      if (a.storyId !== undefined) d.storyId = a.storyId;
      if (a.storylineId !== undefined) d.storylineId = a.storylineId;
      (d as TimelineDraft & { article: typeof a }).article = a;
      drafts.push(d);
    }
  }
  // Keep the latest events, then number sources in reading order.
  const max = opts.max ?? 50;
  drafts.sort(chronological);
  const kept = drafts.slice(-max * 2);
  for (const d of kept) d.source = sources.cite((d as TimelineDraft & { article: (typeof articles)[number] }).article);
  const merged = mergeEvents(kept).sort(chronological).slice(-max);
  const storylineIds = [...new Set(merged.map((e) => e.storylineId).filter((x): x is number => x !== undefined))];
  const titles = new Map((await search.storylines(storylineIds)).map((s) => [s.id, s.title]));
  const entries: TimelineEntry[] = merged.map((e) => {
    const entry: TimelineEntry = {
      date: e.date!,
      text: e.text,
      storyline: e.storylineId !== undefined ? { id: e.storylineId, title: titles.get(e.storylineId) ?? `storyline ${e.storylineId}` } : null,
      sources: e.sources,
    };
    if (e.precision) entry.precision = e.precision;
    if (e.dateText) entry.dateText = e.dateText;
    if (e.datesDiffer) entry.datesDiffer = e.datesDiffer;
    if (e.note) entry.note = e.note;
    return entry;
  });
  // Renumber sources so that only cited ones are listed, in order of first citation.
  const all = sources.list();
  const byN = new Map(all.map((s) => [s.n, s]));
  const renum = new Map<number, number>();
  const out: QuerySource[] = [];
  for (const e of entries) {
    e.sources = e.sources.map((n) => {
      let m = renum.get(n);
      if (m === undefined) {
        m = out.length + 1;
        renum.set(n, m);
        out.push({ ...byN.get(n)!, n: m });
      }
      return m;
    });
    if (e.datesDiffer) e.datesDiffer = e.datesDiffer.map((x) => ({ date: x.date, sources: x.sources.map((n) => renum.get(n) ?? n) }));
    if (e.note && e.datesDiffer) e.note = `sources differ on the date: ${e.datesDiffer.map((x) => `${x.date} ${x.sources.map((n) => `[${n}]`).join('')}`).join(', ')}`;
  }
  const view: TimelineView = { entries, sources: out };
  if (topic) view.topic = topic;
  if (opts.storylineId !== undefined) view.storylineId = opts.storylineId;
  if (since) view.since = since;
  return view;
}
