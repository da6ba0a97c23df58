// `npm start`: the bot in embedded mode. Ingests the configured sources (the bundled examples by
// default) and each channel's own, polling each on its own schedule; answers commands on Discord and Slack when their
// tokens are set, else posts the digest to the console.
import { loadConfig, sourceList, pollIntervalMs, ConfigError, type Config } from './config.js';
import { createLogger } from './app/logger.js';
import { chatPlatformsConfigured, startChatPlatforms, type RunningPlatforms } from './app/chat-platforms.js';
import { loadDotEnv } from './app/env-file.js';
import { openServices, type OpenServices } from './app/compose.js';
import { createBotHttp } from './app/bot-http.js';
import { createPoller } from './delivery/polling.js';
import { CONSOLE_CHANNEL, type ChannelKey } from './domain/channels.js';
import { localDate } from './domain/schedule.js';
import { parseDuration } from './domain/duration.js';
import { createInProcessJobs } from './jobs/in-process-jobs.js';
import { DELIVER_DIGEST_JOB, DIGEST_TICK_JOB, POLL_SOURCE_JOB, POLL_TICK_JOB, STORY_POSTS_JOB } from './jobs/names.js';
import { createStoryPoster, STORY_POST_DEFAULTS, type StoryPoster } from './delivery/story-posts.js';
import { createBriefCache } from './delivery/brief-cache.js';
import { createConsoleChat } from './chat/console-chat.js';
import { createDigestRunner, DIGEST_DEFAULTS, type DigestRunner } from './delivery/digests.js';
import type { Chat } from './chat/chat.js';
import type { Jobs } from './jobs/jobs.js';

export interface RunningBot {
  /** The scheduled digests (tests drive a tick with their own clock). */
  digests: DigestRunner;
  /** Story posts and thread updates (when a chat platform runs). */
  storyPosts: StoryPoster;
  /** The named jobs this bot runs (poll-tick, poll-source, digest-tick, deliver-digest, story-posts): tests enqueue a tick. */
  jobs: Jobs;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** The clock of the digest schedule (tests); the system clock by default. */
  now?: () => Date;
  /**
   * Aborted when the process is told to stop (SIGTERM) while still starting: the first ingest run
   * ends after the item in hand and no delivery is begun; the ones in hand finish.
   */
  signal?: AbortSignal;
}

/** How long a stop may take before the process exits anyway (the bound is 10 s). */
export const SHUTDOWN_GRACE_MS = 9_000;

/** How often due digests are looked for. */
export const DIGEST_TICK_CRON = '* * * * *';
/** How often due source polls are looked for. */
export const POLL_TICK_CRON = '* * * * *';

/**
 * The embedded bot. With chat tokens set (DISCORD_TOKEN + DISCORD_APPLICATION_ID, SLACK_BOT_TOKEN)
 * the platforms answer commands on the same services while the sources are ingested on schedule;
 * without, the console is the channel and gets the digest, as a first run shows.
 */
