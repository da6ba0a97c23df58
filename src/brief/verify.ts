// The grounding verifier every engine's briefing passes through (issue 11, ADR 020): a model may
// write better prose than the extractive engine, but every number, date and proper name it writes
// must appear in a source it cites, and its text is sanitised as untrusted (a model can echo a
// hostile article). The extractive engine's sentences come from the sources, so it passes trivially.
// No driver imports here: this is domain code, shared by all engines.
import type { Briefing, Takeaway } from '../domain/types.js';
import { boundText, MAX_TITLE_CHARS } from '../domain/bounds.js';
import { actorAliases, canonicalActorName } from '../analyze/actors.js';
import { isStopword } from '../analyze/text.js';

export interface VerifySource {
  n: number;
  url: string;
  title?: string;
  outlet?: string;
  /** The source's date (ISO): a briefing may say the day it was published. */
  publishedAt?: string;
  text: string;
}

/** `summary` and `point`: a model's summary of a computed /actor or /phase answer (verifySummary). */
export type GroundingField = 'headline' | 'lede' | 'takeaway' | 'whyItMatters' | 'summary' | 'point';
export type GroundingKind = 'number' | 'date' | 'name' | 'citation' | 'empty';

export interface GroundingFailure {
  field: GroundingField;
  /** The takeaway's (or point's) index (0-based) when field is 'takeaway' (or 'point'). */
  index?: number;
  kind: GroundingKind;
  /** The figure, date or name not found (or what was wrong with the citations). */
  value: string;
}

export interface VerifyLimits {
  headline: number;
  lede: number;
  takeaway: number;
  whyItMatters: number;
  takeaways: number;
  actor: number;
  /** An answer summary's text, each of its points, and how many points. */
  summary: number;
  point: number;
  points: number;
}

/** Characters per field: a briefing is read in a chat message, not an essay. */
export const VERIFY_LIMITS: VerifyLimits = { headline: MAX_TITLE_CHARS, lede: 700, takeaway: 450, whyItMatters: 900, takeaways: 5, actor: 120, summary: 700, point: 300, points: 4 };

export interface VerifyOptions {
  limits?: Partial<VerifyLimits>;
  /** Other names of an actor named in the output ("Turkey" for "Türkiye"); the actor table's by default. */
  aliases?: (name: string) => string[];
}

export interface Verified {
  /** The sanitised briefing (links, mentions and markup removed, lengths bounded), failures still in it. */
  briefing: Briefing;
  failures: GroundingFailure[];
  /** Links taken out because they were not a source's URL. */
  removedLinks: string[];
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_RE = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY_RE = '(\\d{1,2})(?:st|nd|rd|th)?';
const MONTH_DAY = new RegExp(`\\b${MONTH_RE}\\s+${DAY_RE}\\b`, 'gi');
const DAY_MONTH = new RegExp(`\\b${DAY_RE}\\s+(?:of\\s+)?${MONTH_RE}\\b`, 'gi');
const ISO_DAY = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const NUMBER = /\d+(?:[.,]\d+)*/g;
const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
/** Capitalised only because they open a sentence or a heading: never checked as names. */
const FUNCTION_WORDS = new Set(
  ('a an the this that these those it its he she they we you i his her their our after before as at by for from in into of on over under with without ' +
    'and but or nor so yet if while when where why how what which who whom whose there here then also still meanwhile however despite although though ' +
    'both either neither each every all some many most several few no not one two three four five six seven eight nine ten according officials analysts ' +
    'critics experts observers residents authorities police president prime minister key why talks deal separately additionally notably earlier later ' +
    'currently previously recently overall instead elsewhere together now today yesterday tomorrow since until because amid during following ' +
    'between among under against more less such other another further first second third last next new such than once yet').split(' '),
);
const SPELLED: Record<string, string> = {
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10', eleven: '11', twelve: '12',
  fifteen: '15', twenty: '20', thirty: '30', forty: '40', fifty: '50', hundred: '100', thousand: '1000', first: '1', second: '2', third: '3', fourth: '4', fifth: '5',
};

/** "1,000" = "1000" = "1000.0"; "3.5" stays; a number as the same string whatever its separators. */
export function normaliseNumber(token: string): string {
  let t = token;
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(t)) t = t.replace(/,/g, '');
  else if (/^\d+,\d+$/.test(t)) t = t.replace(',', '.'); // a decimal comma ("3,5")
  const v = Number(t);
  return Number.isFinite(v) ? String(v) : t;
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function monthIndex(m: string): number {
  const k = m.toLowerCase().replace(/\.$/, '').slice(0, 3);
  return MONTHS.findIndex((x) => x.startsWith(k));
}

/** "6/6" keys (month/day) of every day-and-month date in a text, whichever order it is written in. */
function dateKeys(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(MONTH_DAY)) out.add(`${monthIndex(m[1]!)}/${Number(m[2])}`);
  for (const m of text.matchAll(DAY_MONTH)) out.add(`${monthIndex(m[2]!)}/${Number(m[1])}`);
  for (const m of text.matchAll(ISO_DAY)) out.add(`${Number(m[2]) - 1}/${Number(m[3])}`);
  return out;
}

