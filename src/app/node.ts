// One newsbrief process and the roles it plays (ADR 022). The worker polls sources, ingests, and
// posts digests and story posts; the bot answers chat commands. Embedded mode (`npm start`) plays
// both in one process with in-process jobs; queue mode (REDIS_URL) shares the worker's jobs through
// BullMQ, so `newsbrief worker` and `newsbrief bot` processes can run side by side, as many as needed.
import { pollIntervalMs, sourceList, type Config } from '../config.js';
import { createLogger } from './logger.js';
import { chatPlatformsConfigured, openPostingChats, startChatPlatforms, type RunningPlatforms } from './chat-platforms.js';
import { openServices, type OpenServices } from './compose.js';
import { createBotHttp } from './bot-http.js';
import { createPoller } from '../delivery/polling.js';
import { CONSOLE_CHANNEL, type ChannelKey } from '../domain/channels.js';
import { localDate } from '../domain/schedule.js';
import { parseDuration } from '../domain/duration.js';
import { openJobs } from '../jobs/open-jobs.js';
import { DELIVER_DIGEST_JOB, DIGEST_TICK_JOB, POLL_SOURCE_JOB, POLL_TICK_JOB, STORY_POSTS_JOB } from '../jobs/names.js';
import { createStoryPoster, STORY_POST_DEFAULTS, type StoryPoster } from '../delivery/story-posts.js';
import { createBriefCache } from '../delivery/brief-cache.js';
import { createConsoleChat } from '../chat/console-chat.js';
import { createDigestRunner, DIGEST_DEFAULTS, type DigestRunner } from '../delivery/digests.js';
import type { Chat } from '../chat/chat.js';
import type { Jobs } from '../jobs/jobs.js';
import { timedJob } from '../domain/telemetry.js';
import type { z } from 'zod';

/** Every job a worker handles: the queues /healthz and /metrics report. */
const JOB_NAMES = [POLL_TICK_JOB.name, POLL_SOURCE_JOB.name, DIGEST_TICK_JOB.name, DELIVER_DIGEST_JOB.name, STORY_POSTS_JOB.name];

export type Role = 'worker' | 'bot';
export const BOTH_ROLES: ReadonlySet<Role> = new Set<Role>(['worker', 'bot']);

export interface RunningNode {
  /** The scheduled digests (tests drive a tick with their own clock); absent without the worker role. */
  digests?: DigestRunner;
  /** Story posts and thread updates (when a chat platform runs). */
  storyPosts?: StoryPoster;
  /** The named jobs this process runs (poll-tick, poll-source, digest-tick, deliver-digest, story-posts). */
  jobs?: Jobs;
  services: OpenServices;
  stop(): Promise<void>;
}

export interface NodeOptions {
  /** The roles this process plays; both by default. */
  roles?: ReadonlySet<Role>;
  /** The clock of the digest schedule (tests); the system clock by default. */
  now?: () => Date;
  /**
   * Aborted when the process is told to stop (SIGTERM) while still starting: the first ingest run
   * ends after the item in hand and no delivery is begun; the ones in hand finish.
   */
  signal?: AbortSignal;
}

/** How often due digests are looked for. */
export const DIGEST_TICK_CRON = '* * * * *';
/** How often due source polls are looked for. */
export const POLL_TICK_CRON = '* * * * *';
/**
 * Queue mode on PostgreSQL: sources one worker fetches at once (their ingest takes turns under the
 * ingest lock). On SQLite one, as embedded: the file has one writer, and several connections of one
 * process writing at once were seen to fail with SQLITE_BUSY; more worker processes fetch in parallel.
 */
export const QUEUE_FETCH_CONCURRENCY = 4;

/**
 * Starts the roles asked for. With chat tokens set (DISCORD_TOKEN + DISCORD_APPLICATION_ID,
 * SLACK_BOT_TOKEN) the bot answers commands and the worker posts to the subscribed channels; without
 * them the console is the channel and gets the digest, as a first run shows.
 */
