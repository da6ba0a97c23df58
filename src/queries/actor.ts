// /actor NAME: who an actor is (kind, aliases, roles), what it did and said lately (dated, each a
// sentence of a stored article with its source), its stance on the storyline's main issues, and
// the stories it appears in. Analysis runs over the most recent articles that name it.
//
// Attribution rule (documented because the text does not always repeat the name): a sentence
// that directly follows one of the actor's statements in the same paragraph and speaks through a
// pronoun or a reference noun ("..., they said, ...", "It also wants...", "The group...") continues
// that statement and is attributed to the actor too. Nothing else is attributed without the name.
import { ACTOR_TABLE, NEWS_OUTLET_NAMES } from '../analyze/actor-table.js';
import { actorAliases, actorStatements, canonicalActorName, personNameKey, sentenceSpans, suggestActors, summarizeActors, unifyPeople, type ActorMention } from '../analyze/actors.js';
import { PHASE_COMPONENTS } from '../analyze/phases.js';
import { isStopword, stem, words } from '../analyze/text.js';
import { shownSentence } from '../brief/clean.js';
import type { ActorKind } from '../domain/types.js';
import type { ArticleSearch, SearchedArticle } from '../store/article-search.js';
import { cacheFor } from './analysis-cache.js';
import { byDateDesc, cleanName, dateSentence, SourceList, type QuerySource } from './common.js';

export interface ActorActivity {
  /** YYYY-MM-DD, or null when neither the sentence nor its article is dated. */
  date: string | null;
  /** The date as written in the sentence ("June 5", "on Wednesday"), when it names one. */
  dateText?: string;
  /** A sentence of a stored article (quotes kept as the article has them). */
  text: string;
  /** The quoted words, when the actor speaks and the article quotes. */
  quote?: string;
  kind: 'said' | 'did';
  sources: number[];
}

export interface ActorStance {
  /** The main issue of the storyline (a phase component or sticking-point topic) it speaks to. */
  issue: string;
  /** Every main issue it speaks to, `issue` first: a sentence is listed once. */
  issues: string[];
  text: string;
  sources: number[];
}

export interface ActorView {
  name: string;
  kind: ActorKind;
  aliases: string[];
  roles: string[];
  /** People the articles tie to this actor by role ("Hamas delegation head"). */
  people: Array<{ name: string; roles: string[] }>;
  activity: ActorActivity[];
  stance: ActorStance[];
  stories: number[];
  appearsIn: Array<{ id: number; headline: string }>;
  sources: QuerySource[];
}

export interface ActorUnknown {
  name: string;
  nothingKnown: true;
  /** Why: no such name, or a known name with no stored evidence yet. */
  message: string;
  suggestions: string[];
}

export type ActorAnswer = ActorView | ActorUnknown;

export interface ActorQueryOptions {
  storylineId?: number;
  /** Most recent matching articles analysed (default 40). */
  articles?: number;
}

const MAX_ACTIVITY = 20;
const MAX_STANCE = 20;
/** Statements kept per issue, the latest first: every issue gets its say. */
const STANCE_PER_ISSUE = 3;
const CONTINUATION_RE =
  /,\s*(?:they|he|she)\s+(?:said|added|argued|insisted|stressed|warned|explained)\s*,|^(?:They|He|She|It)\s+(?:also\s+)?(?:said|say|says|added|argued|insists?|insisted|stressed|warned|wants?|wanted|hopes?|refuses?|refused|rejects?|rejected|demands?|demanded|will|would|has|had)\b|^(?:The|That)\s+(?:group|movement|delegation|envoy|organi[sz]ation|militants|government|ministry)\b/;
