// The actors and the phase of a briefing, from the same analysis that answers /actor and /phase,
// so every engine (extractive or a model) reports grounded actors and phases.
import type { BriefingActor, BriefingArticle, StoryAnalysis } from '../domain/types.js';
import { orderArticles } from './order.js';
import { extractActors, sameByShortForm, speaksOrActs, summarizeActors, unifyPeople } from '../analyze/actors.js';
import { NEWS_OUTLET_NAMES } from '../analyze/actor-table.js';
import { analyzePhases, type PhaseStatus } from '../analyze/phases.js';
import { NOT_ACTOR_ENDS, NOT_ACTOR_NAMES, NOT_NAME_STARTS } from './knowledge/not-actors.data.js';

/**
 * The actors and phase of a story, computed once outside any engine and handed to the one that
 * writes the briefing (BriefingRequest.analysis): the same answer whichever engine writes it.
 */
export function analyzeStory(articles: readonly BriefingArticle[], maxActors = 8, knownPeople: readonly string[] = []): StoryAnalysis {
  const ordered = orderArticles([...articles]);
  const phase = briefingPhase(ordered);
  return { actors: briefingActors(ordered, maxActors, knownPeople), ...(phase ? { phase } : {}) };
}

/** The actors named by a single word that may be a surname ("Wang", "Ruto"): whose full name to look for. */
export function loneNames(actors: readonly BriefingActor[]): string[] {
  return actors.filter((a) => (a.kind === 'person' || a.kind === 'unknown') && !/\s/.test(a.name.trim())).map((a) => a.name);
}

/**
 * Actors named in the story, most present first: named by more articles, then more often.
 * `knownPeople`: full names the story's storyline gives elsewhere ("Wang Yi"): a surname the story
 * names alone ("Wang said") is shown under the one of them that has it, when exactly one does.
 */
export function briefingActors(articles: readonly BriefingArticle[], limit = 8, knownPeople: readonly string[] = []): BriefingActor[] {
  const outlets = new Set(articles.map((a) => a.outlet?.toLowerCase()).filter(Boolean));
  const tally = new Map<string, Row>();
  articles.forEach((article, i) => {
    const mentions = extractActors(article.text, article.title ? { title: article.title } : {});
    for (const s of summarizeActors(mentions)) {
      if (s.kind === 'place' || NEWS_OUTLET_NAMES.has(s.canonical) || outlets.has(s.canonical.toLowerCase())) continue;
      // A name of unknown kind (no evidence of a person, not in the table) is an actor of the
      // story only where it speaks or acts, or where another article names the same person with
      // evidence (mergeVariants).
      const evident = s.kind !== 'unknown' || speaksOrActs(article.text, s.canonical, mentions);
      const row = tally.get(s.canonical);
      if (row) {
        row.articles++;
        row.mentions += s.mentions;
        row.actor.role ??= s.roles[0];
        row.evident ||= evident;
        if (row.actor.kind === 'unknown' && s.kind !== 'unknown') row.actor.kind = s.kind;
      } else {
        const actor: BriefingActor = { name: s.canonical, kind: s.kind };
        if (s.roles[0]) actor.role = s.roles[0];
        tally.set(s.canonical, { actor, articles: 1, mentions: s.mentions, first: i * 10_000 + s.firstSentence, evident });
      }
    }
  });
  return withFullNames(mergeVariants([...tally.values()].filter((r) => !notAnActor(r.actor.name))).filter((r) => r.evident), knownPeople)
    // A single passing mention in one article of several is noise, not an actor of the story.
    .filter((r) => articles.length === 1 || r.articles > 1 || r.mentions > 1 || r.actor.role)
    .sort((a, b) => b.articles - a.articles || b.mentions - a.mentions || a.first - b.first)
    .slice(0, limit)
    .map((r) => r.actor);
}

type Row = { actor: BriefingActor; articles: number; mentions: number; first: number; evident: boolean };

