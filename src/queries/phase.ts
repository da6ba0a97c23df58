// /phase NAME: what a phase of a process contains, its status and since when, sticking points,
// the actors taking positions on it, a dated timeline and sources. The same words in two
// agreements are two phases: mentions are grouped by storyline AND by the process the article
// dates ("the ceasefire agreed in October 2025" vs "the truce that took effect on January 19").
//
// Grouping rules, in order, for an article that mentions the phase:
//  1. its own dated anchor within its storyline (the most precise one the article gives: "since
//     October 2025" over "in late 2025"); an anchor without a year joins a dated anchor of the
//     same month in the storyline;
//  2. undated anchor or none: the anchor nearest before its publication date in its storyline,
//     else the storyline's latest dated anchor;
//  3. a storyline without any anchor: the latest dated process whose articles are mainly about
//     the same place (e.g. Gaza); else a group of its own ("process not dated").
// Reports are ordered by arrival in the archive (article id): the status is the latest report's.
// Processes are ordered by the news' own dates (see byRecentActivity), and named by what they are
// (see processLabel): "Gaza ceasefire agreement of October 2025", never after a venue of talks.
import { actorStatements } from '../analyze/actors.js';
import { NEWS_OUTLET_NAMES } from '../analyze/actor-table.js';
import { phaseName, phaseOrdinal, type PhaseAnalysis, type PhaseStatus } from '../analyze/phases.js';
import { commonKind, isGenericProcessNoun, subjectPlace, sumPlaceRoles, type PlaceRoles } from '../analyze/process-name.js';
import { UserError } from '../domain/errors.js';
import { leansOnContext, shownSentence } from '../brief/clean.js';
import type { ArticleSearch, SearchedArticle } from '../store/article-search.js';
import { cacheFor } from './analysis-cache.js';
import { cleanName, dateSentence, SourceList, type QuerySource } from './common.js';
import { chronological, mergeEvents, type MergedEvent, type TimelineDraft } from './events-merge.js';

export interface PhaseCandidate {
  /** Pass back as `process` to pick this one. */
  key: string;
  /** "ceasefire of October 2025", "truce of January 19", or "process not dated". */
  process: string;
  storylineId: number | null;
  storylineIds: number[];
  /** Publication dates of the articles discussing it (null when none is dated). */
  from: string | null;
  to: string | null;
  articles: number;
  status: PhaseStatus | null;
}

export interface PhaseView {
  name: string;
  /** What the process is: its place, kind and date ("Gaza truce of January 2025"). */
  process: string;
  processKey: string;
  storylineId: number | null;
  status: PhaseStatus | null;
  /** Publication date of the latest report of that status (null when undated). */
  statusDate: string | null;
  statusText: string | null;
  statusSources: number[];
  components: Array<{ name: string; sources: number[] }>;
  stickingPoints: Array<{ text: string; topics: string[]; sources: number[] }>;
  /** Actors taking a position on the phase, each with its sentence. */
  actors: Array<{ name: string; text: string; sources: number[] }>;
  timeline: Array<Omit<MergedEvent, 'order' | 'storyId' | 'storylineId'>>;
  sources: QuerySource[];
  /** Other processes with a phase of that name, most recently active first: pass a key as `process`. */
  others: PhaseCandidate[];
}

export interface PhaseCandidates {
  name: string;
  candidates: PhaseCandidate[];
}

export interface PhaseUnknown {
  name: string;
  nothingKnown: true;
  message: string;
}

export type PhaseAnswer = PhaseView | PhaseCandidates | PhaseUnknown;

export interface PhaseQueryOptions {
  storylineId?: number;
  /** A candidate's key, to pick one process when several match. */
  process?: string;
  /** Most recent matching articles analysed (default 120). */
  articles?: number;
  /** Topics and actors the asking channel follows: a process whose articles name one leads. */
  follows?: string[];
}