const STANCE_CUE_RE =
  /\b(?:refus\w*|reject\w*|turned (?:\w+ )?down|demand\w*|insist\w*|wants?|seek\w*|sought|press\w*|oppos\w*|object\w*|accept\w*|agree\w*|will not|won't|precondition|guarantees?|red line)\b/i;

/** Latest articles read for suggestions when a name is not found. */
const SUGGESTION_ARTICLES = 30;

export function isActorUnknown(a: ActorAnswer): a is ActorUnknown {
  return (a as ActorUnknown).nothingKnown === true;
}

export async function actorQuery(search: ArticleSearch, rawName: string, opts: ActorQueryOptions = {}): Promise<ActorAnswer> {
  const typed = cleanName(rawName, 'an actor name');
  const cache = cacheFor(search);
  const extra = await cache.extraAliases(search);
  let canonical = canonicalActorName(typed, extra) ?? canonicalActorName(typed, extra, cache.known.keys());
  const tableNames = new Set(ACTOR_TABLE.map((e) => e.name));
  const phrases = canonical ? [...new Set([canonical, typed, ...actorAliases(canonical, extra)])] : [typed];
  // A person is named by surname alone or spelt otherwise in some articles ("Lutnick", "Muhammad
  // Al Jaber"): those articles are read too, by the surname (its particle dropped).
  const isTableName = canonical !== undefined && tableNames.has(canonical);
  const surname = personNameKey(canonical ?? typed).split(' ').pop();
  if (!isTableName && surname && surname.length > 2) phrases.push(surname);
  const q: Parameters<ArticleSearch['recentMatching']>[0] = { phrases, limit: opts.articles ?? 40 };
  if (opts.storylineId !== undefined) q.storylineId = opts.storylineId;
  const articles = await search.recentMatching(q);

  let analysed = articles.map((a) => ({ a, ...cache.actors(a, extra) }));
  // One person across articles: the names that unify with another show as that one.
  const counts = new Map<string, { name: string; kind: string; count: number }>();
  for (const x of analysed) for (const s of x.summaries) {
    const c = counts.get(s.canonical);
    if (c) c.count++;
    else counts.set(s.canonical, { name: s.canonical, kind: s.kind, count: 1 });
  }
  const unified = unifyPeople(counts.values());
  const seenHere = new Set<string>();
  for (const name of counts.keys()) seenHere.add(unified.get(name) ?? name);
  if (!canonical || !seenHere.has(canonical)) canonical = canonicalActorName(typed, extra, seenHere) ?? canonical;
  if (canonical && unified.has(canonical)) canonical = unified.get(canonical);
  if (canonical) {
    const target = canonical;
    analysed = analysed.map((x) => (x.summaries.some((s) => s.canonical !== target && unified.get(s.canonical) === target) ? { ...x, ...asOne(x.mentions, target, unified) } : x));
  }

  const withActor = canonical ? analysed.filter((x) => x.summaries.some((s) => s.canonical === canonical)) : [];
  if (!canonical || withActor.length === 0) {
    // Names in the latest news are the likeliest meant: read a bounded set of them first.
    for (const a of await search.recentMatching({ phrases: [], limit: SUGGESTION_ARTICLES })) cache.actors(a, extra);
    const known = [...tableNames, ...cache.known.keys(), ...seenHere];
    const suggestions = suggestActors(typed, known, 5).filter((s) => s !== canonical);
    return {
      name: canonical ?? typed,
      nothingKnown: true,
      message: canonical ? `nothing known yet about ${canonical}: no stored article names it` : `no actor called "${typed}" in the stored articles`,
      suggestions,
    };
  }

  // A news outlet is a source cited, never an actor of the story.
  if (NEWS_OUTLET_NAMES.has(canonical)) {
    return { name: canonical, nothingKnown: true, message: `${canonical} is a news outlet: it reports the news, it is not an actor in it`, suggestions: [] };
  }
  const actorName: string = canonical;
  const storyIds = [...new Set(withActor.map((x) => x.a.storyId).filter((x): x is number => x !== undefined))];
  const storyDates = await search.storyDates(storyIds.filter((id) => withActor.some((x) => x.a.storyId === id && !x.a.publishedAt)));
  const sources = new SourceList();
  let kind: ActorKind = 'unknown';
  const aliasSet = new Map<string, string>();
  for (const al of actorAliases(canonical, extra)) if (al !== canonical) aliasSet.set(al.toLowerCase(), al);
  const roleCount = new Map<string, number>();
  const people = new Map<string, Set<string>>();
  const activity = new Map<string, ActorActivity & { order: number }>();
  const stance = new Map<string, ActorStance & { order: number }>();
  const escaped = canonical.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const roleRe = new RegExp(`\\b${escaped}\\b`, 'i');
  // "prisoner in Israel" places a person, it does not make them Israel's.
  const placedRe = new RegExp(`\\b(?:in|at|from|to|into|inside|near|across|over|against)\\s+(?:the\\s+)?${escaped}\\b`, 'i');

  for (const { a, mentions, summaries } of withActor) {
    const mine = summaries.find((s) => s.canonical === actorName)!;
    if (kind === 'unknown' || kind === 'place') kind = mine.kind;
    for (const al of mine.aliases) if (al !== canonical && !aliasSet.has(al.toLowerCase())) aliasSet.set(al.toLowerCase(), al);
    for (const r of mine.roles) roleCount.set(r, (roleCount.get(r) ?? 0) + 1);
    for (const s of summaries) {
      if (s.kind !== 'person' || s.canonical === canonical) continue;
      const tied = s.roles.filter((r) => roleRe.test(r) && !placedRe.test(r));
      if (!tied.length) continue;
      const set = people.get(s.canonical) ?? new Set<string>();
      for (const r of tied) set.add(r);
      people.set(s.canonical, set);
    }
    const storyDate = a.storyId !== undefined ? storyDates.get(a.storyId) : undefined;
    const spans = sentenceSpans(a.text);
    const paragraphs = cache.paragraphs(a);
    const statements = actorStatements(a.text, canonical, mentions);
    const picked = new Map<number, { text: string; quote?: string; kind: 'said' | 'did' }>();
    for (const st of statements) {
      picked.set(st.sentenceIndex, st.quote ? { text: st.text, quote: st.quote, kind: st.kind } : { text: st.text, kind: st.kind });
      const next = st.sentenceIndex + 1;
      const nextSpan = spans[next];
      if (nextSpan && paragraphs[next] === paragraphs[st.sentenceIndex] && CONTINUATION_RE.test(nextSpan.text) && !namesOtherSubject(mentions, next, canonical)) {
        picked.set(next, { text: nextSpan.text.trim(), kind: /\b(?:said|says|added|argued|insist|stressed|warned)\b/.test(nextSpan.text) ? 'said' : 'did' });
      }
    }
    for (const [si, st] of picked) {
      const key = st.text.toLowerCase();
      const n = sources.cite(a);
      const prev = activity.get(key);
      if (prev) {
        if (!prev.sources.includes(n)) prev.sources.push(n);
        continue;
      }
      const dating = dateSentence(st.text, a, storyDate);
      const item: ActorActivity & { order: number } = { date: dating.date, text: st.text, kind: st.kind, sources: [n], order: a.id * 1000 + si };
      if (dating.dateText) item.dateText = dating.dateText;
      if (st.quote) item.quote = st.quote;
      activity.set(key, item);
    }
    // Stance: its statements (first), and sentences naming it with a position cue, that touch a main issue.
    const stanceSentences = new Map<number, string>();
    for (const [si, st] of picked) stanceSentences.set(si, st.text);
    for (const m of mentions) {
      if (m.canonical !== canonical || stanceSentences.has(m.sentenceIndex)) continue;
      // Another actor named first is usually the one taking the position ("Hamas says it will not
      // ... until Israel ..."): the sentence is theirs, not this actor's.
      if (namedBefore(mentions, m, canonical)) continue;
      // Named as the object of another party's demand ("the demand to disarm Hamas", "the
      // disarmament of Hamas"): the position is not this actor's.
      const span = spans[m.sentenceIndex];
      if (span && OBJECT_BEFORE_RE.test(a.text.slice(Math.max(span.start, m.start - 40), m.start))) continue;
      const text = span?.text;
      if (text && STANCE_CUE_RE.test(text)) stanceSentences.set(m.sentenceIndex, text.trim());
    }
    for (const [si, text] of stanceSentences) {
      for (const c of PHASE_COMPONENTS) {
        if (!c.re.test(text)) continue;
        // One entry per sentence, with every issue it touches (PHASE_COMPONENTS order: main first).
        const key = text.toLowerCase();
        const n = sources.cite(a);
        const prev = stance.get(key);
        if (prev) {
          if (!prev.sources.includes(n)) prev.sources.push(n);
          if (!prev.issues.includes(c.name)) prev.issues.push(c.name);
        } else stance.set(key, { issue: c.name, issues: [c.name], text, sources: [n], order: (picked.has(si) ? 1e12 : 0) + a.id * 1000 + si });
      }
    }
  }

  const storyRefs = await search.stories(storyIds);
  // Shown without a wire dateline ("CAIRO, June 6 (Reuters) -"), only what is shown (a bounded cost).
  const strip = <T extends { order: number; text: string }>({ order: _o, ...rest }: T): Omit<T, 'order'> => ({ ...rest, text: shownSentence(rest.text) });
  return {
    name: canonical,
    kind,
    aliases: [...aliasSet.values()].slice(0, 20),
    roles: [...roleCount.entries()].sort((x, y) => y[1] - x[1]).map(([r]) => r).slice(0, 8),
    people: [...people.entries()].map(([name, roles]) => ({ name, roles: [...roles] })),
    // Merged among the latest few dozen only: what is shown, at a bounded cost.
    activity: mergeSameEvent([...activity.values()].sort(byDateDesc).slice(0, MAX_ACTIVITY * 3), canonical).sort(byDateDesc).slice(0, MAX_ACTIVITY).map(strip),
    stance: perIssue(mergeSameStance([...stance.values()]).sort((x, y) => issueRank(x.issue) - issueRank(y.issue) || y.order - x.order)).slice(0, MAX_STANCE).map(strip),
    stories: storyIds,
    appearsIn: storyRefs.map((s) => ({ id: s.id, headline: s.headline })),
    sources: sources.list(),
  };
}

/** An article's mentions with every name of one person shown as `target`, roles pooled. */
function asOne(mentions: readonly ActorMention[], target: string, unified: Map<string, string>): { mentions: ActorMention[]; summaries: ReturnType<typeof summarizeActors> } {
  const roles = new Set<string>();
  for (const m of mentions) if (m.canonical === target || unified.get(m.canonical) === target) for (const r of m.roles) roles.add(r);
  const pooled = [...roles];
  const out = mentions.map((m) => (m.canonical === target || unified.get(m.canonical) === target ? { ...m, canonical: target, kind: m.kind === 'unknown' ? 'person' : m.kind, roles: pooled } : m));
  return { mentions: out, summaries: summarizeActors(out) };
}

const OBJECT_BEFORE_RE = /\b(?:of|to|against|over|about|regarding|on|from|disarm\w*|defeat\w*|destroy\w*|eliminat\w*|isolat\w*|sanction\w*|pressure|pressed|urg\w*|ask\w*|call\w* on)\s+(?:the\s+)?$/i;
const DATE_WORDS = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|january|february|march|april|may|june|july|august|september|october|november|december|\d+)$/;

