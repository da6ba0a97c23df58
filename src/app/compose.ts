// Composition root: the only place that picks implementations for the ports.
// Embedded mode: SQLite store, extractive engine, safe fetcher. Queue mode arrives with REDIS_URL.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../config.js';
import type { Engine } from '../domain/types.js';
import { createSafeFetcher } from '../ingest/fetcher.js';
import type { CollectOptions } from '../ingest/collect.js';
import { createSqliteStore } from '../store/sqlite-store.js';
import { createSqliteArticleSearch } from '../store/sqlite-article-search.js';
import type { ArticleSearch } from '../store/article-search.js';
import { createSqliteChannelStore } from '../store/sqlite-channel-store.js';
import type { ChannelStore } from '../store/channel-store.js';
import { createSqliteDeliveryLedger } from '../store/sqlite-delivery-ledger.js';
import type { DeliveryLedger } from '../store/delivery-ledger.js';
import { createMemoryRateLimiter, type CommandLimits } from '../limits/rate-limiter.js';
import { createPipeline } from '../pipeline.js';
import { createExtractiveEngine } from '../brief/extractive.js';
import type { Services } from './commands.js';

export const USER_AGENT = 'newsbrief/0.1 (+https://github.com/newsbrief/newsbrief)';

export interface OpenServices extends Services {
  /** The delivery ledger (ADR 017): what the bot posted by itself, claimed before and confirmed after. */
  deliveries: DeliveryLedger;
  close(): Promise<void>;
}

export function makeEngine(config: Pick<Config, 'NEWSBRIEF_ENGINE'>): Engine {
  switch (config.NEWSBRIEF_ENGINE) {
    case 'extractive':
      return createExtractiveEngine();
  }
}

export function makeCollectOptions(
  config: Pick<Config, 'NEWSBRIEF_MAX_FEED_ITEMS' | 'NEWSBRIEF_MAX_BYTES' | 'NEWSBRIEF_FETCH_TIMEOUT_MS' | 'NEWSBRIEF_ALLOW_LOOPBACK'>,
): CollectOptions {
  return {
    fetcher: createSafeFetcher({
      timeoutMs: config.NEWSBRIEF_FETCH_TIMEOUT_MS,
      maxBytes: config.NEWSBRIEF_MAX_BYTES,
      userAgent: USER_AGENT,
      allowLoopback: config.NEWSBRIEF_ALLOW_LOOPBACK,
    }),
    maxFeedItems: config.NEWSBRIEF_MAX_FEED_ITEMS,
    maxFileBytes: config.NEWSBRIEF_MAX_BYTES,
  };
}

export async function openServices(config: Config): Promise<OpenServices> {
  if (config.mode === 'queue') {
    throw new Error('queue mode (REDIS_URL) is not available yet in this version; unset REDIS_URL to run embedded');
  }
  if (config.NEWSBRIEF_DB !== ':memory:') mkdirSync(dirname(config.NEWSBRIEF_DB), { recursive: true });
  const store = createSqliteStore(config.NEWSBRIEF_DB);
  await store.init();
  // Conditional GET: feeds polled on schedule send back the ETag/Last-Modified we stored.
  const collectOptions: CollectOptions = {
    ...makeCollectOptions(config),
    validators: { get: (url) => store.getValidators(url), set: (url, v) => store.setValidators(url, v) },
  };
  const pipeline = createPipeline({ store });
  const search = openOnFirstUse(() => createSqliteArticleSearch(config.NEWSBRIEF_DB));
  const channels = channelsOnFirstUse(() => createSqliteChannelStore(config.NEWSBRIEF_DB));
  const deliveries = ledgerOnFirstUse(() => createSqliteDeliveryLedger(config.NEWSBRIEF_DB));
  return {
    store,
    search,
    pipeline,
    channels,
    deliveries,
    limits: makeLimits(config),
    engine: makeEngine(config),
    collectOptions,
    now: () => new Date(),
    defaultTimeZone: config.NEWSBRIEF_TZ,
    close: async () => {
      await pipeline.flush(); // term statistics are written in batches
      await search.close();
      await channels.close();
      await deliveries.close();
      await store.close();
    },
  };
}

/**
 * The SQLite article search reads through its own connection (WAL: beside the writer), opened on
 * the first query: a process that only ingests never opens it, and it refuses a file without the
 * articles tables, which the store's migrations create first.
 */
function openOnFirstUse(open: () => ArticleSearch): ArticleSearch {
  let search: ArticleSearch | undefined;
  const s = (): ArticleSearch => (search ??= open());
  return {
    recentMatching: (q) => s().recentMatching(q),
    stories: (ids) => s().stories(ids),
    storylines: (ids) => s().storylines(ids),
    storyDates: (ids) => s().storyDates(ids),
    listAliases: () => s().listAliases(),
    addAlias: (alias, canonical) => s().addAlias(alias, canonical),
    close: async () => {
      const open = search;
      search = undefined;
      await open?.close();
    },
  };
}

/** The command rate limits (ADR 015): token buckets in this process's memory. */
export function makeLimits(config: Pick<Config, 'NEWSBRIEF_RATE_USER' | 'NEWSBRIEF_RATE_CHANNEL' | 'NEWSBRIEF_RATE_URLS'>, now?: () => number): CommandLimits {
  return { limiter: createMemoryRateLimiter(now), user: config.NEWSBRIEF_RATE_USER, channel: config.NEWSBRIEF_RATE_CHANNEL, urls: config.NEWSBRIEF_RATE_URLS };
}

/** The channel store's own connection, opened on its first use (like the article search). */
function channelsOnFirstUse(open: () => ChannelStore): ChannelStore {
  let channels: ChannelStore | undefined;
  const c = (): ChannelStore => (channels ??= open());
  return {
    addSource: (...a) => c().addSource(...a),
    removeSource: (...a) => c().removeSource(...a),
    listSources: (...a) => c().listSources(...a),
    subscribe: (...a) => c().subscribe(...a),
    unsubscribe: (...a) => c().unsubscribe(...a),
    listSubscriptions: (...a) => c().listSubscriptions(...a),
    listSubscribedChannels: () => c().listSubscribedChannels(),
    getSettings: (...a) => c().getSettings(...a),
    updateSettings: (...a) => c().updateSettings(...a),
    close: async () => {
      const open = channels;
      channels = undefined;
      await open?.close();
    },
  };
}

/** The delivery ledger's own connection, opened on its first use (like the channel store). */
function ledgerOnFirstUse(open: () => DeliveryLedger): DeliveryLedger {
  let ledger: DeliveryLedger | undefined;
  const l = (): DeliveryLedger => (ledger ??= open());
  return {
    claim: (...a) => l().claim(...a),
    confirm: (...a) => l().confirm(...a),
    fail: (...a) => l().fail(...a),
    requeue: (...a) => l().requeue(...a),
    get: (...a) => l().get(...a),
    list: (...a) => l().list(...a),
    digestCursor: (...a) => l().digestCursor(...a),
    close: async () => {
      const open = ledger;
      ledger = undefined;
      await open?.close();
    },
  };
}
