// `npm start`: the bot in embedded mode. Ingests the configured sources (the bundled examples by
// default) and each channel's own, polling each on its own schedule; answers commands on Discord and Slack when their
// tokens are set, else posts the digest to the console. With REDIS_URL set the same process plays
// both queue-mode roles (`newsbrief worker` and `newsbrief bot` play one each; ADR 022).
import { loadConfig, ConfigError, type Config } from './config.js';
import { loadDotEnv } from './app/env-file.js';
import { BOTH_ROLES, startNode, type Role } from './app/node.js';
import type { StoryPoster } from './delivery/story-posts.js';
import type { DigestRunner } from './delivery/digests.js';
import type { Chat } from './chat/chat.js';
import type { Jobs } from './jobs/jobs.js';

export { DIGEST_TICK_CRON, POLL_TICK_CRON } from './app/node.js';

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

/** Both roles in this process: the worker (polls, ingest, posts) and the bot (commands). */
export async function startEmbedded(config: Config, chat?: Chat, opts: EmbeddedOptions = {}): Promise<RunningBot> {
  const node = await startNode(config, chat, { ...opts, roles: BOTH_ROLES });
  return { digests: node.digests!, storyPosts: node.storyPosts!, jobs: node.jobs!, stop: () => node.stop() };
}

/**
 * Runs the roles until SIGTERM or SIGINT, heard from the start: a stop while the first ingest or
 * digests run ends them after the item in hand instead of killing the process mid-post. Resolves
 * once stopped; exits the process (status 1) if stopping takes longer than SHUTDOWN_GRACE_MS.
 */
export async function runUntilSignal(config: Config, roles: ReadonlySet<Role>): Promise<void> {
  const abort = new AbortController();
  const started = startNode(config, undefined, { roles, signal: abort.signal });
  let stopping = false;
  let stopped!: () => void;
  let failed!: (err: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    stopped = resolve;
    failed = reject;
  });
  const shutdown = (signal: string): void => {
    if (stopping) {
      process.stderr.write(`newsbrief: ${signal} again, exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    process.stderr.write(`\nnewsbrief: ${signal} received: finishing the work in hand, then stopping\n`);
    abort.abort();
    // A post stuck past the grace period is left to the ledger: claimed, it is retried on the next
    // start (queue mode: by another worker once its job's lock lapses).
    setTimeout(() => {
      process.stderr.write(`newsbrief: still stopping after ${SHUTDOWN_GRACE_MS / 1000} s; exiting (unconfirmed posts are retried)\n`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    started.then((node) => node.stop()).then(stopped, (err: unknown) => failed(new Error(`error while stopping: ${(err as Error).message}`)));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  await started;
  await done;
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
  await runUntilSignal(config, BOTH_ROLES);
  process.exit(0);
}

if (import.meta.url === new URL(process.argv[1] ?? '', 'file://').href) {
  main().catch((err) => {
    process.stderr.write(`newsbrief: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
