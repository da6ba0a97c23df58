// Incremental story clustering. A new article is compared only with a bounded set of candidate
// stories fetched through the story term index (top centroid terms -> most recent stories, within a
// time window when the article is dated), so the cost per article does not grow with the archive.
import type { Store, StoryProfile, TermVector } from '../store/store.js';
import { cosine } from './vector.js';

export interface ClusterOptions {
  /** Join the best story when its score reaches this. */
  joinThreshold: number;
  /** Link a new story to the storyline of a story scoring at least this (looser). */
  storylineThreshold: number;
  /** Terms kept per article vector, per story centroid, indexed per story, looked up per article. */
  vectorTerms: number;
  centroidTerms: number;
  indexTerms: number;
  queryTerms: number;
  /** Stories read per looked-up term (most recent first), and candidates scored at most. */
  perTerm: number;
  maxCandidates: number;
  /** Weight multiplier of proper-name terms. */
  nameBoost: number;
  /** Power of the IDF in term weights (2: IDF on both sides of the cosine; see tfidfVector). */
  idfPower: number;
  /** The idf exponent of the second, broader candidate query for a new story's storyline. */
  storylineIdfPower: number;
  /** Weight of the title-term overlap in the score. */
  titleWeight: number;
  /** A dated article joins no story whose dated articles are further than this (days). */
  maxEventGapDays: number;
  /** A story this far (days) from a storyline's dates starts a new storyline. */
  storylineGapDays: number;
  /**
   * Score taken off when the story is dated but the article is not: the date evidence that would
   * place it in the same event is missing, and undated pieces are often background or analysis.
   */
  undatedPenalty: number;
  /**
   * Undated article and story: arrival order is the only time signal left. As in TDT's time window
   * of the last m documents, coverage of one event arrives in bursts, so a story that took one of
   * the last few articles gets its similarity multiplied by 1 + arrivalBoost * exp(-gap / arrivalTau)
   * (gap: articles ingested since), while a stale one must match on content alone at the stricter
   * `undatedJoinThreshold`.
   */
  arrivalBoost: number;
  arrivalTau: number;
  undatedJoinThreshold: number;
  /**
   * The event query asks with the article's heaviest terms, and IDF weighs down exactly the terms it
   * shares with the archive: in a young archive (a few articles) every shared name ranks below the
   * article's own unseen words, which no story can hold, and a second outlet's report of the same
   * event finds no candidate at all. When the first query finds no story to join, it is asked
   * again with the heaviest terms the archive has seen. Those stories met no rare term, only shared
   * ones, so they join on a content similarity of at least this (with time evidence on top), not on
   * arrival order alone.
   */
  seenQueryMinSimilarity: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  joinThreshold: 0.16,
  storylineThreshold: 0.1,
  vectorTerms: 100,
  centroidTerms: 80,
  indexTerms: 20,
  queryTerms: 15,
  perTerm: 8,
  maxCandidates: 8,
  nameBoost: 1.5,
  idfPower: 2,
  storylineIdfPower: 1,
  titleWeight: 0.1,
  maxEventGapDays: 4,
  storylineGapDays: 183,
  undatedPenalty: 0.2,
  arrivalBoost: 10,
  arrivalTau: 2,
  undatedJoinThreshold: 0.4,
  seenQueryMinSimilarity: 0.12,
};

const DAY = 86_400_000;

export interface ArticleSignal {
  vector: TermVector;
  titleTerms: string[];
  /** publishedAt (epoch ms) when known. */
  date?: number;
  /** Arrival sequence: the id this article will get (last stored id + 1). */
  seq?: number;
  /** When the article arrived (ingest time, epoch ms): an archive article also meets the stories of its arrival. */
  arrivedAt?: number;
}

/** Days between a date and a [from, to] range; 0 inside it. */
export function gapDays(date: number, from: number, to: number): number {
  return Math.max(0, from - date, date - to) / DAY;
}

/** Content similarity of an article and a story: cosine to centroid plus title-term overlap. */
export function similarity(a: ArticleSignal, s: StoryProfile, o: ClusterOptions): number {
  let score = cosine(a.vector, s.centroid);
  if (a.titleTerms.length && s.titleTerms.length) {
    // Both lists hold each term once: count the story's terms found among the article's few.
    const at = titleSet(a.titleTerms);
    let shared = 0;
    for (const t of s.titleTerms) if (at.has(t)) shared++;
    score += o.titleWeight * (Math.min(shared, at.size) / a.titleTerms.length);
  }
  return score;
}

/** The article's title terms as a set, built once per article (it is scored against many stories). */
const titleSets = new WeakMap<string[], Set<string>>();
function titleSet(terms: string[]): Set<string> {
  let set = titleSets.get(terms);
  if (!set) titleSets.set(terms, (set = new Set(terms)));
  return set;
}