/**
 * The same event reported by several outlets, or twice in one, is one line with all its sources:
 * two lines whose content words (the actor's own name and dates left out) mostly coincide are
 * merged into the earliest reported, most specific one.
 */
function mergeSameEvent<T extends ActorActivity & { order: number }>(items: T[], actor: string): T[] {
  const own = new Set(words(actor).map(stem));
  const termsOf = (t: string): Set<string> => new Set(words(t).filter((w) => w.length > 2 && !isStopword(w) && !DATE_WORDS.test(w)).map(stem).filter((w) => !own.has(w)));
  const kept: Array<{ item: T; terms: Set<string> }> = [];
  for (const item of [...items].sort((x, y) => x.order - y.order)) {
    const terms = termsOf(item.text);
    const same = kept.find((k) => {
      let shared = 0;
      for (const t of terms) if (k.terms.has(t)) shared++;
      const small = Math.min(terms.size, k.terms.size);
      // Two dated reports on different days stay apart: the sources disagree, and both are shown.
      if (item.date && k.item.date && item.date !== k.item.date) return false;
      return item.kind === k.item.kind && shared >= 4 && small > 0 && shared / small >= 0.5 && shared / (terms.size + k.terms.size - shared) >= 0.2;
    });
    if (!same) {
      kept.push({ item, terms });
      continue;
    }
    for (const n of item.sources) if (!same.item.sources.includes(n)) same.item.sources.push(n);
    // The dated report is shown over an undated one (its words and its date).
    if (!same.item.date && item.date) {
      same.item.text = item.text;
      same.item.date = item.date;
      if (item.dateText) same.item.dateText = item.dateText;
      else delete same.item.dateText;
      if (item.quote) same.item.quote = item.quote;
      else delete same.item.quote;
    }
  }
  for (const k of kept) k.item.sources.sort((a, b) => a - b);
  return kept.map((k) => k.item);
}

