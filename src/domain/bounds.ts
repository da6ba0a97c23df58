// Size bounds on what one input can make us store or show. A 140,000-character title made a
// 140,000-character headline, and a story of 10,000 articles a 1.1 MB briefing listing 10,000
// sources. The chat platforms' own limits come on top of these, in their renderers.
import type { Briefing, BriefingSource } from './types.js';

/** Longest title stored (and headline shown), in characters. */
export const MAX_TITLE_CHARS = 300;
/** Most sources listed in one briefing; `coverage` still tells how many there were. */
export const MAX_BRIEFING_SOURCES = 20;
/** Most citations after one takeaway. */
export const MAX_TAKEAWAY_CITATIONS = 5;

/** Longest outlet name stored. */
export const MAX_OUTLET_CHARS = 100;

/**
 * One line of `max` characters at most, cut at a word boundary where there is one, with "…".
 * Control characters go too (a title with terminal escape sequences must not reach a terminal).
 */
export function boundText(text: string, max: number = MAX_TITLE_CHARS): string {
  const t = text.replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The outlet of a source, or its host when it names none (what "N outlets" counts). */
export function sourceOutlet(s: Pick<BriefingSource, 'outlet' | 'url'>): string {
  if (s.outlet) return s.outlet.trim().toLowerCase();
  try {
    // A file or text with no outlet named: all such sources count as one unnamed outlet, never
    // one outlet per file.
    return new URL(s.url).hostname.replace(/^www\./, '') || UNNAMED_OUTLET;
  } catch {
    return UNNAMED_OUTLET;
  }
}
const UNNAMED_OUTLET = '(unnamed)';

/**
 * Bounds a briefing from any engine: headline and source titles cut to MAX_TITLE_CHARS, at most
 * MAX_BRIEFING_SOURCES sources (the ones the takeaways cite first, then in the engine's order,
 * renumbered 1..n), at most MAX_TAKEAWAY_CITATIONS citations per takeaway. When sources were
 * dropped, `coverage` keeps the true counts of articles and distinct outlets.
 */
export function boundBriefing(b: Briefing): Briefing {
  const headline = boundText(b.headline);
  const cited = new Set(b.takeaways.flatMap((t) => t.sources.slice(0, MAX_TAKEAWAY_CITATIONS)));
  let kept = b.sources;
  let coverage = b.coverage;
  if (b.sources.length > MAX_BRIEFING_SOURCES) {
    const first = b.sources.filter((s) => cited.has(s.n));
    const rest = b.sources.filter((s) => !cited.has(s.n));
    const chosen = new Set([...first, ...rest].slice(0, MAX_BRIEFING_SOURCES).map((s) => s.n));
    kept = b.sources.filter((s) => chosen.has(s.n)); // the engine's order
    coverage ??= { articles: b.sources.length, outlets: new Set(b.sources.map(sourceOutlet)).size };
  }
  const renumber = new Map(kept.map((s, i) => [s.n, i + 1]));
  return {
    ...b,
    headline,
    takeaways: b.takeaways.map((t) => ({
      ...t,
      sources: t.sources.flatMap((n) => (renumber.has(n) ? [renumber.get(n)!] : [])).slice(0, MAX_TAKEAWAY_CITATIONS),
    })),
    sources: kept.map((s) => ({ ...s, n: renumber.get(s.n)!, title: boundText(s.title) })),
    ...(coverage ? { coverage } : {}),
  };
}