// What is never an actor of a briefing: words that open a capitalised run but are no part of a name
// ("Said Kate", "Play Facebook"), last words of runs that name an event, a work or a thing, and whole
// names of platforms and conditions (data: src/brief/knowledge/not-actors.data.ts).
const NOT_NAME_START = new RegExp(`^(?:${NOT_NAME_STARTS.join('|')})\\b`, 'i');
const NOT_ACTOR_END = new RegExp(`\\b(?:${NOT_ACTOR_ENDS.join('|')})$`, 'i');
const NOT_ACTOR = new Set(NOT_ACTOR_NAMES);

function notAnActor(name: string): boolean {
  const lower = name.toLowerCase();
  return NOT_ACTOR.has(lower) || NOT_NAME_START.test(name) || NOT_ACTOR_END.test(name);
}

/** A name's words, spelled the same way: apostrophes and hyphens folded, initials dropped. */
function nameTokens(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/[’']/g, "'")
    .split(/[\s-]+/)
    .map((t) => t.replace(/\.$/, ''))
    .filter((t) => t.length > 1);
}

/** One letter apart (a typo: "Barak" / "Barack"), for words of five letters or more. */
function oneEdit(a: string, b: string): boolean {
  if (a === b || Math.min(a.length, b.length) < 5 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(i + (a.length >= b.length ? 1 : 0)) === b.slice(i + (b.length >= a.length ? 1 : 0));
}

/**
 * One actor per person: "Burns", "Bishop Burns" and "Dallas Bishop Edward Burns", "Judy Mozes" and
 * "Judy Shalom Nir-Mozes", "Barak Obama" and "Barack Obama" are one person. A name whose words all
 * appear (or nearly: one typo) in a longer person's name joins it; the merged actor is shown under
 * its most used name of two words or more.
 */
function mergeVariants(rows: Row[]): Row[] {
  const people = rows.filter((r) => r.actor.kind === 'person' || r.actor.kind === 'unknown');
  const into = new Map<Row, Row>();
  const contains = (big: string[], small: string[]): boolean => small.every((t) => big.some((b) => b === t || oneEdit(b, t)));
  // "Mike Pompeo" in one article, "Michael Pompeo" in another: one person (the later joins the first).
  const byName = new Map(people.map((r) => [r.actor.name, r]));
  const short = sameByShortForm([...people].sort((a, b) => a.first - b.first).map((r) => r.actor.name));
  for (const r of people) {
    const to = byName.get(short.get(r.actor.name) ?? '');
    if (to) into.set(r, to);
  }
  for (const r of people) {
    if (into.has(r)) continue;
    const mine = nameTokens(r.actor.name);
    if (!mine.length) continue;
    // The longest other name holding all of this one's words.
    let host: Row | undefined;
    for (const o of people) {
      if (o === r) continue;
      const theirs = nameTokens(o.actor.name);
      // The same words both ways ("Nir-Mozes" / "Nir Mozes"): the later spelling joins the first.
      if (theirs.length < mine.length || (theirs.length === mine.length && (o.actor.name.length < r.actor.name.length || (o.actor.name.length === r.actor.name.length && o.first >= r.first)))) continue;
      if (contains(theirs, mine) && (!host || theirs.length > nameTokens(host.actor.name).length)) host = o;
    }
    if (host) into.set(r, host);
  }
  const root = (r: Row): Row => {
    let x = r;
    for (let n = 0; into.has(x) && n < 10; n++) x = into.get(x)!;
    return x;
  };
  const groups = new Map<Row, Row[]>();
  for (const r of rows) {
    const k = root(r);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r);
  }
  return [...groups.values()].map((g) => {
    if (g.length === 1) return g[0]!;
    const named = g.filter((r) => nameTokens(r.actor.name).length >= 2 && !NOT_NAME_START.test(r.actor.name));
    const shown = (named.length ? named : g).sort((a, b) => b.mentions - a.mentions || a.actor.name.length - b.actor.name.length)[0]!;
    // The person's kind when any of its names has the evidence ("Limbaugh said" in one article).
    const kind = shown.actor.kind === 'unknown' && g.some((r) => r.actor.kind === 'person') ? 'person' : shown.actor.kind;
    const actor: BriefingActor = { name: shown.actor.name, kind };
    const role = g.map((r) => r.actor.role).find(Boolean);
    if (role) actor.role = role;
    return {
      actor,
      articles: Math.max(...g.map((r) => r.articles)),
      mentions: g.reduce((n, r) => n + r.mentions, 0),
      first: Math.min(...g.map((r) => r.first)),
      evident: g.some((r) => r.evident),
    };
  });
}

/**
 * A surname named alone in the story ("Wang") under the full name the storyline gives the person
 * ("Wang Yi"); merged into that person's row when the story names them in full too.
 */
function withFullNames(rows: Row[], knownPeople: readonly string[]): Row[] {
  if (!knownPeople.length || !rows.some((r) => (r.actor.kind === 'person' || r.actor.kind === 'unknown') && !/\s/.test(r.actor.name))) return rows;
  const full = unifyPeople([
    ...rows.map((r) => ({ name: r.actor.name, kind: r.actor.kind, count: r.mentions })),
    ...knownPeople.map((name) => ({ name, kind: 'person' })),
  ]);
  const byName = new Map<string, Row>();
  const out: Row[] = [];
  for (const r of rows) {
    const to = /\s/.test(r.actor.name) ? undefined : full.get(r.actor.name);
    if (!to) {
      if (!byName.has(r.actor.name)) { byName.set(r.actor.name, r); out.push(r); }
      continue;
    }
    const host = byName.get(to) ?? rows.find((x) => x.actor.name === to);
    if (host && host !== r) {
      host.mentions += r.mentions;
      host.articles = Math.max(host.articles, r.articles);
      host.first = Math.min(host.first, r.first);
      host.actor.role ??= r.actor.role;
      continue;
    }
    r.actor = { ...r.actor, name: to, kind: 'person' };
    byName.set(to, r);
    out.push(r);
  }
  return out;
}

/**
 * The phase the story is about: the highest phase its articles report a status for, with the
 * status of the most recent report (articles are taken in date order).
 */
export function briefingPhase(articles: readonly BriefingArticle[]): { name: string; status: PhaseStatus } | undefined {
  // The phase a story is about: the one its titles name ("...sign first phase of tariff pact"),
  // else the highest one its articles give a status for.
  const titled = articles.map((a) => titlePhase(a.title ?? '')).filter((x): x is number => x !== undefined);
  const want = titled.length ? Math.max(...titled) : undefined;
  let best: { ordinal: number; name: string; status: PhaseStatus; when: string } | undefined;
  for (const article of articles) {
    const date = article.publishedAt ? new Date(article.publishedAt) : undefined;
    const when = article.publishedAt ?? '';
    for (const m of analyzePhases(article.text, date && !Number.isNaN(date.getTime()) ? date : undefined).mentions) {
      if (!m.status || (want !== undefined && m.ordinal !== want)) continue;
      const later = !best || m.ordinal > best.ordinal || (m.ordinal === best.ordinal && when > best.when);
      // In one article, a status stated outright ("stalled") outranks one read from "talks on".
      const stronger = best !== undefined && m.ordinal === best.ordinal && when === best.when && STATUS_STRENGTH[m.status.value] >= STATUS_STRENGTH[best.status];
      if (later || stronger) best = { ordinal: m.ordinal, name: m.name, status: m.status.value, when };
    }
  }
  return best && { name: best.name, status: best.status };
}

const STATUS_STRENGTH: Record<PhaseStatus, number> = { 'under negotiation': 0, underway: 1, agreed: 2, expiring: 2, stalled: 3, expired: 3, completed: 3 };
const ORDINALS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, '1': 1, '2': 2, '3': 3, '4': 4, i: 1, ii: 2, iii: 3, iv: 4, first: 1, second: 2, third: 3, fourth: 4 };

/** The phase a title names: "Phase Two", "second phase", "stage 2". */
function titlePhase(title: string): number | undefined {
  const m = /\b(?:phase|stage)\s+(one|two|three|four|[1-4]|iv|iii|ii|i)\b|\b(first|second|third|fourth)\s+(?:phase|stage)\b/i.exec(title);
  return m ? ORDINALS[(m[1] ?? m[2])!.toLowerCase()] : undefined;
}
