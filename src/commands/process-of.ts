// The agreement a briefing's phase belongs to, for answers that show a phase (brief, digest): a
// storyline may hold two agreements with the same phase words (a truce of January 2025 and a plan
// of October 2025), so "phase two" alone does not say which.
import type { Briefing } from '../domain/types.js';
import type { ArticleSearch } from '../store/article-search.js';
import { phaseOrdinal } from '../analyze/phases.js';
import { phaseProcessesByArticle } from '../queries/phase.js';

type ProcessesByArticle = Awaited<ReturnType<typeof phaseProcessesByArticle>>;

/**
 * The process named for a briefing's phase: the one most of the stories' articles belong to, else
 * the storyline's only process for that phase; undefined when the briefing shows no phase or the
 * process cannot be told. `processes` (from processLookup) keeps one grouping per phase for a
 * whole answer: a digest asks once per phase, not once per entry.
 */
export async function briefingProcess(
  search: ArticleSearch,
  briefing: Briefing,
  storyIds: readonly number[],
  storylineId?: number,
  processes: (ordinal: number) => Promise<ProcessesByArticle> = processLookup(search),
): Promise<string | undefined> {
  if (!briefing.phase) return undefined;
  const ordinal = phaseOrdinal(briefing.phase.name);
  if (ordinal === undefined) return undefined;
  const byArticle = await processes(ordinal);
  const counts = new Map<string, number>();
  for (const { process, storyId } of byArticle.values()) {
    if (storyId !== undefined && storyIds.includes(storyId)) counts.set(process, (counts.get(process) ?? 0) + 1);
  }
  if (counts.size) return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  // Only a storyline's own process may stand in: another storyline's never names this story.
  const labels = new Set([...byArticle.values()].filter((x) => x.storylineId === storylineId).map((x) => x.process));
  return storylineId !== undefined && labels.size === 1 ? [...labels][0] : undefined;
}

/** The processes of each phase, grouped once per phase for as long as the lookup is kept. */
export function processLookup(search: ArticleSearch): (ordinal: number) => Promise<ProcessesByArticle> {
  const byOrdinal = new Map<number, Promise<ProcessesByArticle>>();
  return (ordinal) => {
    let p = byOrdinal.get(ordinal);
    if (!p) byOrdinal.set(ordinal, (p = phaseProcessesByArticle(search, ordinal)));
    return p;
  };
}
