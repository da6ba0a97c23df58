// Autocompletion: actor and phase names for a prefix, best first, at most 25. Candidates are the
// shipped table, admin aliases and names seen in analysed articles; a prefix of two or more
// characters also analyses the few most recent articles that hold a word starting with it. With a
// storyline (or story), only the names its own stored articles hold.
import { ACTOR_TABLE, NEWS_OUTLET_NAMES } from '../analyze/actor-table.js';
import { normaliseName, unifyPeople } from '../analyze/actors.js';
import { phaseName } from '../analyze/phases.js';
import type { ArticleSearch } from '../store/article-search.js';
import { cacheFor, type AnalysisCache } from './analysis-cache.js';
import { MAX_NAME_CHARS } from './common.js';
import { phasePhrases } from './phase.js';

const MAX_NAMES = 25;
const PREFIX_ARTICLES = 20;

function cleanPrefix(prefix: string | undefined): string {
  return normaliseName((prefix ?? '').slice(0, MAX_NAME_CHARS));
}

/** Whether a name, or one of its words, starts with the (normalised) prefix. */
function matches(name: string, p: string): boolean {
  if (!p) return true;
  const n = normaliseName(name);
  return n.startsWith(p) || n.split(/[\s-]+/).some((w) => w.startsWith(p));
}

/** Where names are offered from: one storyline's (or one story's) stored articles. */
export interface NameScope {
  storylineId?: number;
  storyId?: number;
}

/** Articles of a storyline read for its names: the latest, a bound on the first keystroke's cost. */
const SCOPE_ARTICLES = 100;

export async function actorNames(search: ArticleSearch, prefix?: string, scope: NameScope = {}): Promise<string[]> {
  if (scope.storylineId !== undefined || scope.storyId !== undefined) return scopedActorNames(search, prefix, scope);
  const p = cleanPrefix(prefix);
  const cache = cacheFor(search);
  const extra = await cache.extraAliases(search);
  // FTS has no safe prefix syntax through our port: read recent articles naming the word itself,
  // or, for no or a one-letter prefix, the latest articles, so names in the news come first.
  // The porter tokenizer stems a prefix too ("hay" -> "hai"), so a prefix search can miss: the
  // latest articles are always read as well.
  for (const a of await search.recentMatching({ phrases: [], limit: PREFIX_ARTICLES })) cache.actors(a, extra);
  if (p.length >= 2) {
    for (const a of await search.recentMatching({ phrases: [p], prefix: true, limit: PREFIX_ARTICLES })) cache.actors(a, extra);
  }
  // Only names the stored articles hold: a table entry or an alias offers a name only when some
  // article names it. News outlets and places are never actors.
  // One person is one name: a surname alone or another spelling offers the full name instead,
  // with the articles of every name counted.
  const { unified, articlesOf } = unifiedKnown(cache);
  const score = new Map<string, number>();
  const offer = (typedName: string, add: number): void => {
    const name = unified.get(typedName) ?? typedName;
    const k = cache.known.get(name);
    if (!k || k.kind === 'place' || NEWS_OUTLET_NAMES.has(name)) return;
    score.set(name, (score.get(name) ?? 10 + (articlesOf.get(name) ?? k.articles)) + add);
  };
  for (const name of cache.known.keys()) if (matches(name, p)) offer(name, 0);
  for (const e of ACTOR_TABLE) {
    if (e.kind !== 'place' && (e.aliases ?? []).some((al) => matches(al, p))) offer(e.name, 1);
  }
  for (const x of extra) if (matches(x.alias, p) || matches(x.canonical, p)) offer(x.canonical, 1);
  return bestFirst([...score.entries()], p);
}

/**
 * Names of one storyline (or story) only: those its stored articles hold, one per person (a
 * surname or a spelling offers the full name), most articles first. The store-wide known names
 * play no part: a name of another storyline is never offered.
 */