export async function startEmbedded(config: Config, chat: Chat = createConsoleChat(), opts: EmbeddedOptions = {}): Promise<RunningBot> {
  const now = opts.now ?? (() => new Date());
  let stopped = false;
  const stopping = (): boolean => stopped || Boolean(opts.signal?.aborted);
  const leaseMs = parseDuration(config.NEWSBRIEF_DELIVERY_LEASE)!;
  const log = createLogger(config.LOG_LEVEL);
  const services: OpenServices = await openServices(config, { metrics: true, log });
  const sources = sourceList(config);
  const on = chatPlatformsConfigured(config);
  log.info({ mode: config.mode, db: config.NEWSBRIEF_DB, sources, engine: services.engine.name, discord: on.discord, slack: on.slack }, 'newsbrief starting');
  let platforms: RunningPlatforms | undefined;
  const http = createBotHttp(config, services, () => platforms, log); // /healthz, /metrics (ADR 019)
  if (on.discord || on.slack) {
    try {
      // Up before the first ingest: a long first run must not keep commands unanswered.
      platforms = await startChatPlatforms(config, services, log, http.routes);
    } catch (err) {
      await services.close();
      throw err;
    }
    for (const line of platforms.lines) log.info(line);
  }
  await http.start(platforms).catch(async (err: unknown) => {
    await platforms?.stop(); // the port is taken: nothing half-started is left running
    await services.close();
    throw err;
  });

  // Each source followed (the global list and every channel's own) on its own schedule, in the
  // store: one fetch per source and due time, backoff when it fails (ADR 018).
  const poller = createPoller({
    services,
    polls: services.polls,
    global: sources,
    channels: services.channels,
    intervalMs: pollIntervalMs(config),
    now,
    log,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });

  // The console digest is the console channel's; with platforms running the terminal is a log and
  // digests go to every subscribed channel of a running platform. Either way through the ledger:
  // one digest per channel and local date, however often the process starts (ADR 017).
  const consoleDigest = !platforms;
  const chats = platforms?.chats ?? {};
  const chatFor = (k: ChannelKey): Chat | undefined => (consoleDigest ? (k.platform === 'console' ? chat : undefined) : k.platform === 'console' ? undefined : chats[k.platform]);
  const briefOf = createBriefCache(services);
  const digests = createDigestRunner({
    services,
    briefOf,
    ledger: services.deliveries,
    chatFor,
    channels: async () => (consoleDigest ? [CONSOLE_CHANNEL] : (await services.channels.listSubscribedChannels()).filter((k) => chatFor(k))),
    now,
    defaults: {
      ...DIGEST_DEFAULTS,
      digestTime: config.NEWSBRIEF_DIGEST_TIME,
      timeZone: config.NEWSBRIEF_TZ,
      firstWindow: config.NEWSBRIEF_DIGEST_WINDOW,
      maxStories: config.NEWSBRIEF_DIGEST_MAX_STORIES,
      concurrency: config.NEWSBRIEF_DELIVERY_CONCURRENCY,
      leaseMs,
    },
    stopping,
    log,
  });

  // Story posts go to the channels of running platforms only: the console gets its digest.
  const storyPosts = createStoryPoster({
    services,
    ledger: services.deliveries,
    posts: services.storyPosts,
    chatFor,
    channels: async () => (consoleDigest ? [] : (await services.channels.listSubscribedChannels()).filter((k) => chatFor(k))),
    now,
    defaults: { ...STORY_POST_DEFAULTS, timeZone: config.NEWSBRIEF_TZ, concurrency: config.NEWSBRIEF_DELIVERY_CONCURRENCY, leaseMs },
    briefOf,
    stopping,
    log,
  });

  const jobs: Jobs = createInProcessJobs({ onError: (id, err) => log.error({ job: id, err }, 'job failed') });
  // One poll at a time (the pipeline stores one batch at a time), in a lane of its own beside the
  // deliveries.
  jobs.handle(POLL_SOURCE_JOB, async ({ url, dueAt }) => {
    await poller.poll(url, dueAt);
  });
  jobs.handle(POLL_TICK_JOB, async () => {
    for (const d of await poller.due()) await jobs.enqueue(POLL_SOURCE_JOB.name, { url: d.url, dueAt: d.dueAt }, { idempotencyKey: d.key });
  });
  jobs.handle(
    DELIVER_DIGEST_JOB,
    async ({ date, ...channel }) => {
      await digests.deliver(channel, date);
    },
    { concurrency: config.NEWSBRIEF_DELIVERY_CONCURRENCY },
  );
  jobs.handle(STORY_POSTS_JOB, async () => {
    await storyPosts.run();
  });
  jobs.handle(DIGEST_TICK_JOB, async () => {
    // Keyed by delivery and attempt: a digest that failed is enqueued again once its retry time
    // comes, which a key of the delivery alone (remembered as done) would refuse.
    for (const d of await digests.pending()) {
      const { platform, workspaceId, channelId } = d.channel;
      await jobs.enqueue(DELIVER_DIGEST_JOB.name, { platform, workspaceId, channelId, date: d.date }, { idempotencyKey: `${d.key}#${d.attempts}` });
    }
  });

  // At start, what is due: every source on a first run (the ingest a first run shows), on a
  // restart only those whose time came while we were down.
  log.info(await poller.tick(), 'ingest run finished');
  // At start: the console's digest of today (a first run shows one; a restart the same day finds
  // it in the ledger and prints nothing), then every digest whose time passed while we were down.
  if (consoleDigest && !stopping()) {
    const tz = (await services.channels.getSettings(CONSOLE_CHANNEL)).timeZone ?? config.NEWSBRIEF_TZ;
    const outcome = await digests.deliver(CONSOLE_CHANNEL, localDate(now(), tz));
    if (outcome === 'already') log.info({ channel: 'console' }, "today's digest was already posted");
  }
  await digests.tick();

  jobs.schedule({ id: 'poll-tick', pattern: POLL_TICK_CRON, timeZone: 'UTC', job: POLL_TICK_JOB.name, payload: {} });
  jobs.schedule({ id: 'digest-tick', pattern: DIGEST_TICK_CRON, timeZone: 'UTC', job: DIGEST_TICK_JOB.name, payload: {} });
  // Every minute too: new stories from the last ingest run, updates whose hour has passed, retries.
  if (!consoleDigest) jobs.schedule({ id: 'story-posts', pattern: DIGEST_TICK_CRON, timeZone: 'UTC', job: STORY_POSTS_JOB.name, payload: {} });
  log.info({ poll: `each source every ${config.NEWSBRIEF_POLL_INTERVAL}`, digests: 'each channel at its digest-time', tz: config.NEWSBRIEF_TZ }, 'scheduled; press Ctrl-C to stop');

  // The first run marks when each channel started getting story posts: what is stored now is its digest's.
  if (!consoleDigest && !stopping()) await storyPosts.run();

  return {
    digests,
    storyPosts,
    jobs,
    async stop() {
      // No new work; the jobs and posts in hand finish; then the store is flushed and closed.
      stopped = true;
      await jobs.stop();
      await http.close();
      await platforms?.stop();
      await chat.close();
      await services.close();
      log.info('stopped');
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`newsbrief: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  // Signals are heard from the start: a stop while the first ingest or digests run ends them after
  // the item in hand instead of killing the process mid-post.
  const abort = new AbortController();
  const started = startEmbedded(config, undefined, { signal: abort.signal });
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) {
      process.stderr.write(`newsbrief: ${signal} again, exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    process.stderr.write(`\nnewsbrief: ${signal} received: finishing the posts in hand, then stopping\n`);
    abort.abort();
    // A post stuck past the grace period is left to the ledger: claimed, it is retried on the next start.
    setTimeout(() => {
      process.stderr.write(`newsbrief: still stopping after ${SHUTDOWN_GRACE_MS / 1000} s; exiting (unconfirmed posts are retried on the next start)\n`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    started
      .then((bot) => bot.stop())
      .then(
        () => process.exit(0),
        (err) => {
          process.stderr.write(`newsbrief: error while stopping: ${(err as Error).message}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  await started;
}

if (import.meta.url === new URL(process.argv[1] ?? '', 'file://').href) {
  main().catch((err) => {
    process.stderr.write(`newsbrief: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
