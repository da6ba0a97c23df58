// Domain types shared by every layer. Plain data only: no platform, queue or database types here.

/** An article as ingest hands it to the pipeline: normalised, not yet stored. */
export interface ArticleDraft {
  /** Canonical URL (files get a file:// URL). */
  url: string;
  /** Outlet name (site name, feed title or host); undefined when unknown. */
  outlet?: string;
  title: string;
  /** Clean article text: paragraphs separated by blank lines, boilerplate removed. */
  text: string;
  /** ISO 8601 timestamp, when known (feed date, page metadata or a dateline in the text). */
  publishedAt?: string;
  /** ISO 639-1 code where detected ("en"), "und" when unknown. */
  language: string;
  /** sha256 hex of the normalised text: same content, same hash. */
  contentHash: string;
  /** How the article reached us: "file", "feed", "page". */
  via: 'file' | 'feed' | 'page' | 'text';
}

/** A stored article. */
export interface Article extends ArticleDraft {
  id: number;
  /** When we stored it (ISO). */
  ingestedAt: string;
  storyId?: number;
  /** Set when this article is a near-copy (syndicated wire, small edits) of another stored article. */
  nearCopyOf?: number;
}

export interface Story {
  id: number;
  headline: string;
  storylineId?: number;
  createdAt: string;
  /** Time of the latest article added (ISO). */
  updatedAt: string;
  /** Earliest and latest publishedAt (or ingestedAt) of its articles. */
  firstSeenAt: string;
  lastSeenAt: string;
  /** Latest publishedAt among its dated articles (ISO); absent when none is dated. */
  lastPublishedAt?: string;
  articleCount: number;
}

export interface StoryWithArticles extends Story {
  articles: Article[];
}

export interface Storyline {
  id: number;
  title: string;
  createdAt: string;
  updatedAt: string;
}

export type ActorKind = 'person' | 'organisation' | 'country' | 'group' | 'place' | 'unknown';

export interface BriefingActor {
  name: string;
  kind: ActorKind;
  role?: string;
}

export interface BriefingSource {
  /** 1-based number cited by takeaways ([n]). */
  n: number;
  title: string;
  outlet?: string;
  url: string;
  publishedAt?: string;
}

export interface Takeaway {
  text: string;
  /** Source numbers (BriefingSource.n) this takeaway came from. */
  sources: number[];
}

/** The Key Takeaways briefing, the JSON shape the CLI prints with --json. */
export interface Briefing {
  headline: string;
  lede: string;
  takeaways: Takeaway[];
  whyItMatters: string;
  actors: BriefingActor[];
  phase?: { name: string; status: string };
  /** At most MAX_BRIEFING_SOURCES (domain/bounds.ts); `coverage` then tells the true counts. */
  sources: BriefingSource[];
  /** Present when `sources` was cut: how many articles and distinct outlets the story has. */
  coverage?: { articles: number; outlets: number };
  /**
   * Shown with the briefing when it is not what the configured engine would have written: "written
   * offline: the model was unavailable" (the extractive engine stood in). Absent normally.
   */
  note?: string;
}

/** What is computed once per story, outside any engine, and handed to whichever engine writes. */
export interface StoryAnalysis {
  actors: BriefingActor[];
  phase?: { name: string; status: string };
}

/** What an engine gets to write a briefing: the articles of one story (or ad-hoc inputs). */
export interface BriefingArticle {
  /** Stable id within this request (stored id, or index for ad-hoc inputs). */
  id: number;
  title: string;
  outlet?: string;
  url: string;
  publishedAt?: string;
  text: string;
}

export interface BriefingRequest {
  articles: BriefingArticle[];
  /** Optional focus: a topic the user asked about; engines favour sentences that match it. */
  topic?: string;
  /** Word budget for lede + takeaways + why it matters (default engine-specific). */
  maxWords?: number;
  /** Maximum number of takeaways (3-5; default 5). */
  maxTakeaways?: number;
  /** Actors and phase, computed once outside the engine (src/brief/story-analysis.ts); engines compute them when absent. */
  analysis?: StoryAnalysis;
  /** Output language (ISO 639-1, "en" by default): a model writes in it; the extractive engine quotes its sources as they are. */
  language?: string;
  /** The caller's deadline: an engine that calls out stops (and falls back) when it aborts. */
  signal?: AbortSignal;
  /** A stable key for the story's content (e.g. story id + last article id); engines that cache add their own version and model to it. */
  cacheKey?: string;
  /** Most input tokens a model may be sent for this briefing (the engine's configured budget when absent). */
  maxInputTokens?: number;
  /** Who the briefing is for (a guild or workspace id), for per-workspace token budgets. */
  workspace?: string;
}

/** One numbered passage of a computed answer (an /actor or /phase answer's dated statement or fact). */
export interface AnswerPassage {
  /** 1-based: what a summary point cites. */
  n: number;
  /** How the answer labels it ("2026-06-05 · said", "sticking point", "status: stalled"). */
  label: string;
  /** A sentence of a stored article, as the computed answer shows it. */
  text: string;
  /** The answer's source numbers it comes from. */
  sources: number[];
}

/** A computed /actor or /phase answer given to a model to summarise, as numbered untrusted passages. */
export interface AnswerRequest {
  kind: 'actor' | 'phase';
  /** What the answer is about ("Hamas (organisation)", "Phase two: Gaza truce of January 2025"). */
  subject: string;
  passages: AnswerPassage[];
  /** The answer's sources (number, URL, outlet, date): links to these are the only ones kept. */
  sources: Array<{ n: number; url: string; title?: string; outlet?: string; publishedAt?: string }>;
  language?: string;
  signal?: AbortSignal;
  workspace?: string;
}

/** A model-written summary of a computed answer: every point cites the answer's sources. */
export interface AnswerSummary {
  text: string;
  points: Array<{ text: string; sources: number[] }>;
}

/** The summary, or why there is none: `note` ("written offline: ...") when the model was asked and could not give one. */
export interface AnswerSummaryResult {
  summary?: AnswerSummary;
  note?: string;
}

/** Port: writes a briefing from a story's articles. Extractive (offline) or OpenAI. */
export interface Engine {
  readonly name: string;
  brief(request: BriefingRequest): Promise<Briefing>;
  /** A short summary on top of a computed /actor or /phase answer; engines without one (extractive) leave the answer as computed. */
  answer?(request: AnswerRequest): Promise<AnswerSummaryResult>;
}

/** Outcome of ingesting one input item, for the CLI report. */
export type IngestOutcome =
  | { status: 'added'; input: string; articleId: number; storyId: number; newStory: boolean; title: string; nearCopyOf?: number }
  | { status: 'duplicate'; input: string; title: string; duplicateOf: number; reason: 'url' | 'content' }
  | { status: 'rejected'; input: string; reason: string }
  | { status: 'notice'; input: string; message: string };
