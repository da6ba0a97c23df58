// Composition root: the only place that picks implementations for the ports.
// Embedded mode: the archive (SQLite, or PostgreSQL with DATABASE_URL: open-archive.ts), extractive
// engine, safe fetcher. Queue mode (REDIS_URL) adds the shared parts of src/app/queue-parts.ts.
import type { Config } from '../config.js';
import type { Engine } from '../domain/types.js';
import { createSafeFetcher } from '../ingest/fetcher.js';
import type { CollectOptions } from '../ingest/collect.js';
import type { DeliveryLedger } from '../store/delivery-ledger.js';
import type { SourcePolls } from '../store/source-polls.js';
import type { StoryPosts } from '../store/story-posts.js';
import type { Store } from '../store/store.js';
import type { PromTelemetry } from './prom-telemetry.js';
import type { QueueStatus } from './http-endpoints.js';
import { createLocalLimits, type Limits } from '../limits/shared-limits.js';
import { createMemoryRateLimiter, type CommandLimits } from '../limits/rate-limiter.js';
import { createPipeline } from '../pipeline.js';
import { createExtractiveEngine } from '../brief/extractive.js';
import { createMemoryBriefingCache, type BriefingCache, type ModelUsage } from '../store/briefing-cache.js';
import type { Services } from './commands.js';
import { openArchive } from './open-archive.js';
import { noopTelemetry, type Telemetry } from '../domain/telemetry.js';

export const USER_AGENT = 'newsbrief/0.1 (+https://github.com/newsbrief/newsbrief)';

export interface OpenServices extends Services {
  /** The delivery ledger (ADR 017): what the bot posted by itself, claimed before and confirmed after. */
  deliveries: DeliveryLedger;
  /** The poll state of every followed source (ADR 018). */
  polls: SourcePolls;
  /** The stories posted to each channel by themselves, and their thread updates (ADR 021). */
  storyPosts: StoryPosts;
  telemetry: Telemetry;
  /** The Prometheus exposition of `telemetry` for /metrics; absent when metrics are off (the CLI). */
  metrics?: () => Promise<{ contentType: string; text: string }>;
  /** A model engine's briefing cache and token usage (migration 8); `newsbrief usage` reads it. */
  modelCache: BriefingCache & ModelUsage;
  /** The pacers of the bot's own posts: this process's (embedded) or the deployment's, in Redis (queue mode, ADR 024). */
  platformLimits: Pick<Limits, 'discordPacer' | 'slackPacer'>;
  /** Metrics on: /metrics reads the queues' job counts through this (queue mode). */
  watchQueues?: (status: () => Promise<QueueStatus>) => void;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Count ingest runs, posts and commands for /metrics (the bot); off, nothing is counted. */
  metrics?: boolean;
  /** Where the model engine reports fallbacks (never a key: the logger redacts them too). */
  log?: EngineDeps['log'];
}

type EngineConfig = Pick<
  Config,
  | 'NEWSBRIEF_ENGINE'
  | 'OPENAI_API_KEY'
  | 'OPENAI_BASE_URL'
  | 'OPENAI_MODEL'
  | 'OPENAI_TEMPERATURE'
  | 'OPENAI_TIMEOUT_MS'
  | 'OPENAI_MAX_RETRIES'
  | 'OPENAI_RETRY_CAP_MS'
  | 'OPENAI_MAX_INPUT_TOKENS'
  | 'OPENAI_DAILY_TOKENS'
  | 'OPENAI_WORKSPACE_DAILY_TOKENS'
  | 'OPENAI_BREAKER_FAILURES'
  | 'OPENAI_BREAKER_COOLDOWN_MS'
>;

export interface EngineDeps {
  /** Where a model engine keeps its briefings and counts its tokens; this process's memory when absent. */
  cache?: BriefingCache & ModelUsage;
  log?: { warn(obj: object, msg: string): void };
}

/**
 * The configured engine. The OpenAI engine (and the SDK) is loaded on the first briefing, so a
 * process that only ingests, or runs extractive, never loads it.
 */
