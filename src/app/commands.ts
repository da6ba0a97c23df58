// Services, and the building blocks of the commands: each function takes parsed arguments and
// returns data (briefings, ingest outcomes). The user commands themselves are the registry in
// src/commands (ADR 012), which every surface (CLI, console, Discord, Slack) is generated from.
import type { AnswerSummaryResult, ArticleDraft, Briefing, BriefingArticle, BriefingRequest, Engine, IngestOutcome, Story, StoryAnalysis, StoryWithArticles } from '../domain/types.js';
import { UserError } from '../domain/errors.js';
import { sinceIso } from '../domain/duration.js';
import { boundBriefing } from '../domain/bounds.js';
import type { Store } from '../store/store.js';
import type { ArticleSearch } from '../store/article-search.js';
import type { ChannelStore } from '../store/channel-store.js';
import type { SourcePolls } from '../store/source-polls.js';
import type { CommandLimits } from '../limits/rate-limiter.js';
import type { Pipeline } from '../pipeline.js';
import { collect, type CollectOptions } from '../ingest/collect.js';
import { secondsSince, type Telemetry } from '../domain/telemetry.js';
import { analyzeStory, loneNames } from '../brief/story-analysis.js';
import { sanitizeText, urlKey, verifyBriefing, VERIFY_LIMITS } from '../brief/verify.js';
import { isActorUnknown, isPhaseCandidates, isPhaseUnknown, storylinePeople, type ActorAnswer, type PhaseAnswer } from '../queries/index.js';
import { actorAnswerInput, phaseAnswerInput } from '../queries/answer-passages.js';

export interface Services {
  store: Store;
  /** The read side of /actor, /phase, /timeline and autocompletion. */
  search: ArticleSearch;
  pipeline: Pipeline;
  /** What each chat channel follows and its settings (sources, subscribe, settings). */
  channels: ChannelStore;
  /** The poll state of each followed source (`sources list` shows it); absent: not shown. */
  polls?: SourcePolls;
  /** Rate limits on commands (dispatch); absent: none (tests, the CLI's own runs). */
  limits?: CommandLimits;
  engine: Engine;
  collectOptions: CollectOptions;
  now: () => Date;
  /** The time zone of a channel that set none (NEWSBRIEF_TZ); UTC when absent. */
  defaultTimeZone?: string;
  /** A channel's digest time while it set none (NEWSBRIEF_DIGEST_TIME); 08:00 when absent. */
  defaultDigestTime?: string;
  /** What /metrics reports (ingest runs, posts, command latency); absent: nothing is reported. */
  telemetry?: Telemetry;
}

export interface IngestSummary {
  added: number;
  duplicates: number;
  rejected: number;
  notices: number;
  newStories: number;
}

/** Articles stored per transaction: one commit per batch instead of per article. */
export const INGEST_BATCH = 256;

/**
 * Ingest inputs (paths, folders, feeds, URLs); every item's outcome goes to `onOutcome`, in the
 * order collect() gives the items. Articles are stored in batches (each article still all or
 * nothing); outcomes are reported when their batch is stored. An aborted `signal` ends the run
 * after the item in hand.
 */
export async function ingestInputs(
  svc: Services,
  inputs: string[],
  onOutcome: (outcome: IngestOutcome) => void = () => {},
  opts: { signal?: AbortSignal } = {},
): Promise<IngestSummary> {
  const t0 = performance.now();
  try {
    const summary = await ingestRun(svc, inputs, onOutcome, opts);
    svc.telemetry?.ingestRun('ok', secondsSince(t0));
    svc.telemetry?.articlesIngested(summary.added);
    return summary;
  } catch (err) {
    svc.telemetry?.ingestRun('error', secondsSince(t0));
    throw err;
  }
}

async function ingestRun(svc: Services, inputs: string[], onOutcome: (outcome: IngestOutcome) => void, opts: { signal?: AbortSignal }): Promise<IngestSummary> {
  const summary: IngestSummary = { added: 0, duplicates: 0, rejected: 0, notices: 0, newStories: 0 };
  const report = (outcome: IngestOutcome): void => {
    if (outcome.status === 'added') {
      summary.added++;
      if (outcome.newStory) summary.newStories++;
    } else if (outcome.status === 'duplicate') summary.duplicates++;
    else if (outcome.status === 'rejected') summary.rejected++;
    else summary.notices++;
    onOutcome(outcome);
  };
  // Items collected since the last batch: articles wait for their outcome, the rest are ready.
  let pending: Array<{ draft: ArticleDraft; input: string } | IngestOutcome> = [];
  let articles = 0;
  const storeBatch = async (): Promise<void> => {
    const items = pending;
    pending = [];
    articles = 0;
    const drafts = items.filter((x): x is { draft: ArticleDraft; input: string } => 'draft' in x);
    let outcomes: IngestOutcome[];
    try {
      outcomes = await svc.pipeline.ingestMany(drafts);
    } catch (err) {
      // A failing article is rolled back alone and reported by ingestMany; this is the whole batch.
      outcomes = drafts.map((d) => ({ status: 'rejected', input: d.input, reason: `could not store: ${(err as Error).message}` }));
    }
    let next = 0;
    for (const x of items) report('draft' in x ? outcomes[next++]! : x);
  };
  for await (const item of collect(inputs, svc.collectOptions)) {
    if (item.kind === 'article') {
      pending.push({ draft: item.draft, input: item.input });
      if (++articles >= INGEST_BATCH) await storeBatch();
    } else if (item.kind === 'rejected') {
      pending.push({ status: 'rejected', input: item.input, reason: item.reason });
    } else {
      pending.push({ status: 'notice', input: item.input, message: item.message });
    }
    // Stopping (SIGTERM): what was collected is stored, the rest waits for the next run.
    if (opts.signal?.aborted) break;
  }
  if (pending.length) await storeBatch();
  return summary;
}

