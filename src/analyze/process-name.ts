// What a process is, for its name: the place it is about (its subject: "the ceasefire in X", "X's
// truce") rather than the place where its talks are held (the venue: "talks in Y", "arrived in
// Y"), and its kind ("ceasefire", "trade") where the anchor noun is only "agreement" or "deal".
// Read from the words right around each place mention; the word lists live in
// knowledge/phase-vocabulary.data.ts.
import * as V from './knowledge/phase-vocabulary.data.js';
import type { ActorMention } from './actors.js';

/** How an article (title and text) uses one place. */
export interface PlaceRoles {
  /** Mentions naming the process ("X ceasefire", "the war in X"), title included. */
  subject: number;
  /** 1 when the title names the place other than as a venue. */
  title: number;
  /** Other mentions that are not a venue. */
  plain: number;
  /** Mentions as the place talks are held or people travel to. */
  venue: number;
}

const SUBJECT_AFTER = new RegExp(String.raw`^(?:['’]s\s+(?:[\p{L}-]+\s+)?|\s+)${V.SUBJECT_NOUN_PATTERN}(?![\p{L}])`, 'iu');
const SUBJECT_BEFORE = new RegExp(String.raw`(?<![\p{L}])${V.SUBJECT_NOUN_PATTERN}\s+(?:in|for|over)\s+(?:the\s+)?$`, 'iu');
// Up to three words between the cue and the preposition ("dispatched negotiators to X"); a
// punctuation mark in between ends the clause, so no match across it.
const VENUE_BEFORE = new RegExp(
  String.raw`(?<![\p{L}])${V.VENUE_CUE_PATTERN}(?:\s+[\p{L}'’-]+){0,3}?\s+(?:in|to|at)\s+(?:the\s+)?$|(?<![\p{L}])${V.VENUE_DIRECT_PATTERN}\s+$`,
  'iu',
);
const VENUE_AFTER = new RegExp(String.raw`^(?:['’]s)?\s+${V.VENUE_AFTER_PATTERN}(?![\p{L}])`, 'iu');
/** A wire dateline ("X - ", "X, May 2 -") says where the reporter is: a venue, not a subject. */
const DATELINE_AFTER = /^\s*(?:[-—–]|,\s*[A-Z][a-z]+\s+\d)/;

/** The role of the place written at `start` (as `surface`) in `text`. */
export function placeRole(text: string, start: number, surface: string): 'subject' | 'venue' | 'plain' {
  const before = text.slice(Math.max(0, start - 80), start);
  const after = text.slice(start + surface.length, start + surface.length + 60);
  if (SUBJECT_AFTER.test(after) || SUBJECT_BEFORE.test(before)) return 'subject';
  if (VENUE_BEFORE.test(before) || VENUE_AFTER.test(after)) return 'venue';
  if (/(?:^|\n)\s*$/.test(before) && DATELINE_AFTER.test(after)) return 'venue';
  return 'plain';
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Each place of an article with how the article uses it. `mentions` are the text's actor mentions. */
export function placeRoles(title: string, text: string, mentions: readonly ActorMention[]): Map<string, PlaceRoles> {
  const out = new Map<string, PlaceRoles>();
  const roles = (p: string) => {
    let r = out.get(p);
    if (!r) out.set(p, (r = { subject: 0, title: 0, plain: 0, venue: 0 }));
    return r;
  };
  const surfaces = new Map<string, Set<string>>();
  for (const m of mentions) {
    if (m.kind !== 'place') continue;
    roles(m.canonical)[placeRole(text, m.start, m.surface)]++;
    const s = surfaces.get(m.canonical) ?? new Set([m.canonical]);
    s.add(m.surface);
    surfaces.set(m.canonical, s);
  }
  // The title, read the same way: its first naming of each place counts once.
  for (const [place, names] of surfaces) {
    const words = [...names].filter((n) => n.length > 2).sort((a, b) => b.length - a.length).map(escapeRe);
    const m = new RegExp(`(?<![\\p{L}])(?:${words.join('|')})(?![\\p{L}])`, 'iu').exec(title);
    if (!m) continue;
    const role = placeRole(title, m.index, m[0]);
    const r = roles(place);
    if (role === 'venue') r.venue++;
    else {
      r.title = 1;
      if (role === 'subject') r.subject++;
    }
  }
  return out;
}

/** The roles of several articles together (a process's). */
export function sumPlaceRoles(all: Iterable<Map<string, PlaceRoles>>): Map<string, PlaceRoles> {
  const out = new Map<string, PlaceRoles>();
  for (const one of all) for (const [p, r] of one) {
    const t = out.get(p) ?? { subject: 0, title: 0, plain: 0, venue: 0 };
    t.subject += r.subject;
    t.title += r.title;
    t.plain += r.plain;
    t.venue += r.venue;
    out.set(p, t);
  }
  return out;
}

/**
 * The place a process is about: the one that names it most ("X ceasefire"), else the one most
 * titles name, else the one most mentioned other than as a venue. A place named only as where the
 * talks are held is never it: a process named after its venue would mislead.
 */
export function subjectPlace(roles: Map<string, PlaceRoles>): string | undefined {
  return [...roles]
    .filter(([, r]) => r.subject + r.title + r.plain > 0)
    .sort(([a, x], [b, y]) => y.subject - x.subject || y.title - x.title || y.plain - x.plain || (a < b ? -1 : a > b ? 1 : 0))[0]?.[0];
}

const GENERIC = V.GENERIC_PROCESS_NOUNS.join('|');
const GENERIC_NOUN_RE = new RegExp(`^(?:${GENERIC})$`, 'i');
const KINDS = V.PROCESS_KIND_PATTERNS.map((k) => ({
  name: k.name,
  re: new RegExp(k.standalone ? `\\b(?:${k.pattern})\\b` : `\\b(?:${k.pattern})\\s+(?:${GENERIC})s?\\b`, 'gi'),
}));

/** "agreement", "deal": a noun that does not say what kind of process it is ("peace plan" does). */
export function isGenericProcessNoun(noun: string): boolean {
  return GENERIC_NOUN_RE.test(noun.trim());
}

/** How often a text calls a process by each specific kind ("the ceasefire", "a tariff pact"). */
export function processKinds(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of KINDS) {
    const n = text.match(k.re)?.length ?? 0;
    if (n) out.set(k.name, n);
  }
  return out;
}

/**
 * The kind most of a process's articles call it by (counts per article): the one in the most
 * articles, then the most often, then the first in the data's order. None unless at least half of
 * the articles use it, so that one passing word does not rename a process.
 */
export function commonKind(perArticle: ReadonlyArray<Map<string, number>>): string | undefined {
  const order = KINDS.map((k) => k.name);
  const tally = new Map<string, { articles: number; count: number }>();
  for (const one of perArticle) for (const [k, n] of one) {
    const t = tally.get(k) ?? { articles: 0, count: 0 };
    t.articles++;
    t.count += n;
    tally.set(k, t);
  }
  const best = [...tally]
    .filter(([, t]) => t.articles * 2 >= perArticle.length)
    .sort(([a, x], [b, y]) => y.articles - x.articles || y.count - x.count || order.indexOf(a) - order.indexOf(b))[0];
  return best?.[0];
}
