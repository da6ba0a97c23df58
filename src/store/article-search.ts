// Port: the read side the /actor, /phase and /timeline queries need. Analysis runs at query time
// over a bounded set of the most recent matching articles (ingest stays fast); this port finds
// them. Only plain data crosses it. Implementations: sqlite-article-search.ts and
// postgres/pg-article-search.ts, both held to test/queries/article-search-contract.ts.
import type { ExtraAlias } from '../analyze/actor-table.js';

export interface SearchedArticle {
  id: number;
  url: string;
  outlet?: string;
  title: string;
  text: string;
  publishedAt?: string;
  ingestedAt: string;
  storyId?: number;
  storylineId?: number;
}

export interface ArticleMatchQuery {
  /**
   * Any of these phrases (OR). Each phrase matches an article holding all its words (case,
   * diacritics and punctuation ignored); callers check the exact wording in the text. An empty
   * list matches every article.
   */
  phrases: string[];
  /** The last word of each phrase may be a prefix ("wit" finds "Witkoff"): for autocompletion. */
  prefix?: boolean;
  storylineId?: number;
  storyId?: number;
  /** Only articles published (or, when undated, stored) at or after this ISO time. */
  since?: string;
  /** At most this many, most recent arrival first (1..1000). */
  limit: number;
}

export interface StoryRef {
  id: number;
  headline: string;
  storylineId?: number;
}

export interface StorylineRef {
  id: number;
  title: string;
}

export interface ArticleSearch {
  /** The most recently stored articles matching the query, newest (highest id) first. */
  recentMatching(q: ArticleMatchQuery): Promise<SearchedArticle[]>;
  /** Stories by id (unknown ids are left out), in the order asked. */
  stories(ids: number[]): Promise<StoryRef[]>;
  storylines(ids: number[]): Promise<StorylineRef[]>;
  /** Latest publishedAt among each story's dated articles (stories with none are left out). */
  storyDates(storyIds: number[]): Promise<Map<number, string>>;
  /** Aliases an admin added. */
  listAliases(): Promise<ExtraAlias[]>;
  /** Add (or re-point) an alias; both sides trimmed and cut at 200 characters. */
  addAlias(alias: string, canonical: string): Promise<void>;
  close(): Promise<void>;
}