export function storyToRequestArticles(story: StoryWithArticles): BriefingArticle[] {
  return story.articles.map((a) => ({
    id: a.id,
    title: a.title,
    outlet: a.outlet,
    url: a.url,
    publishedAt: a.publishedAt,
    text: a.text,
  }));
}

/**
 * Every briefing is written through here, whichever engine: the story's actors and phase are
 * computed once (outside the engine) and handed to it, and its output passes the shared verifier,
 * which sanitises it (links that are not a source's, mentions, markup, lengths). A model engine has
 * already re-asked and dropped what failed grounding; the extractive engine's sentences are the
 * sources' own, so its output is unchanged but for hostile markup.
 */
export async function writeBriefing(engine: Engine, request: BriefingRequest): Promise<Briefing> {
  const analysis = request.analysis ?? analyzeStory(request.articles);
  const written = await engine.brief({ ...request, analysis });
  const byUrl = new Map(request.articles.map((a) => [a.url, a]));
  const sources = written.sources.map((s) => ({ n: s.n, url: s.url, title: s.title, ...(s.outlet ? { outlet: s.outlet } : {}), ...(s.publishedAt ? { publishedAt: s.publishedAt } : {}), text: byUrl.get(s.url)?.text ?? '' }));
  return boundBriefing(verifyBriefing(written, sources).briefing);
}

/**
 * A model's summary on top of a computed /actor or /phase answer, when the engine writes one (the
 * extractive engine does not: the answer stays as computed). The engine has grounded it in the
 * answer's passages; here it is sanitised once more whichever engine wrote it (links that are not a
 * source's, mentions, markup, lengths) and its points cite only the answer's sources.
 */
export async function summarizeAnswer(engine: Engine, q: { kind: 'actor'; answer: ActorAnswer } | { kind: 'phase'; answer: PhaseAnswer }, who: BriefFor = {}): Promise<AnswerSummaryResult> {
  if (!engine.answer) return {};
  let input;
  if (q.kind === 'actor') {
    if (isActorUnknown(q.answer)) return {};
    input = actorAnswerInput(q.answer);
  } else {
    if (isPhaseUnknown(q.answer) || isPhaseCandidates(q.answer)) return {};
    input = phaseAnswerInput(q.answer);
  }
  if (!input.passages.length) return {};
  const { summary, note } = await engine.answer({ ...input, ...who });
  const urls = new Set(input.sources.map((s) => urlKey(s.url)));
  const known = new Set(input.sources.map((s) => s.n));
  const text = summary ? sanitizeText(summary.text, urls, VERIFY_LIMITS.summary) : '';
  return {
    ...(summary && text
      ? {
          summary: {
            text,
            points: summary.points
              .slice(0, VERIFY_LIMITS.points)
              .map((p) => ({ text: sanitizeText(p.text, urls, VERIFY_LIMITS.point), sources: p.sources.filter((n) => known.has(n)) }))
              .filter((p) => p.text && p.sources.length),
          },
        }
      : {}),
    ...(note ? { note: sanitizeText(note, new Set(), 200) } : {}),
  };
}

/** Who a briefing is for: the chat workspace, for per-workspace model budgets. */
export interface BriefFor {
  workspace?: string;
}

export interface StoryBriefing {
  story: Story;
  briefing: Briefing;
}

export async function briefStory(svc: Services, storyId: number, topic?: string, who: BriefFor = {}): Promise<StoryBriefing> {
  const story = await svc.store.getStory(storyId);
  if (!story) throw new UserError('not_found', `no story #${storyId}`);
  const articles = storyToRequestArticles(story);
  const analysis = await storyAnalysis(svc, articles, story.storylineId);
  const briefing = await writeBriefing(svc.engine, { articles, analysis, ...(topic !== undefined ? { topic } : {}), ...who });
  return { story, briefing };
}

