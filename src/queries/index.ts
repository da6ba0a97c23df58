// The query layer for /actor, /phase, /timeline and autocompletion, computed at query time from
// stored articles through the ArticleSearch port.
import { UserError } from '../domain/errors.js';
import type { ArticleSearch } from '../store/article-search.js';
import { cacheFor } from './analysis-cache.js';
import { cleanName } from './common.js';

export { actorQuery, isActorUnknown, type ActorAnswer, type ActorView, type ActorUnknown, type ActorActivity, type ActorStance, type ActorQueryOptions } from './actor.js';
export { phaseQuery, phasePhrases, isPhaseCandidates, isPhaseUnknown, type PhaseAnswer, type PhaseView, type PhaseCandidates, type PhaseCandidate, type PhaseUnknown, type PhaseQueryOptions } from './phase.js';
export { timelineQuery, type TimelineView, type TimelineEntry, type TimelineOptions } from './timeline.js';
export { actorNames, phaseNames, storylinePeople, type NameScope } from './names.js';
export { type QuerySource, sinceOption } from './common.js';
export { AnalysisCache, cacheFor } from './analysis-cache.js';
export type { ArticleSearch, SearchedArticle, ArticleMatchQuery } from '../store/article-search.js';
export { createSqliteArticleSearch } from '../store/sqlite-article-search.js';

/** Admin: add an alias ("IOF" -> "Israeli military"); later queries use it. */
export async function addActorAlias(search: ArticleSearch, alias: string, canonical: string): Promise<void> {
  const a = cleanName(alias, 'an alias');
  const c = cleanName(canonical, 'the canonical name');
  if (a.toLowerCase() === c.toLowerCase()) throw new UserError('bad_input', 'an alias must differ from its canonical name');
  await search.addAlias(a, c);
  cacheFor(search).invalidateAliases();
}