export function makeEngine(config: EngineConfig, deps: EngineDeps = {}): Engine {
  switch (config.NEWSBRIEF_ENGINE) {
    case 'extractive':
      return createExtractiveEngine();
    case 'openai': {
      const cache = deps.cache ?? createMemoryBriefingCache();
      let made: Promise<Engine> | undefined;
      const engine = (): Promise<Engine> =>
        (made ??= import('../engines/openai/engine.js').then((m) =>
          m.createOpenAIEngine({
            ...(config.OPENAI_API_KEY ? { apiKey: config.OPENAI_API_KEY } : {}),
            ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
            model: config.OPENAI_MODEL,
            temperature: config.OPENAI_TEMPERATURE,
            timeoutMs: config.OPENAI_TIMEOUT_MS,
            maxRetries: config.OPENAI_MAX_RETRIES,
            retryCapMs: config.OPENAI_RETRY_CAP_MS,
            maxInputTokens: config.OPENAI_MAX_INPUT_TOKENS,
            dailyTokens: config.OPENAI_DAILY_TOKENS,
            workspaceDailyTokens: config.OPENAI_WORKSPACE_DAILY_TOKENS,
            breakerThreshold: config.OPENAI_BREAKER_FAILURES,
            breakerCoolDownMs: config.OPENAI_BREAKER_COOLDOWN_MS,
            cache,
            usage: cache,
            ...(deps.log ? { log: deps.log } : {}),
          }),
        ));
      return {
        name: 'openai',
        brief: async (request) => (await engine()).brief(request),
        answer: async (request) => (await engine()).answer?.(request) ?? {},
      };
    }
  }
}

/** A cache port whose adapter is found on first use (the CLI opens its archive only when needed). */
export function deferredModelCache(get: () => Promise<BriefingCache & ModelUsage>): BriefingCache & ModelUsage {
  return {
    get: async (key) => (await get()).get(key),
    put: async (key, b, meta) => (await get()).put(key, b, meta),
    record: async (r) => (await get()).record(r),
    tokensOn: async (day, ws) => (await get()).tokensOn(day, ws),
    summary: async (opts) => (await get()).summary(opts),
    close: async () => {},
  };
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

export async function openServices(config: Config, opts: OpenOptions = {}): Promise<OpenServices> {
  // Queue mode (ADR 022): the ingest lock shared with the other processes, from Redis.
  const queue = config.mode === 'queue' ? await (await import('./queue-parts.js')).openQueueParts(config, opts.log) : undefined;
  const archive = await openArchive(config).catch(async (err: unknown) => {
    await queue?.close();
    throw err;
  });
  const { store, search, channels, deliveries, polls, storyPosts, modelCache } = archive;
  // Conditional GET: feeds polled on schedule send back the ETag/Last-Modified we stored.
  const collectOptions: CollectOptions = {
    ...makeCollectOptions(config),
    validators: { get: (url) => store.getValidators(url), set: (url, v) => store.setValidators(url, v) },
  };
  const pipeline = createPipeline({ store, ...(queue ? { shared: queue.ingestLock, statsLog: queue.statsLog } : {}) });
  const limits = queue?.limits ?? createLocalLimits();
  const prom = opts.metrics ? await makePromTelemetry(store) : undefined;
  return {
    store,
    search,
    pipeline,
    channels,
    deliveries,
    polls,
    storyPosts,
    modelCache,
    limits: queue ? { ...makeLimits(config), limiter: limits.rateLimiter } : makeLimits(config),
    platformLimits: limits,
    engine: makeEngine(config, { cache: modelCache, ...(opts.log ? { log: opts.log } : {}) }),
    collectOptions,
    now: () => new Date(),
    defaultTimeZone: config.NEWSBRIEF_TZ,
    defaultDigestTime: config.NEWSBRIEF_DIGEST_TIME,
    telemetry: prom ?? noopTelemetry,
    ...(prom ? { metrics: () => prom.metrics(), watchQueues: (status: () => Promise<QueueStatus>) => prom.watchQueues(status) } : {}),
    close: async () => {
      await pipeline.flush(); // term statistics are written in batches
      await archive.close();
      await queue?.close();
    },
  };
}

/** The command rate limits (ADR 015): token buckets in this process's memory. */
export function makeLimits(config: Pick<Config, 'NEWSBRIEF_RATE_USER' | 'NEWSBRIEF_RATE_CHANNEL' | 'NEWSBRIEF_RATE_URLS'>, now?: () => number): CommandLimits {
  return { limiter: createMemoryRateLimiter(now), user: config.NEWSBRIEF_RATE_USER, channel: config.NEWSBRIEF_RATE_CHANNEL, urls: config.NEWSBRIEF_RATE_URLS };
}


/** prom-client and the registry loaded only here, when metrics are on: the CLI never loads them. */
async function makePromTelemetry(store: Store): Promise<PromTelemetry> {
  const [{ createPromTelemetry }, { commands }] = await Promise.all([import('./prom-telemetry.js'), import('../commands/registry.js')]);
  return createPromTelemetry({
    commands: commands.map((c) => c.name),
    counts: async () => ({ articles: await store.countArticles(), stories: await store.countStories() }),
  });
}