/**
 * The story's actors and phase; a person the story names by surname alone ("Wang said") is shown
 * under the full name its storyline's other articles give ("Wang Yi"), read only when needed.
 */
async function storyAnalysis(svc: Services, articles: BriefingArticle[], storylineId: number | undefined): Promise<StoryAnalysis> {
  const analysis = analyzeStory(articles);
  const lone = loneNames(analysis.actors);
  if (storylineId === undefined || !lone.length) return analysis;
  const known = await storylinePeople(svc.search, storylineId, lone);
  return known.length ? analyzeStory(articles, 8, known) : analysis;
}

/**
 * `brief TOPIC`: the best-matching story's briefing; with `across`, one briefing over the top
 * matching stories of the best match's storyline (articles pooled, the topic steering sentence choice). No topic: the latest story.
 */
export async function briefTopic(svc: Services, topic: string | undefined, opts: { across?: number } & BriefFor = {}): Promise<StoryBriefing> {
  const who: BriefFor = opts.workspace !== undefined ? { workspace: opts.workspace } : {};
  const query = topic?.trim();
  if (!query) {
    const [latest] = await svc.store.listStories({ limit: 1 });
    if (!latest) throw new UserError('nothing_to_brief', 'no stories yet: ingest some sources first');
    return briefStory(svc, latest.id, undefined, who);
  }
  const matches = await svc.store.searchStories(query, Math.max(1, opts.across ?? 1));
  if (matches.length === 0) throw new UserError('not_found', `no story matches "${query}"`);
  // The topic found the story: its briefing is the story's own, the same as `--story ID` gives
  // (steering sentences towards the topic's words fills the takeaways with whatever repeats them).
  if (matches.length === 1 || !opts.across) return briefStory(svc, matches[0]!.id, undefined, who);
  // One answer never mixes storylines: the pool is the best match's storyline only (a trade deal
  // and a ceasefire may both have a "phase two").
  const line = matches[0]!.storylineId;
  const pool = matches.filter((m, i) => i === 0 || (line !== undefined && m.storylineId === line));
  if (pool.length === 1) return briefStory(svc, pool[0]!.id, undefined, who);
  const stories = (await Promise.all(pool.map((m) => svc.store.getStory(m.id)))).filter((s): s is StoryWithArticles => Boolean(s));
  const articles = stories.flatMap(storyToRequestArticles).slice(0, 30);
  const analysis = await storyAnalysis(svc, articles, line);
  const briefing = await writeBriefing(svc.engine, { articles, analysis, topic: query, ...who });
  return { story: stories[0]!, briefing };
}

/** Titles of the storylines these stories belong to (for answers that name their storyline). */
export async function storylineTitles(svc: Pick<Services, 'search'>, stories: ReadonlyArray<{ storylineId?: number }>): Promise<Map<number, string>> {
  const ids = [...new Set(stories.map((s) => s.storylineId).filter((x): x is number => x !== undefined))];
  if (!ids.length) return new Map();
  return new Map((await svc.search.storylines(ids)).map((l) => [l.id, l.title]));
}

/** Briefings of the stories that moved in the window, most covered first. */
export async function digest(svc: Services, opts: { since: string; maxStories: number } & BriefFor): Promise<StoryBriefing[]> {
  const since = sinceIso(opts.since, svc.now());
  const stories = await svc.store.listStories({ since, limit: 200 });
  const ranked = [...stories]
    .sort((a, b) => b.articleCount - a.articleCount || b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id)
    .slice(0, opts.maxStories);
  const out: StoryBriefing[] = [];
  for (const story of ranked) out.push(await briefStory(svc, story.id, undefined, opts.workspace !== undefined ? { workspace: opts.workspace } : {}));
  return out;
}

export type SummarizeResult = { input: string; briefing: Briefing } | { input: string; error: string };

/** Briefings for ad-hoc inputs, nothing stored: one per input, or one over all with `asOne`. */
export async function* summarize(
  svc: Pick<Services, 'engine' | 'collectOptions'>,
  inputs: string[],
  opts: { asOne?: boolean } & BriefFor = {},
): AsyncGenerator<SummarizeResult> {
  const groups = new Map<string, BriefingArticle[]>();
  const rejected: SummarizeResult[] = [];
  let id = 0;
  for await (const item of collect(inputs, svc.collectOptions)) {
    if (item.kind === 'rejected') rejected.push({ input: item.input, error: item.reason });
    if (item.kind !== 'article') continue;
    const key = opts.asOne ? inputs.join(' ') : item.input;
    const list = groups.get(key) ?? [];
    list.push({ id: ++id, ...item.draft });
    groups.set(key, list);
  }
  yield* rejected;
  for (const [input, articles] of groups) {
    try {
      yield { input, briefing: await writeBriefing(svc.engine, { articles, ...(opts.workspace !== undefined ? { workspace: opts.workspace } : {}) }) };
    } catch (err) {
      yield { input, error: (err as Error).message };
    }
  }
}