/** How well an article fits a story as one event: similarity plus date proximity (-1: too far apart). */
export function scoreStory(a: ArticleSignal, s: StoryProfile, o: ClusterOptions, sim = similarity(a, s, o)): number {
  let score = sim;
  if (a.date !== undefined && s.eventFrom !== undefined && s.eventTo !== undefined) {
    const gap = gapDays(a.date, s.eventFrom, s.eventTo);
    if (gap > o.maxEventGapDays) return -1;
    score += 0.05 * (1 - gap / o.maxEventGapDays);
  } else if (a.date === undefined && s.eventFrom !== undefined) {
    score -= o.undatedPenalty;
  } else if (a.date === undefined && a.seq !== undefined) {
    const gap = Math.max(1, a.seq - s.lastArticleId);
    // Scaled so that the one join threshold applies to both paths.
    score *= (1 + o.arrivalBoost * Math.exp(-gap / o.arrivalTau)) * (o.joinThreshold / o.undatedJoinThreshold);
  }
  return score;
}

export interface ScoredStory {
  profile: StoryProfile;
  /** Fit as the same event (dates included). */
  score: number;
  /** Content similarity alone (storyline linking). */
  similarity: number;
}

/** Candidate stories for an article, scored, best first. */
export async function scoreCandidates(store: Store, a: ArticleSignal, queryTerms: string[], o: ClusterOptions): Promise<ScoredStory[]> {
  const window = a.date !== undefined ? { from: a.date - o.storylineGapDays * DAY, to: a.date + o.storylineGapDays * DAY } : {};
  let hits = await store.findStoryCandidates({ terms: queryTerms, perTerm: o.perTerm, ...window });
  // An article dated long before it arrived (an archive copy) also meets the stories started around
  // its arrival: undated copies of the same event are indexed at their ingest time.
  if (a.date !== undefined && a.arrivedAt !== undefined && Math.abs(a.arrivedAt - a.date) > o.storylineGapDays * DAY) {
    const recent = await store.findStoryCandidates({ terms: queryTerms, perTerm: o.perTerm, from: a.arrivedAt - o.maxEventGapDays * DAY, to: a.arrivedAt + o.maxEventGapDays * DAY });
    const merged = new Map(hits.map((h) => [h.storyId, h.hits]));
    for (const h of recent) merged.set(h.storyId, Math.max(merged.get(h.storyId) ?? 0, h.hits));
    hits = [...merged].map(([storyId, n]) => ({ storyId, hits: n })).sort((x, y) => y.hits - x.hits || y.storyId - x.storyId);
  }
  const ids = hits.slice(0, o.maxCandidates).map((h) => h.storyId);
  const profiles = await store.getStoryProfiles(ids);
  return profiles
    .map((profile) => {
      const sim = similarity(a, profile, o);
      return { profile, similarity: sim, score: scoreStory(a, profile, o, sim) };
    })
    .sort((x, y) => y.score - x.score);
}

/**
 * The second event query (see `seenQueryMinSimilarity`): candidates met by the article's heaviest
 * terms that the archive has seen (`seenTerms`) and not already in `scored`, scored the same way,
 * and among them the best the article may join (none: `join` unset; undefined when the terms add nothing).
 */
export async function scoreSeenTermCandidates(
  store: Store,
  a: ArticleSignal,
  queryTerms: string[],
  seenTerms: string[],
  scored: ScoredStory[],
  o: ClusterOptions,
): Promise<{ join?: StoryProfile } | undefined> {
  const asked = new Set(queryTerms);
  if (seenTerms.every((t) => asked.has(t))) return undefined;
  const known = new Set(scored.map((s) => s.profile.storyId));
  const more = (await scoreCandidates(store, a, seenTerms, o)).filter((s) => !known.has(s.profile.storyId));
  const best = more.find((s) => s.similarity >= o.seenQueryMinSimilarity);
  return best && best.score >= o.joinThreshold ? { join: best.profile } : {};
}

/**
 * The storyline a new story should join: that of the best-scoring story above the looser threshold
 * whose storyline dates lie within `storylineGapDays` of the article (when both are dated).
 */
export async function pickStoryline(store: Store, a: ArticleSignal, scored: ScoredStory[], o: ClusterOptions): Promise<number | undefined> {
  const bySimilarity = [...scored].sort((x, y) => y.similarity - x.similarity);
  for (const { profile, similarity: sim } of bySimilarity) {
    if (sim < o.storylineThreshold) break;
    if (profile.storylineId === undefined) continue;
    if (a.date !== undefined) {
      const line = await store.getStorylineProfile(profile.storylineId);
      if (line?.eventFrom !== undefined && line.eventTo !== undefined && gapDays(a.date, line.eventFrom, line.eventTo) > o.storylineGapDays) continue;
    }
    return profile.storylineId;
  }
  return undefined;
}