/** What one source (or several) offers to ground a text: its numbers, day-month dates and words. */
interface Evidence {
  numbers: Set<string>;
  dates: Set<string>;
  words: Set<string>;
  /** The folded text, for alias lookups of several words. */
  folded: string;
}

function evidenceOf(texts: string[]): Evidence {
  const all = texts.join('\n');
  const numbers = new Set<string>();
  for (const m of all.matchAll(NUMBER)) {
    numbers.add(normaliseNumber(m[0]));
    // "1,000" and "1.5" also ground their parts as written ("1,000" read as 1 and 000 would not).
    for (const part of m[0].split(/[.,]/)) numbers.add(normaliseNumber(part));
  }
  const words = new Set(fold(all).split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  for (const w of words) if (SPELLED[w]) numbers.add(SPELLED[w]!);
  // "2 million" = "2m"; "$3bn": the unit letters are words, the figure a number.
  return { numbers, dates: dateKeys(all), words, folded: ` ${fold(all).replace(/[^\p{L}\p{N}]+/gu, ' ')} ` };
}

/** Runs of capitalised words ("Benjamin Netanyahu", "U.S.", "Nir-Mozes"), each with whether it opens a sentence. */
function nameRuns(text: string): Array<{ run: string; opensSentence: boolean }> {
  const out: Array<{ run: string; opensSentence: boolean }> = [];
  const re = /(?<![\p{L}\p{N}])[\p{Lu}][\p{L}\p{N}.'’-]*(?:\s+(?:(?:of|de|al|bin|van|von|der|la|du)\s+)?[\p{Lu}][\p{L}\p{N}.'’-]*)*/gu;
  for (const m of text.matchAll(re)) {
    const before = text.slice(0, m.index).trimEnd();
    out.push({ run: m[0].replace(/['’]s$/, '').replace(/[.'’-]+$/, ''), opensSentence: before === '' || /[.!?:;"“(\[—–-]$/.test(before) });
  }
  return out;
}

function defaultAliases(name: string): string[] {
  const canonical = canonicalActorName(name);
  return canonical ? actorAliases(canonical) : [];
}

/** The problems of one text against its evidence: figures, dates and names not found in it. */
function ungrounded(text: string, ev: Evidence, aliases: (name: string) => string[]): Array<{ kind: GroundingKind; value: string }> {
  const out: Array<{ kind: GroundingKind; value: string }> = [];
  const seen = new Set<string>();
  const add = (kind: GroundingKind, value: string): void => {
    const k = `${kind}:${value}`;
    if (!seen.has(k)) out.push({ kind, value }), seen.add(k);
  };
  for (const key of dateKeys(text)) {
    if (!ev.dates.has(key)) {
      const [m, d] = key.split('/').map(Number);
      add('date', `${MONTHS[m!]![0]!.toUpperCase()}${MONTHS[m!]!.slice(1)} ${d}`);
    }
  }
  for (const m of text.matchAll(NUMBER)) if (!ev.numbers.has(normaliseNumber(m[0]))) add('number', m[0]);
  for (const { run, opensSentence } of nameRuns(text)) {
    const tokens = fold(run).split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 1 && !/^\d+$/.test(t));
    const missing = tokens.filter((t, i) => {
      if (ev.words.has(t) || MONTHS.includes(t) || WEEKDAYS.has(t)) return false;
      // A sentence's first word is capitalised whatever it is.
      return !(i === 0 && opensSentence && (FUNCTION_WORDS.has(t) || isStopword(t)));
    });
    if (!missing.length) continue;
    // Another name of the same actor in the source ("Turkey" / "Türkiye", "the U.S." / "Washington").
    const other = aliases(run).some((a) => {
      const f = ` ${fold(a).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
      return f.trim() !== '' && ev.folded.includes(f);
    });
    if (!other) add('name', run);
  }
  return out;
}

/** Source URLs, compared without a trailing slash or fragment. */
export function urlKey(u: string): string {
  return u.trim().replace(/#.*$/, '').replace(/\/+$/, '').toLowerCase();
}

/**
 * Untrusted text made safe to show: markup and links that are not a source URL removed, mentions
 * defused, control characters and line structure flattened, the length bounded.
 */
export function sanitizeText(text: string, sourceUrls: ReadonlySet<string>, max: number, removed: string[] = []): string {
  const keep = (url: string): boolean => sourceUrls.has(urlKey(url));
  let t = text
    // Invisible characters go (they hide "@everyone" from naive filters); mentions are defused below,
    // so sanitising twice gives the same text.
    .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    // Markdown images never survive (a hidden image is how an answer leaks data to a URL).
    .replace(/!\[[^\]]*\]\([^)]*\)/g, (m) => (removed.push(m), ' '))
    // Markdown links keep their words; the URL stays only when it is a source's.
    .replace(/\[([^\]]*)\]\(\s*([^)\s]*)[^)]*\)/g, (_m, words: string, url: string) => (keep(url) ? `${words} (${url})` : (removed.push(url), words)))
    // Chat mention tokens and Slack links: <@U1>, <#C1>, <!channel>, <!subteam^S1>, <https://x|label>.
    .replace(/<\s*([@#!])[^>]*>/g, ' ')
    .replace(/<(https?:\/\/[^|>\s]+)(?:\|([^>]*))?>/gi, (_m, url: string, label?: string) => (keep(url) ? url : (removed.push(url), label ?? '')))
    // HTML: tags and comments out, their text kept.
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?[a-z][^>]*>/gi, ' ')
    // Bare links that are not a source's.
    .replace(/\b(?:https?:\/\/|www\.)[^\s<>()"'\]]+/gi, (url) => {
      const bare = url.replace(/[.,;:!?]+$/, '');
      if (keep(bare) || keep(`https://${bare}`) || keep(`http://${bare}`)) return url;
      removed.push(bare);
      return url.slice(bare.length);
    })
    .replace(/```+/g, ' ')
    .replace(/@(everyone|here|channel)\b/gi, '@\u200b$1')
    .replace(/\s+/g, ' ')
    .trim()
    // Block markup at the start (a heading, a quote, a list marker) has no place in one sentence.
    .replace(/^(?:#{1,6}|>|[-*+])\s+/, '');
  t = t.replace(/\s+([,.;:!?])/g, '$1').replace(/\(\s*\)/g, '').replace(/\s+/g, ' ').trim();
  // boundText strips control characters again, so re-defuse after it would be moot: do it before.
  return boundText(t, max);
}

/** Sentences of a prose field, for dropping only the ones that fail. */
function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?]["”’)]?)\s+(?=["“‘(]?[\p{Lu}\d])/u).filter((s) => s.trim());
}

/** What verifying one output needs: its sources' evidence, the sanitiser, and the checks that add failures. */
function grounding(sources: readonly VerifySource[], opts: VerifyOptions) {
  const aliases = opts.aliases ?? defaultAliases;
  const urls = new Set(sources.map((s) => urlKey(s.url)));
  const removedLinks: string[] = [];
  const byN = new Map(sources.map((s) => [s.n, s]));
  const textsOf = (ns: Iterable<number>): string[] =>
    [...ns].flatMap((n) => {
      const s = byN.get(n);
      return s ? [s.title ?? '', s.outlet ?? '', s.url, s.publishedAt?.slice(0, 10) ?? '', s.text] : [];
    });
  const all = evidenceOf(textsOf(byN.keys()));
  const failures: GroundingFailure[] = [];
  const check = (field: GroundingField, text: string, ev: Evidence = all, index?: number): void => {
    for (const p of ungrounded(text, ev, aliases)) failures.push({ field, ...(index !== undefined ? { index } : {}), ...p });
  };
  return {
    removedLinks,
    failures,
    check,
    clean: (text: string, max: number): string => sanitizeText(text ?? '', urls, max, removedLinks),
    /** Points that must each cite a source and be grounded in the ones they cite. */
    checkCited(field: 'takeaway' | 'point', points: readonly Takeaway[]): void {
      const what = field === 'takeaway' ? 'takeaway' : 'point';
      points.forEach((t, i) => {
        if (!t.text) failures.push({ field, index: i, kind: 'empty', value: `empty ${what}` });
        const bad = t.sources.filter((n) => !byN.has(n));
        if (bad.length) failures.push({ field, index: i, kind: 'citation', value: `cites no such source: ${bad.map((n) => `[${n}]`).join('')}` });
        const good = t.sources.filter((n) => byN.has(n));
        if (!good.length) {
          failures.push({ field, index: i, kind: 'citation', value: 'cites no source' });
          return;
        }
        check(field, t.text, evidenceOf(textsOf(good)), i);
      });
    },
  };
}

function cleanPoints(points: readonly Takeaway[], max: number, count: number, clean: (text: string, max: number) => string): Takeaway[] {
  return points.slice(0, count).map((t) => ({ text: clean(t.text, max), sources: [...new Set(t.sources.filter((n) => Number.isInteger(n)))] }));
}

export function verifyBriefing(b: Briefing, sources: readonly VerifySource[], opts: VerifyOptions = {}): Verified {
  const limits = { ...VERIFY_LIMITS, ...opts.limits };
  const g = grounding(sources, opts);
  // Takeaways first: removedLinks lists what was taken out in the order it always has.
  const takeaways = cleanPoints(b.takeaways, limits.takeaway, limits.takeaways, g.clean);
  const out: Briefing = {
    ...b,
    headline: g.clean(b.headline, limits.headline),
    lede: g.clean(b.lede, limits.lede),
    takeaways,
    whyItMatters: g.clean(b.whyItMatters, limits.whyItMatters),
    actors: b.actors.map((a) => ({ ...a, name: g.clean(a.name, limits.actor), ...(a.role !== undefined ? { role: g.clean(a.role, limits.actor) } : {}) })),
  };
  if (!out.headline) g.failures.push({ field: 'headline', kind: 'empty', value: 'no headline' });
  g.check('headline', out.headline);
  g.check('lede', out.lede);
  g.checkCited('takeaway', out.takeaways);
  g.check('whyItMatters', out.whyItMatters);
  return { briefing: out, failures: g.failures, removedLinks: g.removedLinks };
}

/** A model's summary of a computed /actor or /phase answer: a few sentences and cited points. */
export interface SummaryDraft {
  text: string;
  points: Takeaway[];
}

export interface VerifiedSummary {
  /** Sanitised (as a briefing is), failures still in it. */
  summary: SummaryDraft;
  failures: GroundingFailure[];
  removedLinks: string[];
}

/**
 * The briefing's checks for an answer summary: the text grounded in any source, each point in the
 * sources it cites (at least one); sanitised and bounded. `sources` are the passages it was given.
 */
export function verifySummary(s: SummaryDraft, sources: readonly VerifySource[], opts: VerifyOptions = {}): VerifiedSummary {
  const limits = { ...VERIFY_LIMITS, ...opts.limits };
  const g = grounding(sources, opts);
  const out: SummaryDraft = { text: g.clean(s.text, limits.summary), points: cleanPoints(s.points, limits.point, limits.points, g.clean) };
  if (!out.text) g.failures.push({ field: 'summary', kind: 'empty', value: 'no summary' });
  g.check('summary', out.text);
  g.checkCited('point', out.points);
  return { summary: out, failures: g.failures, removedLinks: g.removedLinks };
}

/** The failures as lines a model can act on (the re-ask prompt lists them). */
export function describeFailures(failures: readonly GroundingFailure[]): string[] {
  return failures.map((f) => {
    const where = f.field === 'takeaway' || f.field === 'point' ? `${f.field} ${f.index! + 1}` : f.field;
    switch (f.kind) {
      case 'number':
        return `${where}: the figure "${f.value}" is not in the sources it cites`;
      case 'date':
        return `${where}: the date "${f.value}" is not in the sources it cites`;
      case 'name':
        return `${where}: the name "${f.value}" is not in the sources it cites`;
      case 'citation':
        return `${where}: ${f.value}; every ${f.field === 'point' ? 'point' : 'takeaway'} must cite at least one source number it is taken from`;
      case 'empty':
        return `${where}: ${f.value}`;
    }
  });
}

/**
 * The failing points dropped: failing takeaways go; in the lede and "why it matters" only the failing
 * sentences go; a failing headline or an emptied lede is taken from `fallback` (the extractive
 * briefing's, grounded by construction). Verify the result again to be sure.
 */
export function dropFailing(v: Verified, sources: readonly VerifySource[], fallback: Pick<Briefing, 'headline' | 'lede'>, opts: VerifyOptions = {}): Briefing {
  const b = v.briefing;
  const badTakeaways = new Set(v.failures.filter((f) => f.field === 'takeaway').map((f) => f.index));
  const fails = (field: GroundingField): boolean => v.failures.some((f) => f.field === field);
  const keepSentences = (text: string): string => {
    const all = evidenceOf(sources.flatMap((s) => [s.title ?? '', s.outlet ?? '', s.url, s.publishedAt?.slice(0, 10) ?? '', s.text]));
    const aliases = opts.aliases ?? defaultAliases;
    return sentencesOf(text)
      .filter((s) => ungrounded(s, all, aliases).length === 0)
      .join(' ');
  };
  const lede = fails('lede') ? keepSentences(b.lede) : b.lede;
  return {
    ...b,
    headline: fails('headline') ? fallback.headline : b.headline,
    lede: lede || fallback.lede,
    takeaways: b.takeaways.filter((_t, i) => !badTakeaways.has(i)),
    whyItMatters: fails('whyItMatters') ? keepSentences(b.whyItMatters) : b.whyItMatters,
  };
}