/**
 * One position reported by several articles is one line with all its sources: two stance lines on
 * the same issue whose content words mostly coincide keep the first reported, sources pooled.
 */
function mergeSameStance<T extends ActorStance & { order: number }>(items: T[]): T[] {
  const termsOf = (t: string): Set<string> => new Set(words(t).filter((w) => w.length > 2 && !isStopword(w) && !DATE_WORDS.test(w)).map(stem));
  const kept: Array<{ item: T; terms: Set<string> }> = [];
  for (const item of [...items].sort((x, y) => x.order - y.order)) {
    const terms = termsOf(item.text);
    const same = kept.find((k) => {
      if (k.item.issue !== item.issue) return false;
      let shared = 0;
      for (const t of terms) if (k.terms.has(t)) shared++;
      const small = Math.min(terms.size, k.terms.size);
      // The thresholds of mergeSameEvent: one report of the event, told in other words.
      return shared >= 4 && small > 0 && shared / small >= 0.5 && shared / (terms.size + k.terms.size - shared) >= 0.2;
    });
    if (!same) {
      kept.push({ item, terms });
      continue;
    }
    for (const n of item.sources) if (!same.item.sources.includes(n)) same.item.sources.push(n);
    same.item.sources.sort((a, b) => a - b);
  }
  return kept.map((k) => k.item);
}

