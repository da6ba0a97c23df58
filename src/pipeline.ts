// The ingest pipeline for one article: dedupe -> analyse -> cluster -> store.
// Every write for an article happens in one store transaction: a failure leaves no half article.
// ingestMany runs a batch in one transaction with a savepoint per article (one commit per batch).
import type { ArticleDraft, IngestOutcome } from './domain/types.js';
import type { Store, StoryProfile } from './store/store.js';
import { DEFAULT_CLUSTER_OPTIONS, pickStoryline, scoreCandidates, scoreSeenTermCandidates, type ArticleSignal, type ClusterOptions } from './cluster/clusterer.js';
import { boilerplateReasonOfWords } from './cluster/boilerplate.js';
import { estimatedJaccard, lshKeys, minhashWords } from './cluster/minhash.js';
import { words } from './analyze/text.js';
import { contentHash } from './ingest/normalize.js';
import { addToCentroid, analyseTerms, cosine, TermStatsTable, tfidfVector, topTerms } from './cluster/vector.js';
import { unlocked, type Exclusive } from './domain/exclusive.js';
import type { TermStatsLog } from './domain/term-stats-log.js';

/** Batches of other writers a writer catches up on from the log before it reads the store instead. */
const MAX_LOG_CATCH_UP = 64;

/** Estimated Jaccard of word shingles at or above which an article is a near-copy of another. */
export const NEAR_COPY_JACCARD = 0.8;
/**
 * Persist pending document frequencies every this many articles (with that article's write). Fewer,
 * larger flushes write far fewer rows (the vocabulary repeats); a crash loses only some IDF counts.
 */
const TERM_STATS_FLUSH = 1000;
const TITLE_TERMS_KEPT = 40;

export interface PipelineDeps {
  store: Store;
  now?: () => Date;
  cluster?: Partial<ClusterOptions>;
  /**
   * Other processes write to the same store (queue mode, ADR 022): every ingest runs under this
   * lock, term statistics are written with every batch, and they are read again whenever another
   * process stored articles since this one last looked, so each writer clusters with current
   * figures and no two writers decide on one event at once.
   */
  shared?: Exclusive;
  /** Shared mode: where each batch's statistics go for the next writer, so it need not re-read them all. */
  statsLog?: TermStatsLog;
}

export interface BatchItem {
  draft: ArticleDraft;
  /** What the user gave (path, URL) for the outcome; the draft's URL when omitted. */
  input?: string;
}

export interface Pipeline {
  ingest(draft: ArticleDraft, input?: string): Promise<IngestOutcome>;
  /**
   * Ingest several articles in one store transaction (much cheaper per article), in order, each
   * one all-or-nothing: an article that fails to store is rolled back alone and reported as
   * rejected; the others are kept. One outcome per item, in item order.
   */
  ingestMany(items: ReadonlyArray<BatchItem>): Promise<IngestOutcome[]>;
  /** Persist pending clustering statistics (call before closing the store; ingest does it periodically). */
  flush(): Promise<void>;
}

