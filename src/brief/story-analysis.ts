// The actors and the phase of a briefing, from the same analysis that answers /actor and /phase,
// so every engine (extractive or a model) reports grounded actors and phases.
import type { BriefingActor, BriefingArticle } from '../domain/types.js';
import { extractActors, summarizeActors } from '../analyze/actors.js';
import { NEWS_OUTLET_NAMES } from '../analyze/actor-table.js';
import { analyzePhases, type PhaseStatus } from '../analyze/phases.js';

/** Actors named in the story, most present first: named by more articles, then more often. */
export function briefingActors(articles: readonly BriefingArticle[], limit = 8): BriefingActor[] {
  const outlets = new Set(articles.map((a) => a.outlet?.toLowerCase()).filter(Boolean));
  const tally = new Map<string, { actor: BriefingActor; articles: number; mentions: number; first: number }>();
  articles.forEach((article, i) => {
    for (const s of summarizeActors(extractActors(article.text))) {
      if (s.kind === 'place' || NEWS_OUTLET_NAMES.has(s.canonical) || outlets.has(s.canonical.toLowerCase())) continue;
      const row = tally.get(s.canonical);
      if (row) {
        row.articles++;
        row.mentions += s.mentions;
        row.actor.role ??= s.roles[0];
      } else {
        const actor: BriefingActor = { name: s.canonical, kind: s.kind };
        if (s.roles[0]) actor.role = s.roles[0];
        tally.set(s.canonical, { actor, articles: 1, mentions: s.mentions, first: i * 10_000 + s.firstSentence });
      }
    }
  });
  return [...tally.values()]
    // A single passing mention in one article of several is noise, not an actor of the story.
    .filter((r) => articles.length === 1 || r.articles > 1 || r.mentions > 1 || r.actor.role)
    .sort((a, b) => b.articles - a.articles || b.mentions - a.mentions || a.first - b.first)
    .slice(0, limit)
    .map((r) => r.actor);
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
