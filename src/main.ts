// `npm start`: the bot in embedded mode. Ingests the configured sources (the bundled examples by
// default) and keeps ingesting on its schedule; answers commands on Discord and Slack when their
// tokens are set, else posts the digest to the console.
import { loadConfig, sourceList, ConfigError, type Config } from './config.js';
import { createLogger } from './app/logger.js';
import { chatPlatformsConfigured, startChatPlatforms, type RunningPlatforms } from './app/chat-platforms.js';
import { loadDotEnv } from './app/env-file.js';
import { openServices, type OpenServices } from './app/compose.js';
import { digest, ingestInputs, storylineTitles } from './app/commands.js';
import { digestView } from './commands/view.js';
import { channelTimeZone } from './commands/channel-place.js';
import { CONSOLE_CHANNEL } from './domain/channels.js';
import { createInProcessJobs } from './jobs/in-process-jobs.js';
import { createConsoleChat } from './chat/console-chat.js';
import type { Chat } from './chat/chat.js';
import type { Jobs } from './jobs/jobs.js';

export interface RunningBot {
  stop(): Promise<void>;
}

/**
 * The embedded bot. With chat tokens set (DISCORD_TOKEN + DISCORD_APPLICATION_ID, SLACK_BOT_TOKEN)
 * the platforms answer commands on the same services while the sources are ingested on schedule;
 * without, the console is the channel and gets the digest, as a first run shows.
 */
export async function startEmbedded(config: Config, chat: Chat = createConsoleChat()): Promise<RunningBot> {
  const log = createLogger(config.LOG_LEVEL);
  const services: OpenServices = await openServices(config);
  const sources = sourceList(config);
  const on = chatPlatformsConfigured(config);
  log.info({ mode: config.mode, db: config.NEWSBRIEF_DB, sources, engine: services.engine.name, discord: on.discord, slack: on.slack }, 'newsbrief starting');
  let platforms: RunningPlatforms | undefined;
  if (on.discord || on.slack) {
    try {
      // Up before the first ingest: a long first run must not keep commands unanswered.
      platforms = await startChatPlatforms(config, services, log);
    } catch (err) {
      await services.close();
      throw err;
    }
    for (const line of platforms.lines) log.info(line);
  }

  const ingestAll = async (): Promise<void> => {
    const summary = await ingestInputs(services, sources, (o) => {
      if (o.status === 'rejected') log.warn({ input: o.input }, `rejected: ${o.reason}`);
      else if (o.status === 'notice') log.info({ input: o.input }, o.message);
    });
    log.info(summary, 'ingest run finished');
  };
  const postDigest = async (): Promise<void> => {
    const items = await digest(services, { since: config.NEWSBRIEF_DIGEST_WINDOW, maxStories: config.NEWSBRIEF_DIGEST_MAX_STORIES });
    await chat.postDigest({
      channel: 'console',
      title: `Digest: stories that moved in the last ${config.NEWSBRIEF_DIGEST_WINDOW}`,
      digest: digestView(config.NEWSBRIEF_DIGEST_WINDOW, items, await storylineTitles(services, items.map((i) => i.story))),
      timeZone: await channelTimeZone(services, CONSOLE_CHANNEL, config.NEWSBRIEF_TZ),
    });
  };

  // The console digest is the console channel's; with platforms running the terminal is a log.
  const consoleDigest = !platforms;
  await ingestAll();
  if (consoleDigest) await postDigest();

  const jobs: Jobs = createInProcessJobs({ onError: (id, err) => log.error({ job: id, err }, 'job failed') });
  jobs.schedule({ id: 'ingest', pattern: config.NEWSBRIEF_INGEST_CRON, timeZone: config.NEWSBRIEF_TZ, run: ingestAll });
  if (consoleDigest) jobs.schedule({ id: 'digest', pattern: config.NEWSBRIEF_DIGEST_CRON, timeZone: config.NEWSBRIEF_TZ, run: postDigest });
  log.info(
    { ingest: config.NEWSBRIEF_INGEST_CRON, ...(consoleDigest ? { digest: config.NEWSBRIEF_DIGEST_CRON } : {}), tz: config.NEWSBRIEF_TZ },
    'scheduled; press Ctrl-C to stop',
  );

  return {
    async stop() {
      await jobs.stop();
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
  const bot = await startEmbedded(config);
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\nnewsbrief: ${signal} received, stopping\n`);
    bot.stop().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`newsbrief: error while stopping: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

if (import.meta.url === new URL(process.argv[1] ?? '', 'file://').href) {
  main().catch((err) => {
    process.stderr.write(`newsbrief: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