export function createPipeline(deps: PipelineDeps): Pipeline {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());
  const o: ClusterOptions = { ...DEFAULT_CLUSTER_OPTIONS, ...deps.cluster };
  const lock = deps.shared ?? unlocked;
  const shared = deps.shared !== undefined;
  let stats: TermStatsTable | undefined;
  /** Shared: the newest article id when the statistics were last known current (own writes included). */
  let statsAt: number | undefined;

  const loadStats = async (): Promise<TermStatsTable> => {
    if (!stats) {
      const loaded = await store.loadTermStats();
      stats = new TermStatsTable(loaded.docs, loaded.df);
    }
    return stats;
  };

  /**
   * Shared mode, under the lock: nothing of this process is pending (every write flushes), so the
   * store's figures are the whole truth; they are read again only when someone else wrote since.
   */
  const freshStats = async (st: Store): Promise<void> => {
    if (!shared) return;
    const last = await st.lastArticleId();
    if (stats && statsAt === last) return;
    // The batches stored since, from the log, applied in order; any gap: the store's figures.
    if (stats && statsAt !== undefined && deps.statsLog) {
      const missed = [];
      let at = statsAt;
      while (at < last && missed.length < MAX_LOG_CATCH_UP) {
        const e = await deps.statsLog.after(at).catch(() => undefined);
        if (!e) break;
        missed.push(e);
        at = e.to;
      }
      if (at === last) {
        for (const e of missed) stats.applyStored(e.docs, e.delta);
        statsAt = last;
        return;
      }
    }
    const loaded = await st.loadTermStats();
    stats = new TermStatsTable(loaded.docs, loaded.df);
    statsAt = last;
  };

  /**
   * One article through `st`: the store itself, or the open batch transaction (its write is then a
   * savepoint). In a batch, term statistics are written once at the batch's end instead. Reads go
   * through `st` too: in a batch only the transaction sees the articles and stories stored before
   * this one (over PostgreSQL the store's own reads run on other connections).
   */
  async function ingestWith(st: Store, inBatch: boolean, draft: ArticleDraft, input = draft.url): Promise<IngestOutcome> {
    const table = await loadStats();
    // The text is tokenised once: terms, the boilerplate check and the shingles all read these words.
    const textWords = words(draft.text);
    const analysed = analyseTerms(draft.title, draft.text, textWords);
    if (analysed.tf.size === 0) return { status: 'rejected', input, reason: 'no article text' };
    const boilerplate = boilerplateReasonOfWords(textWords);
    if (boilerplate) return { status: 'rejected', input, reason: boilerplate };

    const sameUrl = await st.findArticleByUrl(draft.url);
    if (sameUrl) return { status: 'duplicate', input, title: draft.title, duplicateOf: sameUrl.id, reason: 'url' };
    const sameContent = await st.findArticleByHash(draft.contentHash);
    if (sameContent) return { status: 'duplicate', input, title: draft.title, duplicateOf: sameContent.id, reason: 'content' };

    const signature = minhashWords(textWords);
    const keys = lshKeys(signature);
    let nearCopyOf: number | undefined;
    let nearStoryId: number | undefined;
    let best = 0;
    for (const c of await st.findNearCopyCandidates(keys)) {
      const j = estimatedJaccard(signature, c.minhash);
      if (j >= NEAR_COPY_JACCARD && j > best) {
        best = j;
        nearCopyOf = c.articleId;
        nearStoryId = c.storyId;
      }
    }

    const date = draft.publishedAt ? Date.parse(draft.publishedAt) : NaN;
    const signal: ArticleSignal = {
      vector: tfidfVector(analysed, table, o.vectorTerms, o.nameBoost, o.idfPower),
      titleTerms: analysed.titleTerms,
      ...(Number.isNaN(date) ? { seq: (await st.lastArticleId()) + 1 } : { date }),
      arrivedAt: now().getTime(),
    };

    const queryTerms = topTerms(signal.vector, o.queryTerms);
    const scored = await scoreCandidates(st, signal, queryTerms, o);
    let target: StoryProfile | undefined;
    if (nearStoryId !== undefined) {
      target = scored.find((s) => s.profile.storyId === nearStoryId)?.profile ?? (await st.getStoryProfiles([nearStoryId]))[0];
    } else if (scored[0] && scored[0].score >= o.joinThreshold) {
      target = scored[0].profile;
    } else {
      // No story to join: ask again with the terms the archive has seen (a young archive's IDF
      // ranks the names shared with an earlier report below the article's unseen words).
      // Only the join changes: storylines are still found as before (see below).
      target = (await scoreSeenTermCandidates(st, signal, queryTerms, topTerms(table.seenPart(signal.vector), o.queryTerms), scored, o))?.join;
    }
    let storylineId = target ? undefined : await pickStoryline(st, signal, scored, o);
    if (!target && storylineId === undefined) {
      // A new story no storyline took: its rarest terms (what the event query asks) may miss the
      // storyline's stories altogether (an analysis piece of a running story shares its names, not
      // its rare words). Asked again with terms weighed by plain idf, the same similarity decides.
      const broad = topTerms(tfidfVector(analysed, table, o.vectorTerms, o.nameBoost, o.storylineIdfPower), o.queryTerms);
      storylineId = await pickStoryline(st, signal, await scoreCandidates(st, signal, broad, o), o);
    }

    const ingestedAt = now().toISOString();
    const flushing = !inBatch && (shared || table.pendingCount + 1 >= TERM_STATS_FLUSH);
    let drained: ReturnType<TermStatsTable['drain']> | undefined;
    const written = await st.transaction(async (tx) => {
      const headline = draft.title.trim() || firstWords(draft.text, 14);
      const eventFrom = signal.date !== undefined ? Math.min(signal.date, target?.eventFrom ?? signal.date) : target?.eventFrom;
      const eventTo = signal.date !== undefined ? Math.max(signal.date, target?.eventTo ?? signal.date) : target?.eventTo;
      // Index time is fixed when the story starts (its first date), so later articles do not
      // rewrite every posting; lookups window on it.
      const indexTime = target ? undefined : (signal.date ?? Date.parse(ingestedAt));
      const dates = { ...(eventFrom !== undefined ? { eventFrom } : {}), ...(eventTo !== undefined ? { eventTo } : {}) };
      // The story is known before the article row is written, so the row is written once.
      const insert = async (storyId: number): Promise<number> => {
        const id = await tx.insertArticle({
          ...draft,
          ingestedAt,
          ...(nearCopyOf !== undefined ? { nearCopyOf } : {}),
          minhash: signature,
          lshKeys: keys,
          storyId,
        });
        await tx.addArticleToStory(storyId, id);
        return id;
      };
      let storyId: number;
      let articleId: number;
      if (target) {
        storyId = target.storyId;
        // Frozen: cosine() packs it once, and the store's profile cache keeps it (and its packing).
        const centroid = Object.freeze(addToCentroid(target.centroid, signal.vector, o.centroidTerms));
        const centrality = cosine(signal.vector, centroid);
        const titleTerms = [...new Set([...target.titleTerms, ...analysed.titleTerms])].slice(0, TITLE_TERMS_KEPT);
        const better = draft.title.trim() !== '' && (centrality > target.headlineScore || !target.headline);
        articleId = await insert(storyId);
        await tx.updateStory(storyId, {
          centroid,
          titleTerms,
          // The index follows the centroid at 2, 4, 8, ... articles: a story's top terms settle
          // quickly, and rewriting postings for every article costs random index writes.
          ...((target.articleCount + 1) & target.articleCount ? {} : { indexTerms: topTerms(centroid, o.indexTerms) }),
          ...dates,
          ...(better ? { headline, headlineScore: centrality } : {}),
        });
      } else {
        storyId = await tx.createStory({
          headline,
          headlineScore: 1,
          centroid: signal.vector,
          titleTerms: analysed.titleTerms.slice(0, TITLE_TERMS_KEPT),
          indexTerms: topTerms(signal.vector, o.indexTerms),
          indexTime: indexTime!,
          createdAt: ingestedAt,
          ...dates,
        });
        await tx.linkStoryToStoryline(storyId, storylineId ?? (await tx.createStoryline(headline, ingestedAt)));
        articleId = await insert(storyId);
      }
      if (flushing) {
        // Pending increments plus this article's own, written with it; put back if the write fails.
        drained = table.drain();
        const delta = new Map(drained.delta);
        for (const t of analysed.tf.keys()) delta.set(t, (delta.get(t) ?? 0) + 1);
        await tx.addTermStats(drained.docs + 1, delta);
      }
      return { articleId, storyId };
    }).catch(async (err: unknown) => {
      if (drained) table.restore(drained);
      // Another process stored the same article between the checks above and this write (two
      // workers on one database): a duplicate, not a failure. Read after the write was undone.
      const raced = await st.findArticleByUrl(draft.url).then(
        async (byUrl) => (byUrl ? { duplicateOf: byUrl.id, reason: 'url' as const } : (await st.findArticleByHash(draft.contentHash).then((byHash) => byHash && { duplicateOf: byHash.id, reason: 'content' as const }))),
        () => undefined,
      );
      if (raced) return raced;
      throw err;
    });
    if ('reason' in written) return { status: 'duplicate', input, title: draft.title, ...written };
    const result = written;
    table.addArticle(analysed, flushing);

    return {
      status: 'added',
      input,
      articleId: result.articleId,
      storyId: result.storyId,
      newStory: !target,
      title: draft.title,
      ...(nearCopyOf !== undefined ? { nearCopyOf } : {}),
    };
  }

  const ingest = (draft: ArticleDraft, input?: string): Promise<IngestOutcome> =>
    lock.run(async () => {
      await freshStats(store);
      const outcome = await ingestWith(store, false, draft, input);
      if (shared && outcome.status === 'added') statsAt = outcome.articleId;
      return outcome;
    });

  const ingestMany = (items: ReadonlyArray<BatchItem>): Promise<IngestOutcome[]> => (items.length ? lock.run(() => ingestBatch(items)) : Promise.resolve([]));

  async function ingestBatch(items: ReadonlyArray<BatchItem>): Promise<IngestOutcome[]> {
    // Shared: under the lock, before the transaction (the log is in Redis: no network wait may hold
    // the store's write lock, which the process's other connections would wait on).
    await freshStats(store);
    const table = await loadStats();
    const before = statsAt;
    let drained: ReturnType<TermStatsTable['drain']> | undefined;
    try {
      const done = await store.transaction(async (tx) => {
        const outcomes: IngestOutcome[] = [];
        for (const { draft, input = draft.url } of items) {
          try {
            outcomes.push(await ingestWith(tx, true, draft, input));
          } catch (err) {
            // Its savepoint is rolled back: the article left nothing behind; the others go on.
            outcomes.push(storeFailure(input, err));
          }
        }
        if (table.pendingCount >= TERM_STATS_FLUSH || (shared && table.pendingCount > 0)) {
          drained = table.drain();
          await tx.addTermStats(drained.docs, drained.delta);
        }
        if (shared) statsAt = await tx.lastArticleId();
        return outcomes;
      });
      if (deps.statsLog && drained && before !== undefined && statsAt !== undefined && statsAt > before) {
        // After the commit, still under the lock: the next writer finds it before it stores anything.
        await deps.statsLog.append({ from: before, to: statsAt, docs: drained.docs, delta: [...drained.delta] }).catch(() => {});
      }
      return done;
    } catch (err) {
      // The batch did not commit: none of its articles is stored.
      if (drained) table.restore(drained);
      // Shared: what this process counted of the batch is not in the store; read the store again.
      if (shared) stats = undefined;
      return items.map(({ draft, input = draft.url }) => storeFailure(input, err));
    }
  }

  async function flush(): Promise<void> {
    if (!stats || stats.pendingCount === 0) return;
    if (shared) return lock.run(flushNow);
    return flushNow();
  }

  async function flushNow(): Promise<void> {
    if (!stats || stats.pendingCount === 0) return;
    const drained = stats.drain();
    try {
      await store.addTermStats(drained.docs, drained.delta);
    } catch (err) {
      stats.restore(drained);
      throw err;
    }
  }

  return { ingest, ingestMany, flush };
}

/** The outcome of an article that could not be stored (nothing of it was kept). */
export function storeFailure(input: string, err: unknown): IngestOutcome {
  return { status: 'rejected', input, reason: `could not store: ${err instanceof Error ? err.message : String(err)}` };
}

function firstWords(text: string, n: number): string {
  const ws = text.trim().split(/\s+/).slice(0, n);
  return ws.join(' ');
}

// The same content hash as real ingest gives (drafts from text must dedupe against them).
export { contentHash } from './ingest/normalize.js';

/** A draft from plain text (tests, eval, bench); real ingest builds richer drafts. */
export function textDraft(fields: { url: string; title?: string; text: string; publishedAt?: string; outlet?: string }): ArticleDraft {
  const draft: ArticleDraft = {
    url: fields.url,
    title: fields.title ?? '',
    text: fields.text,
    language: 'en',
    contentHash: contentHash(fields.text),
    via: 'text',
  };
  if (fields.publishedAt) draft.publishedAt = fields.publishedAt;
  if (fields.outlet) draft.outlet = fields.outlet;
  return draft;
}
