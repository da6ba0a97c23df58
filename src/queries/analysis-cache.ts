// Per-article analysis, computed at query time and remembered in memory (LRU keyed by article id:
// stored articles never change). Ingest does none of this, so it stays fast; a repeated query
// re-reads the rows but not the analysis. One cache per ArticleSearch instance.
import type { ExtraAlias } from '../analyze/actor-table.js';
import { extractActors, sentenceSpans, summarizeActors, type ActorMention, type ActorSummary } from '../analyze/actors.js';
import { extractEvents, isRelativeDateText, type DatedEvent } from '../analyze/events.js';
import { analyzePhases, type PhaseAnalysis } from '../analyze/phases.js';
import { placeRoles, processKinds, type PlaceRoles } from '../analyze/process-name.js';
import type { ArticleSearch, SearchedArticle } from '../store/article-search.js';

export interface ArticleAnalysis {
  actors?: { mentions: ActorMention[]; summaries: ActorSummary[] };
  phases?: PhaseAnalysis;
  /** Keyed by the reference date used (article date, or the story's date for undated articles). */
  events?: { ref: string; list: DatedEvent[] };
  paragraphs?: number[];
  /** How the article uses each place it names (subject, title, venue): derived from `actors`. */
  placeRoles?: Map<string, PlaceRoles>;
  /** The kinds of process the article names ("ceasefire", "trade") and how often. */
  processKinds?: Map<string, number>;
}

const DEFAULT_SIZE = 20_000;
/** Names seen in analysed articles, for suggestions and autocompletion. */
const MAX_KNOWN_NAMES = 50_000;

export class AnalysisCache {
  private readonly entries = new Map<number, ArticleAnalysis>();
  private aliasKey = '';
  /** canonical -> kind and how many analysed articles name it. */
  readonly known = new Map<string, { kind: string; articles: number }>();
  /** Bumped whenever `known` changes: what is derived from it is kept until then. */
  knownVersion = 0;
  /** Admin aliases, re-read at most once a second. */
  private aliases: { at: number; list: ExtraAlias[] } | undefined;

  constructor(private readonly size = DEFAULT_SIZE) {}

  async extraAliases(search: ArticleSearch): Promise<ExtraAlias[]> {
    const now = Date.now();
    if (!this.aliases || now - this.aliases.at > 1000) {
      this.aliases = { at: now, list: await search.listAliases() };
      const key = JSON.stringify(this.aliases.list);
      if (key !== this.aliasKey) {
        // New aliases change which names are found: drop the actor part of every entry.
        this.aliasKey = key;
        for (const e of this.entries.values()) {
          delete e.actors;
          delete e.placeRoles;
        }
      }
    }
    return this.aliases.list;
  }

  /** Forget the cached alias list (after an admin adds one). */
  invalidateAliases(): void {
    this.aliases = undefined;
  }

  private entry(id: number): ArticleAnalysis {
    let e = this.entries.get(id);
    if (e) {
      this.entries.delete(id);
      this.entries.set(id, e);
      return e;
    }
    e = {};
    this.entries.set(id, e);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
    return e;
  }

  actors(a: SearchedArticle, extra: readonly ExtraAlias[]): { mentions: ActorMention[]; summaries: ActorSummary[] } {
    const e = this.entry(a.id);
    if (!e.actors) {
      const mentions = extractActors(a.text, { ...(extra.length ? { extraAliases: extra } : {}), ...(a.title ? { title: a.title } : {}) });
      const summaries = summarizeActors(mentions);
      e.actors = { mentions, summaries };
      if (summaries.length) this.knownVersion++;
      for (const s of summaries) {
        const k = this.known.get(s.canonical);
        if (k) k.articles++;
        else if (this.known.size < MAX_KNOWN_NAMES) this.known.set(s.canonical, { kind: s.kind, articles: 1 });
      }
    }
    return e.actors;
  }

  placeRoles(a: SearchedArticle, extra: readonly ExtraAlias[]): Map<string, PlaceRoles> {
    const e = this.entry(a.id);
    return (e.placeRoles ??= placeRoles(a.title, a.text, this.actors(a, extra).mentions));
  }

  processKinds(a: SearchedArticle): Map<string, number> {
    const e = this.entry(a.id);
    return (e.processKinds ??= processKinds(`${a.title}\n${a.text}`));
  }

  phases(a: SearchedArticle): PhaseAnalysis {
    const e = this.entry(a.id);
    return (e.phases ??= analyzePhases(a.text, articleDate(a)));
  }

  /**
   * Dated events. An undated article resolves "June 5" (a day of a month, no year) against its
   * story's latest dated article; weekdays and relative dates stay unresolved (never guessed).
   */
  events(a: SearchedArticle, storyDate?: string): DatedEvent[] {
    const e = this.entry(a.id);
    const own = articleDate(a);
    const ref = own ? '' : (storyDate ?? '');
    if (e.events?.ref === ref) return e.events.list;
    let list = extractEvents(a.text, own);
    if (!own && storyDate) {
      const refDate = new Date(storyDate);
      if (!Number.isNaN(refDate.getTime())) {
        const have = new Set(list.map((x) => `${x.sentenceIndex}|${x.date}`));
        const extra = extractEvents(a.text, refDate).filter((x) => MONTH_DAY_RE.test(x.dateText) && !isRelativeDateText(x.dateText) && !have.has(`${x.sentenceIndex}|${x.date}`));
        if (extra.length) list = [...list, ...extra].sort((x, y) => x.sentenceIndex - y.sentenceIndex);
      }
    }
    e.events = { ref, list };
    return list;
  }

  /** Paragraph number of each sentence (blank lines separate paragraphs). */
  paragraphs(a: SearchedArticle): number[] {
    const e = this.entry(a.id);
    if (!e.paragraphs) {
      const spans = sentenceSpans(a.text);
      const ids: number[] = [];
      let id = 0;
      for (let i = 0; i < spans.length; i++) {
        if (i > 0 && /\n\s*\n/.test(a.text.slice(spans[i - 1]!.end, spans[i]!.start))) id++;
        ids.push(id);
      }
      e.paragraphs = ids;
    }
    return e.paragraphs;
  }

  get sizeNow(): number {
    return this.entries.size;
  }
}

const MONTH_DAY_RE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

export function articleDate(a: { publishedAt?: string }): Date | undefined {
  if (!a.publishedAt) return undefined;
  const d = new Date(a.publishedAt);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

const caches = new WeakMap<ArticleSearch, AnalysisCache>();

/** The cache shared by every query made through this ArticleSearch. */
export function cacheFor(search: ArticleSearch): AnalysisCache {
  let c = caches.get(search);
  if (!c) caches.set(search, (c = new AnalysisCache()));
  return c;
}
