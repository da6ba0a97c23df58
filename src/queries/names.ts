// Autocompletion: actor and phase names for a prefix, best first, at most 25. Candidates are the
// shipped table, admin aliases and names seen in analysed articles; a prefix of two or more
// characters also analyses the few most recent articles that hold a word starting with it.
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

export async function actorNames(search: ArticleSearch, prefix?: string): Promise<string[]> {
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
  return [...score.entries()]
    .sort((a, b) => {
      const ap = normaliseName(a[0]).startsWith(p) ? 1 : 0;
      const bp = normaliseName(b[0]).startsWith(p) ? 1 : 0;
      return bp - ap || b[1] - a[1] || a[0].length - b[0].length || a[0].localeCompare(b[0]);
    })
    .slice(0, MAX_NAMES)
    .map(([n]) => n);
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