async function scopedActorNames(search: ArticleSearch, prefix: string | undefined, scope: NameScope): Promise<string[]> {
  const p = cleanPrefix(prefix);
  const cache = cacheFor(search);
  const extra = await cache.extraAliases(search);
  const q: Parameters<ArticleSearch['recentMatching']>[0] = { phrases: [], limit: SCOPE_ARTICLES };
  if (scope.storylineId !== undefined) q.storylineId = scope.storylineId;
  if (scope.storyId !== undefined) q.storyId = scope.storyId;
  const here = new Map<string, { name: string; kind: string; count: number }>();
  const articles = await search.recentMatching(q);
  for (const a of articles) {
    for (const s of cache.actors(a, extra).summaries) {
      const row = here.get(s.canonical);
      if (row) row.count++;
      else here.set(s.canonical, { name: s.canonical, kind: s.kind, count: 1 });
    }
  }
  // A story that names someone by surname alone ("Wang said"): the full name its storyline gives.
  const lone = [...here.values()].filter((r) => (r.kind === 'person' || r.kind === 'unknown') && !/\s/.test(r.name)).map((r) => r.name);
  const line = scope.storylineId ?? articles.find((a) => a.storylineId !== undefined)?.storylineId;
  const elsewhere = scope.storyId !== undefined && line !== undefined && lone.length ? await storylinePeople(search, line, lone) : [];
  const unified = unifyPeople([...here.values(), ...elsewhere.filter((n) => !here.has(n)).map((name) => ({ name, kind: 'person', count: 0 }))]);
  const score = new Map<string, number>();
  const kindOf = new Map<string, string>();
  for (const row of here.values()) {
    const name = unified.get(row.name) ?? row.name;
    score.set(name, (score.get(name) ?? 0) + row.count);
    kindOf.set(name, here.get(name)?.kind ?? row.kind);
  }
  const aliasesOf = new Map<string, string[]>();
  for (const e of ACTOR_TABLE) if (e.kind !== 'place') aliasesOf.set(e.name, e.aliases ?? []);
  for (const x of extra) aliasesOf.set(x.canonical, [...(aliasesOf.get(x.canonical) ?? []), x.alias]);
  // A person is offered under any of the names its articles give it ("lut" -> Howard Lutnick).
  const typedAs = new Map<string, string[]>();
  for (const row of here.values()) {
    const name = unified.get(row.name) ?? row.name;
    if (name !== row.name) typedAs.set(name, [...(typedAs.get(name) ?? []), row.name]);
  }
  const offered: Array<[string, number]> = [];
  for (const [name, n] of score) {
    if (kindOf.get(name) === 'place' || NEWS_OUTLET_NAMES.has(name)) continue;
    const hit = matches(name, p) || (typedAs.get(name) ?? []).some((x) => matches(x, p)) || (aliasesOf.get(name) ?? []).some((al) => matches(al, p));
    if (hit) offered.push([name, n]);
  }
  return bestFirst(offered, p);
}

/** Names that start with the prefix first, then by score, shorter, alphabetical; at most MAX_NAMES. */
function bestFirst(scored: Array<[string, number]>, p: string): string[] {
  return scored
    .sort((a, b) => {
      const ap = normaliseName(a[0]).startsWith(p) ? 1 : 0;
      const bp = normaliseName(b[0]).startsWith(p) ? 1 : 0;
      return bp - ap || b[1] - a[1] || a[0].length - b[0].length || a[0].localeCompare(b[0]);
    })
    .slice(0, MAX_NAMES)
    .map(([n]) => n);
}

/** Articles of the storyline read for the full names of a story's lone surnames. */
const SURNAME_ARTICLES = 20;

/**
 * The full names of people a storyline's stored articles give, of those whose surname is one of
 * `surnames` ("Wang" -> "Wang Yi"): a briefing of one of its stories that names a person by the
 * surname alone shows the full name. Reads only the latest articles holding those words.
 */
export async function storylinePeople(search: ArticleSearch, storylineId: number, surnames: readonly string[]): Promise<string[]> {
  const words = [...new Set(surnames.map((n) => n.trim()).filter((n) => n.length > 1))].slice(0, 8);
  if (!words.length) return [];
  const cache = cacheFor(search);
  const extra = await cache.extraAliases(search);
  const out = new Set<string>();
  for (const a of await search.recentMatching({ phrases: words, storylineId, limit: SURNAME_ARTICLES })) {
    for (const s of cache.actors(a, extra).summaries) if (s.kind === 'person' && /\s/.test(s.canonical)) out.add(s.canonical);
  }
  return [...out];
}

/**
 * Every known name's person (a surname or spelling -> the full name) and the articles of each
 * full name, all its names counted; computed again only once the known names changed (unifying
 * tens of thousands of names takes ~150 ms, too much for each autocompletion keystroke).
 */
const unifiedByCache = new WeakMap<AnalysisCache, { version: number; unified: Map<string, string>; articlesOf: Map<string, number> }>();
function unifiedKnown(cache: AnalysisCache): { unified: Map<string, string>; articlesOf: Map<string, number> } {
  const memo = unifiedByCache.get(cache);
  if (memo?.version === cache.knownVersion) return memo;
  const unified = unifyPeople([...cache.known].map(([name, k]) => ({ name, kind: k.kind, count: k.articles })));
  const articlesOf = new Map<string, number>();
  for (const [name, k] of cache.known) {
    const shown = unified.get(name) ?? name;
    articlesOf.set(shown, (articlesOf.get(shown) ?? 0) + k.articles);
  }
  const fresh = { version: cache.knownVersion, unified, articlesOf };
  unifiedByCache.set(cache, fresh);
  return fresh;
}

export async function phaseNames(search: ArticleSearch, prefix?: string): Promise<string[]> {
  const p = cleanPrefix(prefix);
  const cache = cacheFor(search);
  const counts = new Map<number, number>();
  const phrases = [1, 2, 3, 4, 5].flatMap((o) => phasePhrases(o));
  for (const a of await search.recentMatching({ phrases, limit: 40 })) {
    for (const m of cache.phases(a).mentions) counts.set(m.ordinal, (counts.get(m.ordinal) ?? 0) + 1);
  }
  const names: Array<[string, number]> = [];
  for (const [o, c] of counts) {
    const name = phaseName(o);
    const alt = ['', 'first', 'second', 'third', 'fourth', 'fifth'][o] ?? '';
    if (!p || matches(name, p) || alt.startsWith(p) || `${alt} phase`.startsWith(p) || `phase ${o}`.startsWith(p)) names.push([name, c]);
  }
  return names.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_NAMES).map(([n]) => n);
}