export async function startNode(config: Config, chat: Chat = createConsoleChat(), opts: NodeOptions = {}): Promise<RunningNode> {
  const roles = opts.roles ?? BOTH_ROLES;
  const worker = roles.has('worker');
  const bot = roles.has('bot');
  const queue = config.mode === 'queue';
  const now = opts.now ?? (() => new Date());
  let stopped = false;
  const stopping = (): boolean => stopped || Boolean(opts.signal?.aborted);
  const leaseMs = parseDuration(config.NEWSBRIEF_DELIVERY_LEASE)!;
  const log = createLogger(config.LOG_LEVEL);
  const services: OpenServices = await openServices(config, { metrics: true, log });
  const sources = sourceList(config);
  const on = chatPlatformsConfigured(config);
  log.info(
    { mode: config.mode, roles: [...roles], db: config.DATABASE_URL ? 'postgres' : config.NEWSBRIEF_DB, sources: worker ? sources : undefined, engine: services.engine.name, discord: on.discord, slack: on.slack },
    'newsbrief starting',
  );
  let platforms: RunningPlatforms | undefined;
  // Queue mode: /healthz reports Redis, the queues and the database too; /metrics the queues' jobs.
  const queueHealth = queue
    ? await (await import('../jobs/queue-health.js')).createQueueHealth({ url: config.REDIS_URL!, prefix: config.NEWSBRIEF_QUEUE_PREFIX, names: JOB_NAMES }).catch(async (err: unknown) => {
        await services.close();
        throw err;
      })
    : undefined;
  if (queueHealth) services.watchQueues?.(() => queueHealth.check());
  const http = createBotHttp(config, services, () => platforms, log, {
    ...(queueHealth ? { queue: () => queueHealth.check() } : {}),
    ...(queue
      ? {
          database: () =>
            services.store.lastArticleId().then(
              () => 'ok' as const,
              (err: unknown) => (err as Error).message,
            ),
        }
      : {}),
  }); // /healthz, /metrics (ADR 019, 024)
  const closeAll = async (): Promise<void> => {
    await queueHealth?.close();
    await services.close();
  };
  if (bot && (on.discord || on.slack)) {
    try {
      // Up before the first ingest: a long first run must not keep commands unanswered.
      platforms = await startChatPlatforms(config, services, log, http.routes, services.platformLimits);
    } catch (err) {
      await closeAll();
      throw err;
    }
    for (const line of platforms.lines) log.info(line);
  }
  await http.start(platforms).catch(async (err: unknown) => {
    await platforms?.stop(); // the port is taken: nothing half-started is left running
    await closeAll();
    throw err;
  });

  if (!worker) {
    log.info('bot running (commands only: a worker polls, ingests and posts); press Ctrl-C to stop');
    return {
      services,
      async stop() {
        stopped = true;
        await http.close();
        await platforms?.stop();
        await chat.close();
        await closeAll();
        log.info('stopped');
      },
    };
  }

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

  // The console digest is the console channel's; with platforms configured the terminal is a log
  // and digests go to every subscribed channel of a configured platform. Either way through the
  // ledger: one digest per channel and local date, however often or in however many processes the
  // worker starts (ADR 017).
  const chats = platforms?.chats ?? (on.discord || on.slack ? await openPostingChats(config, services.platformLimits) : {});
  const consoleDigest = !on.discord && !on.slack;
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

  // Story posts go to the channels of configured platforms only: the console gets its digest.
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

  let jobs: Jobs;
  try {
    jobs = await openJobs(config, (id, err) => log.error({ job: id, err }, 'job failed'));
  } catch (err) {
    await http.close();
    await platforms?.stop();
    await closeAll();
    throw err;
  }
  // Each run timed for /metrics (newsbrief_job_duration_seconds), whichever mode.
  const timed = <P>(name: string, run: (payload: P) => Promise<void>) => timedJob(services.telemetry, name, run);
  // One poll at a time (one process stores one batch at a time), in a lane of its own beside the
  // deliveries; on PostgreSQL a few at once per worker, their ingest taking turns under the
  // deployment's ingest lock.
  jobs.handle(
    POLL_SOURCE_JOB,
    timed(POLL_SOURCE_JOB.name, async ({ url, dueAt }: { url: string; dueAt: string }) => {
      await poller.poll(url, dueAt);
    }),
    { concurrency: queue && config.DATABASE_URL ? QUEUE_FETCH_CONCURRENCY : 1 },
  );
  jobs.handle(
    POLL_TICK_JOB,
    timed(POLL_TICK_JOB.name, async () => {
      for (const d of await poller.due()) await jobs.enqueue(POLL_SOURCE_JOB.name, { url: d.url, dueAt: d.dueAt }, { idempotencyKey: d.key });
    }),
  );
  jobs.handle(
    DELIVER_DIGEST_JOB,
    timed(DELIVER_DIGEST_JOB.name, async ({ date, ...channel }: z.infer<typeof DELIVER_DIGEST_JOB.payload>) => {
      await digests.deliver(channel, date);
    }),
    { concurrency: config.NEWSBRIEF_DELIVERY_CONCURRENCY },
  );
  jobs.handle(
    STORY_POSTS_JOB,
    timed(STORY_POSTS_JOB.name, async () => {
      await storyPosts.run();
    }),
  );
  jobs.handle(DIGEST_TICK_JOB, timed(DIGEST_TICK_JOB.name, async () => {
    // Keyed by delivery and attempt: a digest that failed is enqueued again once its retry time
    // comes, which a key of the delivery alone (remembered as done) would refuse.
    for (const d of await digests.pending()) {
      const { platform, workspaceId, channelId } = d.channel;
      await jobs.enqueue(DELIVER_DIGEST_JOB.name, { platform, workspaceId, channelId, date: d.date }, { idempotencyKey: `${d.key}#${d.attempts}` });
    }
  }));

  if (queue) {
    // The work of the start goes through the queues too, so every worker shares it: what is due
    // now (sources, digests) is looked for once per minute of starting, whoever starts.
    const minute = now().toISOString().slice(0, 16);
    await jobs.enqueue(POLL_TICK_JOB.name, {}, { idempotencyKey: `poll-tick:start:${minute}` });
    await jobs.enqueue(DIGEST_TICK_JOB.name, {}, { idempotencyKey: `digest-tick:start:${minute}` });
  } else {
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
  }

  // Queue mode: job schedulers in Redis, one per id however many workers register them.
  jobs.schedule({ id: 'poll-tick', pattern: POLL_TICK_CRON, timeZone: 'UTC', job: POLL_TICK_JOB.name, payload: {} });
  jobs.schedule({ id: 'digest-tick', pattern: DIGEST_TICK_CRON, timeZone: 'UTC', job: DIGEST_TICK_JOB.name, payload: {} });
  // Every minute too: new stories from the last ingest run, updates whose hour has passed, retries.
  if (!consoleDigest) jobs.schedule({ id: 'story-posts', pattern: DIGEST_TICK_CRON, timeZone: 'UTC', job: STORY_POSTS_JOB.name, payload: {} });
  log.info(
    { poll: `each source every ${config.NEWSBRIEF_POLL_INTERVAL}`, digests: 'each channel at its digest-time', tz: config.NEWSBRIEF_TZ, queue: queue ? 'BullMQ' : 'in-process' },
    'scheduled; press Ctrl-C to stop',
  );

  // The first run marks when each channel started getting story posts: what is stored now is its digest's.
  if (!queue && !consoleDigest && !stopping()) await storyPosts.run();

  return {
    digests,
    storyPosts,
    jobs,
    services,
    async stop() {
      // No new work; the jobs and posts in hand finish (queue mode: what is queued stays in Redis
      // for the other workers); then the store is flushed and closed.
      stopped = true;
      await jobs.stop();
      await http.close();
      await platforms?.stop();
      await chat.close();
      await closeAll();
      log.info('stopped');
    },
  };
}