const ORDINAL_WORDS = ['', 'one', 'two', 'three', 'four', 'five'];
const ORDINAL_ADJ = ['', 'first', 'second', 'third', 'fourth', 'fifth'];
const ROMAN = ['', 'i', 'ii', 'iii', 'iv', 'v'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export function isPhaseCandidates(a: PhaseAnswer): a is PhaseCandidates {
  return Array.isArray((a as PhaseCandidates).candidates);
}
export function isPhaseUnknown(a: PhaseAnswer): a is PhaseUnknown {
  return (a as PhaseUnknown).nothingKnown === true;
}

/** FTS phrases for a phase ordinal ("phase two", "second phase", "phase 2"...). */
export function phasePhrases(ordinal: number): string[] {
  const out = [`phase ${ordinal}`, `stage ${ordinal}`];
  if (ORDINAL_WORDS[ordinal]) out.push(`phase ${ORDINAL_WORDS[ordinal]}`, `${ORDINAL_ADJ[ordinal]} phase`, `stage ${ORDINAL_WORDS[ordinal]}`, `${ORDINAL_ADJ[ordinal]} stage`, `phase ${ROMAN[ordinal]}`);
  if (ordinal === 1) out.push('initial phase', 'opening phase');
  return out;
}

interface Analysed {
  a: SearchedArticle;
  phases: PhaseAnalysis;
}

interface Group {
  key: string;
  label: string;
  anchorDate?: string;
  storylineId: number | null;
  items: Analysed[];
}

function anchorKey(p: PhaseAnalysis['process']): string | undefined {
  if (!p) return undefined;
  if (p.anchorDate) return p.anchorDate.slice(0, 7);
  const m = /\bof\s+([A-Z][a-z]+)\b/.exec(p.label);
  const month = m ? MONTHS.indexOf(m[1]!.toLowerCase()) : -1;
  return month >= 0 ? `--${String(month + 1).padStart(2, '0')}` : undefined;
}

function groupArticles(items: Analysed[], placeOf: (a: SearchedArticle) => string | undefined): Group[] {
  const groups = new Map<string, Group>();
  const sl = (x: Analysed) => x.a.storylineId ?? null;
  const unanchored: Analysed[] = [];
  for (const x of items) {
    const k = anchorKey(x.phases.process);
    if (!k) {
      unanchored.push(x);
      continue;
    }
    const key = `${sl(x) ?? 'none'}:${k}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, label: x.phases.process!.label, storylineId: sl(x), items: [] };
      if (x.phases.process!.anchorDate) g.anchorDate = x.phases.process!.anchorDate;
      groups.set(key, g);
    }
    g.items.push(x);
  }
  // An anchor without a year joins the storyline's dated anchor of the same month.
  for (const g of [...groups.values()]) {
    if (g.anchorDate) continue;
    const month = g.key.slice(g.key.lastIndexOf('--') + 2);
    const dated = [...groups.values()].find((o) => o.anchorDate && o.storylineId === g.storylineId && o.anchorDate.slice(5, 7) === month);
    if (dated) {
      dated.items.push(...g.items);
      groups.delete(g.key);
    }
  }
  // A year alone ("agreed in late 2025") joins the storyline's anchor of a month of that year.
  for (const g of [...groups.values()]) {
    if (g.anchorDate?.length !== 4) continue;
    const finer = [...groups.values()].find((o) => o !== g && o.storylineId === g.storylineId && o.anchorDate && o.anchorDate.length > 4 && o.anchorDate.startsWith(g.anchorDate!));
    if (finer) {
      finer.items.push(...g.items);
      groups.delete(g.key);
    }
  }
  const dated = () => [...groups.values()].filter((g) => g.anchorDate);
  const leftovers: Analysed[] = [];
  for (const x of unanchored) {
    const own = dated().filter((g) => g.storylineId === sl(x));
    const date = x.a.publishedAt ? new Date(x.a.publishedAt) : undefined;
    let target: Group | undefined;
    if (own.length) {
      target = date && !Number.isNaN(date.getTime()) ? nearest(date, own) : undefined;
      target ??= own.reduce((b, g) => (g.anchorDate! > b.anchorDate! ? g : b));
    } else {
      const anyInStoryline = [...groups.values()].filter((g) => g.storylineId === sl(x));
      if (anyInStoryline.length === 1) target = anyInStoryline[0];
    }
    if (target) target.items.push(x);
    else leftovers.push(x);
  }
  for (const x of leftovers) {
    const place = placeOf(x.a);
    const same = place ? dated().filter((g) => g.items.some((y) => placeOf(y.a) === place)) : [];
    let target = same.length ? same.reduce((b, g) => (g.anchorDate! > b.anchorDate! ? g : b)) : undefined;
    if (!target) {
      const key = `${sl(x) ?? 'none'}:none`;
      target = groups.get(key);
      if (!target) {
        const named = x.phases.process?.label;
        target = { key, label: named ?? 'process not dated', storylineId: sl(x), items: [] };
        groups.set(key, target);
      }
    }
    target.items.push(x);
  }
  return [...groups.values()];
}

function nearest(date: Date, groups: Group[]): Group | undefined {
  const day = date.toISOString().slice(0, 10);
  let best: Group | undefined;
  for (const g of groups) if (g.anchorDate! <= day && (!best || g.anchorDate! > best.anchorDate!)) best = g;
  return best;
}

const STATUS_STRENGTH: Record<PhaseStatus, number> = { 'under negotiation': 0, underway: 1, agreed: 2, expiring: 2, stalled: 3, expired: 3, completed: 3 };

function statusOf(items: Analysed[], ordinal: number): { value: PhaseStatus; text: string; a: SearchedArticle } | undefined {
  const sorted = [...items].sort((x, y) => y.a.id - x.a.id);
  for (const x of sorted) {
    // The latest report's status; within it, one stated outright ("stalled") over one read from
    // "talks on", the later sentence on a tie.
    let best: (typeof x.phases.mentions)[number] | undefined;
    for (const mm of x.phases.mentions) {
      if (mm.ordinal !== ordinal || !mm.status) continue;
      if (!best || STATUS_STRENGTH[mm.status.value] >= STATUS_STRENGTH[best.status!.value]) best = mm;
    }
    if (best) return { value: best.status!.value, text: best.status!.text, a: x.a };
  }
  return undefined;
}

export async function phaseQuery(search: ArticleSearch, rawName: string, opts: PhaseQueryOptions = {}): Promise<PhaseAnswer> {
  const typed = cleanName(rawName, 'a phase name');
  const ordinal = phaseOrdinal(typed);
  if (ordinal === undefined || ordinal < 1 || ordinal > 5) {
    throw new UserError('bad_input', `"${typed.slice(0, 60)}" is not a phase name: try "phase one", "phase 2" or "second phase"`);
  }
  const name = phaseName(ordinal);
  const cache = cacheFor(search);
  const extra = await cache.extraAliases(search);
  const q: Parameters<ArticleSearch['recentMatching']>[0] = { phrases: phasePhrases(ordinal), limit: opts.articles ?? 120 };
  if (opts.storylineId !== undefined) q.storylineId = opts.storylineId;
  const articles = await search.recentMatching(q);
  const items = articles.map((a) => ({ a, phases: cache.phases(a) })).filter((x) => x.phases.mentions.some((m) => m.ordinal === ordinal));
  if (!items.length) {
    return { name, nothingKnown: true, message: `nothing known yet about ${name.toLowerCase()}: no stored article mentions it${opts.storylineId !== undefined ? ` in storyline ${opts.storylineId}` : ''}` };
  }
  const rolesOf = (a: SearchedArticle): Map<string, PlaceRoles> => cache.placeRoles(a, extra);
  const places = new Map<number, string | undefined>();
  const placeOf = (a: SearchedArticle): string | undefined => {
    if (!places.has(a.id)) places.set(a.id, subjectPlace(rolesOf(a)));
    return places.get(a.id);
  };
  // Most recently active first: the process a reader most likely means leads the answer.
  const groups = groupArticles(items, placeOf).sort(byRecentActivity);
  const titles = new Map((await search.storylines([...new Set(groups.map((g) => g.storylineId).filter((x): x is number => x !== null))])).map((t) => [t.id, t.title]));
  for (const g of groups) g.label = processLabel(g, rolesOf, (a) => cache.processKinds(a), titles);
  let chosen: Group | undefined;
  if (opts.process !== undefined) {
    const want = opts.process.toLowerCase();
    chosen = groups.find((g) => g.key === opts.process || g.label.toLowerCase() === want);
    if (!chosen) throw new UserError('not_found', `no process "${opts.process.slice(0, 60)}" for ${name.toLowerCase()}: choose one of ${groups.map((g) => g.key).join(', ')}`);
  }
  if (!chosen && opts.follows?.length) {
    const wants = opts.follows.map((f) => f.toLowerCase()).filter(Boolean);
    chosen = groups.find((g) => g.items.some((x) => wants.some((w) => `${x.a.title}\n${x.a.text}`.toLowerCase().includes(w))));
  }
  chosen ??= groups[0]!;
  const view = await phaseView(search, chosen, ordinal, name, extra);
  view.others = groups.filter((g) => g !== chosen).map((g) => {
    const dates = g.items.map((x) => x.a.publishedAt).filter((d): d is string => Boolean(d)).sort();
    const sls = [...new Set(g.items.map((x) => x.a.storylineId).filter((s): s is number => s !== undefined))];
    return {
      key: g.key,
      process: g.label,
      storylineId: g.storylineId,
      storylineIds: sls,
      from: dates[0] ?? null,
      to: dates.at(-1) ?? null,
      articles: g.items.length,
      status: statusOf(g.items, ordinal)?.value ?? null,
    };
  });
  return view;
}

/**
 * The process (agreement) each stored article's mention of a phase belongs to, by article id, named
 * as the phase answer names it ("Gaza ceasefire of October 2025"): what a briefing or digest entry
 * about that phase shows, so that two agreements of one storyline (a truce of January 2025, a plan
 * of October 2025) are told apart there too.
 */
export async function phaseProcessesByArticle(search: ArticleSearch, ordinal: number): Promise<Map<number, { process: string; storyId?: number; storylineId?: number }>> {
  const out = new Map<number, { process: string; storyId?: number; storylineId?: number }>();
  if (ordinal < 1 || ordinal > 5) return out;
  const cache = cacheFor(search);
  const extra = await cache.extraAliases(search);
  const q: Parameters<ArticleSearch['recentMatching']>[0] = { phrases: phasePhrases(ordinal), limit: 120 };
  // All storylines, as the phase answer groups them: a storyline without its own dated anchor
  // takes a process from another storyline about the same place.
  const items = (await search.recentMatching(q)).map((a) => ({ a, phases: cache.phases(a) })).filter((x) => x.phases.mentions.some((m) => m.ordinal === ordinal));
  if (!items.length) return out;
  const rolesOf = (a: SearchedArticle): Map<string, PlaceRoles> => cache.placeRoles(a, extra);
  const groups = groupArticles(items, (a) => subjectPlace(rolesOf(a)));
  const titles = new Map((await search.storylines([...new Set(groups.map((g) => g.storylineId).filter((x): x is number => x !== null))])).map((t) => [t.id, t.title]));
  for (const g of groups) {
    g.label = processLabel(g, rolesOf, (a) => cache.processKinds(a), titles);
    for (const x of g.items) {
      out.set(x.a.id, {
        process: g.label,
        ...(x.a.storyId !== undefined ? { storyId: x.a.storyId } : {}),
        ...(x.a.storylineId !== undefined ? { storylineId: x.a.storylineId } : {}),
      });
    }
  }
  return out;
}

/** The latest publication date of a process's articles, in ms (undefined when none is dated). */
function latestActivity(g: Group): number | undefined {
  const times = g.items.map((x) => (x.a.publishedAt ? Date.parse(x.a.publishedAt) : NaN)).filter((t) => !Number.isNaN(t));
  return times.length ? Math.max(...times) : undefined;
}

function latestId(g: Group): number {
  return Math.max(...g.items.map((x) => x.a.id));
}

/**
 * Most recently active first, by the news' own dates (the latest publication date of its
 * articles), not by when the archive received them: ingesting an older storyline last must not
 * put it first. Undated articles say nothing of when a process was active, so they do not count;
 * a process with no dated article comes after every dated one (its recency is unknown, and a
 * dated one is the safer lead). Ties, and processes with no dated article, fall back to arrival
 * order (the highest article id first).
 */
function byRecentActivity(x: Group, y: Group): number {
  const dx = latestActivity(x);
  const dy = latestActivity(y);
  if (dx !== undefined && dy !== undefined && dx !== dy) return dy - dx;
  if (dx === undefined && dy !== undefined) return 1;
  if (dx !== undefined && dy === undefined) return -1;
  return latestId(y) - latestId(x);
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A process named by what it is: its subject place (the place that names it, "X ceasefire", or that
 * its titles name, over a venue of its talks: see subjectPlace), else the parties of its titles;
 * its kind; and its date as precise as known: "Gaza truce of January 2025". The kind is the
 * anchor's own noun; a generic one ("agreement") is preceded by the kind the articles commonly
 * call the process by: "ceasefire agreement". A date written without a year ("the truce of
 * January 19") takes the year from its articles' dates (the latest such day not after them); with
 * no dated article it stays without a year (never guessed). With no date at all: its place, or
 * its storyline's title.
 */
function processLabel(g: Group, rolesOf: (a: SearchedArticle) => Map<string, PlaceRoles>, kindsOf: (a: SearchedArticle) => Map<string, number>, titles: Map<number, string>): string {
  const place = subjectPlace(sumPlaceRoles(g.items.map((x) => rolesOf(x.a)))) ?? partiesInTitles(g.items.map((x) => x.a.title));
  const kind = commonKind(g.items.map((x) => kindsOf(x.a)));
  const m = /^(.+?) of (.+)$/.exec(g.label);
  if (!m || g.label === 'process not dated') {
    if (m === null && g.label !== 'process not dated') return withPlace(place, g.label); // a named plan
    const title = g.storylineId !== null ? titles.get(g.storylineId) : undefined;
    if (place) return `${place} ${kind ? `${kind} ` : ''}process (not dated)`;
    return title ? `process of "${title.split(/\s+/).slice(0, 8).join(' ')}" (not dated)` : 'process not dated';
  }
  const noun = kind && isGenericProcessNoun(m[1]!) ? `${kind} ${m[1]!}` : m[1]!;
  let when = m[2]!;
  if (g.anchorDate) {
    const y = g.anchorDate.slice(0, 4);
    when = g.anchorDate.length === 4 ? y : `${MONTH_NAMES[Number(g.anchorDate.slice(5, 7)) - 1]} ${y}`;
  } else {
    const md = /^([A-Z][a-z]+)(?:\s+(\d{1,2}))?$/.exec(when);
    const month = md ? MONTH_NAMES.indexOf(md[1]!) : -1;
    const latest = g.items.map((x) => x.a.publishedAt).filter((d): d is string => Boolean(d)).sort().at(-1);
    if (month >= 0 && latest) {
      const day = Number(md![2] ?? 1);
      const pub = new Date(latest);
      let year = pub.getUTCFullYear();
      if (Date.UTC(year, month, day) > pub.getTime()) year--;
      when = `${MONTH_NAMES[month]} ${year}`;
    }
  }
  return withPlace(place, `${noun} of ${when}`);
}

const TITLE_WORDS = new Set(['phase', 'stage', 'second', 'first', 'third', 'talks', 'deal', 'agreement', 'ceasefire', 'truce', 'plan', 'new', 'after', 'over', 'amid', 'for', 'the']);

/**
 * The parties a process's articles name in most of their titles ("Valdoria and Ostmark sign...",
 * "...of Valdoria-Ostmark trade deal" -> "Valdoria-Ostmark"): for a process whose place is not known.
 * Needs two titles at least, so that one headline's words are not taken for the parties.
 */
function partiesInTitles(titles: string[]): string | undefined {
  const usable = titles.filter(Boolean);
  if (usable.length < 2) return undefined;
  const count = new Map<string, { n: number; first: number }>();
  usable.forEach((t) => {
    const seen = new Set<string>();
    for (const m of t.matchAll(/(?<![\p{L}'’])\p{Lu}\p{Ll}{2,}(?![\p{L}'’])/gu)) {
      const w = m[0];
      if (seen.has(w) || TITLE_WORDS.has(w.toLowerCase())) continue;
      seen.add(w);
      const c = count.get(w) ?? { n: 0, first: m.index! };
      c.n++;
      count.set(w, c);
    }
  });
  const parties = [...count].filter(([, c]) => c.n >= Math.max(2, Math.ceil((usable.length * 2) / 3))).sort((a, b) => a[1].first - b[1].first).slice(0, 2).map(([w]) => w);
  return parties.length ? parties.join('-') : undefined;
}

function withPlace(place: string | undefined, label: string): string {
  if (!place || label.toLowerCase().includes(place.toLowerCase())) return label;
  return `${place} ${label}`;
}

async function phaseView(search: ArticleSearch, g: Group, ordinal: number, name: string, extra: Awaited<ReturnType<ReturnType<typeof cacheFor>['extraAliases']>>): Promise<PhaseView> {
  const cache = cacheFor(search);
  const sources = new SourceList();
  const items = [...g.items].sort((x, y) => y.a.id - x.a.id);
  const storyDates = await search.storyDates(items.filter((x) => !x.a.publishedAt && x.a.storyId !== undefined).map((x) => x.a.storyId!));
  const status = statusOf(items, ordinal);
  const statusSources: number[] = [];
  let statusDate: string | null = null;
  if (status) {
    for (const x of items) {
      if (!x.phases.mentions.some((m) => m.ordinal === ordinal && m.status?.value === status.value)) continue;
      statusSources.push(sources.cite(x.a));
      if (x.a.publishedAt && (!statusDate || x.a.publishedAt > statusDate)) statusDate = x.a.publishedAt;
    }
  }
  const components = new Map<string, number[]>();
  const sticking = new Map<string, { text: string; topics: string[]; sources: number[] }>();
  const actors = new Map<string, { name: string; text: string; sources: number[] }>();
  const drafts: TimelineDraft[] = [];
  for (const x of items) {
    const mine = x.phases.mentions.filter((m) => m.ordinal === ordinal);
    const highest = Math.max(...x.phases.mentions.map((m) => m.ordinal));
    const n = () => sources.cite(x.a);
    for (const m of mine) for (const c of m.components) {
      const list = components.get(c) ?? [];
      if (!list.includes(n())) list.push(n());
      components.set(c, list);
    }
    const sps = x.phases.stickingPoints.filter((sp) => sp.phase === ordinal || (sp.phase === undefined && highest === ordinal && sp.topics.length));
    for (const sp of sps) {
      const key = sp.text.toLowerCase();
      const prev = sticking.get(key);
      if (prev) { if (!prev.sources.includes(n())) prev.sources.push(n()); }
      else sticking.set(key, { text: shownSentence(sp.text), topics: sp.topics, sources: [n()] });
    }
    // Actors speaking or acting in the phase's sentences.
    const sentences = new Set([...mine.map((m) => m.sentenceIndex), ...sps.map((s) => s.sentenceIndex)]);
    const { mentions, summaries } = cache.actors(x.a, extra);
    for (const s of summaries) {
      if (s.kind === 'place' || NEWS_OUTLET_NAMES.has(s.canonical)) continue;
      for (const st of actorStatements(x.a.text, s.canonical, mentions)) {
        if (!sentences.has(st.sentenceIndex)) continue;
        const key = `${s.canonical}|${st.text.toLowerCase()}`;
        const prev = actors.get(key);
        if (prev) { if (!prev.sources.includes(n())) prev.sources.push(n()); }
        else actors.set(key, { name: s.canonical, text: shownSentence(st.text), sources: [n()] });
      }
    }
    // Timeline: the phase's status reports, and the dated events of its articles since the anchor.
    const storyDate = x.a.storyId !== undefined ? storyDates.get(x.a.storyId) : undefined;
    for (const m of mine) {
      if (!m.status) continue;
      const d = dateSentence(m.text, x.a, storyDate);
      const draft: TimelineDraft = { date: d.date, text: shownSentence(m.text), source: n(), order: x.a.id * 1000 + m.sentenceIndex };
      if (d.dateText) draft.dateText = d.dateText;
      if (d.precision) draft.precision = d.precision;
      if (x.a.storyId !== undefined) draft.storyId = x.a.storyId;
      drafts.push(draft);
    }
    for (const ev of cache.events(x.a, storyDate)) {
      if (g.anchorDate && ev.date < g.anchorDate.padEnd(10, '-01').slice(0, 10)) continue;
      const draft: TimelineDraft = { date: ev.date, dateText: ev.dateText, text: ev.text, source: n(), order: x.a.id * 1000 + ev.sentenceIndex };
      if (ev.precision !== 'day') draft.precision = ev.precision;
      if (x.a.storyId !== undefined) draft.storyId = x.a.storyId;
      drafts.push(draft);
    }
  }
  return {
    name,
    process: g.label,
    processKey: g.key,
    storylineId: g.storylineId,
    status: status?.value ?? null,
    statusDate,
    statusText: status ? shownSentence(status.text) : null,
    statusSources,
    components: [...components.entries()].map(([c, s]) => ({ name: c, sources: s.sort((a, b) => a - b) })),
    // A sticking point a reader understands on its own comes first; one that leans on the sentence
    // before it ("This disagreement...", "Further complicating matters is...") only after them.
    stickingPoints: [...sticking.values()].sort((a, b) => Number(leansOnContext(a.text)) - Number(leansOnContext(b.text))).slice(0, 10),
    actors: [...actors.values()].slice(0, 12),
    timeline: mergeEvents(drafts.sort(chronological)).sort(chronological).slice(-30).map(({ order: _o, storyId: _s, storylineId: _l, ...e }) => e),
    sources: sources.list(),
    others: [],
  };
}