function perIssue<T extends { issue: string }>(xs: T[]): T[] {
  const seen = new Map<string, number>();
  return xs.filter((x) => {
    const n = (seen.get(x.issue) ?? 0) + 1;
    seen.set(x.issue, n);
    return n <= STANCE_PER_ISSUE;
  });
}

function issueRank(issue: string): number {
  const i = PHASE_COMPONENTS.findIndex((c) => c.name === issue);
  return i < 0 ? 99 : i;
}

/** Whether another (non-place) actor is the one speaking in sentence `si`. */
function namesOtherSubject(mentions: readonly ActorMention[], si: number, canonical: string): boolean {
  return mentions.some((m) => m.sentenceIndex === si && m.canonical !== canonical && m.kind !== 'place');
}

/** Whether another (non-place) actor is named in the sentence before this actor first is. */
function namedBefore(mentions: readonly ActorMention[], m: ActorMention, canonical: string): boolean {
  const first = Math.min(...mentions.filter((x) => x.sentenceIndex === m.sentenceIndex && x.canonical === canonical).map((x) => x.start));
  return mentions.some((x) => x.sentenceIndex === m.sentenceIndex && x.canonical !== canonical && x.kind !== 'place' && x.start < first);
}

/** Re-export for callers that build their own suggestions list. */
export type { SearchedArticle };
