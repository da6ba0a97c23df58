// Port: persistence. SQLite (embedded mode) now; a Redis implementation (queue mode) later must
// satisfy the same contract (test/store/contract.ts runs against every implementation).
// Async on purpose: the Redis store cannot be synchronous. Only plain data crosses this port.
import type { Article, ArticleDraft, Story, StoryWithArticles, Storyline } from '../domain/types.js';

export interface StoryQuery {
  /** Only stories whose updatedAt is at or after this ISO time. */
  since?: string;
  limit?: number;
}

/** A sparse term vector: term -> weight. */
export type TermVector = Record<string, number>;

/** What clustering keeps per story: its centroid and the dates it covers. */
export interface StoryProfile {
  storyId: number;
  storylineId?: number;
  headline: string;
  /** How central the headline's article is to the centroid (cosine, 0..1). */
  headlineScore: number;
  /** Sum of the (unit) vectors of its articles, pruned to the top terms. */
  centroid: TermVector;
  /** Top terms of the titles of its articles (title overlap signal). */
  titleTerms: string[];
  articleCount: number;
  /** Earliest and latest publishedAt of its articles (epoch ms), when any is dated. */
  eventFrom?: number;
  eventTo?: number;
  /** Id of the latest article added: arrival order, the time signal when articles are undated. */
  lastArticleId: number;
}

export interface StorylineProfile {
  storylineId: number;
  /** Earliest and latest publishedAt of its stories (epoch ms), when any is dated. */
  eventFrom?: number;
  eventTo?: number;
}

export interface NewArticle extends ArticleDraft {
  ingestedAt: string;
  nearCopyOf?: number;
  /**
   * The story it belongs to, when known before the insert. The article joins the story's counts
   * only through addArticleToStory; giving it here spares the store a second write of the row.
   */
  storyId?: number;
  /** MinHash signature of the text's word shingles (near-copy check). */
  minhash: number[];
  /** LSH band keys of that signature; articles sharing one are near-copy candidates. */
  lshKeys: string[];
}

export interface NearCopyCandidate {
  articleId: number;
  storyId?: number;
  minhash: number[];
}

export interface StoryCandidateQuery {
  /** Terms to look up in the story term index. */
  terms: string[];
  /** At most this many stories per term (the most recent ones). */
  perTerm: number;
  /** Only stories whose index time lies in [from, to] (epoch ms), when given. */
  from?: number;
  to?: number;
}

export interface StoryUpdate {
  headline?: string;
  headlineScore?: number;
  centroid?: TermVector;
  titleTerms?: string[];
  /** The terms this story is indexed under (replaces the previous set). */
  indexTerms?: string[];
  /** Time used to order and window the term index (epoch ms); kept as it was when omitted. */
  indexTime?: number;
  eventFrom?: number;
  eventTo?: number;
}

export interface NewStory extends Required<Pick<StoryUpdate, 'headline' | 'headlineScore' | 'centroid' | 'titleTerms' | 'indexTerms' | 'indexTime'>> {
  createdAt: string;
  eventFrom?: number;
  eventTo?: number;
}

export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** Document frequencies for IDF: how many documents, and per term in how many it occurs. */
export interface TermStats {
  docs: number;
  df: Map<string, number>;
}

export interface Store {
  /** Apply pending migrations (idempotent). */
  init(): Promise<void>;
  close(): Promise<void>;
  /**
   * Run fn atomically: every write made through `tx` is kept, or none is (fn throws).
   * Transactions run one at a time. Called on a `tx`, it nests (a savepoint): a failing nested
   * call undoes only its own writes and the enclosing transaction goes on; nested calls must not
   * overlap. Writes of a nested call become durable when the outermost transaction commits.
   * Read through `tx` inside: reads through the store itself need not see the open transaction's
   * writes (over PostgreSQL they run on other connections).
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;

  // Articles
  insertArticle(article: NewArticle): Promise<number>;
  getArticle(id: number): Promise<Article | undefined>;
  findArticleByUrl(url: string): Promise<Article | undefined>;
  findArticleByHash(contentHash: string): Promise<Article | undefined>;
  /** Articles among the most recent (a bounded window, e.g. 20,000) sharing at least one LSH key, with their signatures. */
  findNearCopyCandidates(lshKeys: string[], limit?: number): Promise<NearCopyCandidate[]>;
  countArticles(): Promise<number>;
  /** Highest article id stored (0 when none): the arrival sequence of the latest article. */
  lastArticleId(): Promise<number>;

  // Stories
  createStory(story: NewStory): Promise<number>;
  /** Attach an article to a story; updates articleCount, updatedAt and first/lastSeenAt. */
  addArticleToStory(storyId: number, articleId: number): Promise<void>;
  updateStory(storyId: number, update: StoryUpdate): Promise<void>;
  getStory(id: number): Promise<StoryWithArticles | undefined>;
  listStories(query?: StoryQuery): Promise<Story[]>;
  /** How many stories are stored (the /metrics gauge reads it at each scrape: keep it cheap). */
  countStories(): Promise<number>;
  /** Stories best matching a free-text topic, best first. Any text is accepted. */
  searchStories(topic: string, limit?: number): Promise<Story[]>;
  /** Story ids indexed under any of the terms, with how many of the terms matched, most first. */
  findStoryCandidates(query: StoryCandidateQuery): Promise<Array<{ storyId: number; hits: number }>>;
  getStoryProfiles(ids: number[]): Promise<StoryProfile[]>;

  // Storylines
  createStoryline(title: string, createdAt: string): Promise<number>;
  linkStoryToStoryline(storyId: number, storylineId: number): Promise<void>;
  getStoryline(id: number): Promise<Storyline | undefined>;
  getStorylineProfile(id: number): Promise<StorylineProfile | undefined>;
  /** Stories of a storyline, oldest first. */
  listStorylineStories(id: number): Promise<Story[]>;

  // Clustering statistics (IDF)
  loadTermStats(): Promise<TermStats>;
  /** Add `docs` documents and the per-term df increments. */
  addTermStats(docs: number, dfDelta: Map<string, number>): Promise<void>;

  // HTTP validators for conditional GET
  getValidators(url: string): Promise<Validators | undefined>;
  setValidators(url: string, validators: Validators): Promise<void>;
}

export type { ArticleDraft };
