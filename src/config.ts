// All configuration in one schema, validated once at start; every bad value is reported together
// with what was expected. Defaults live here and nowhere else.
import cron from 'node-cron';
import { z } from 'zod';
import { MIN_POLL_INTERVAL_MS, parseDuration } from './domain/duration.js';
import { parseRate } from './limits/rate-limiter.js';

// node-cron's own check, at configuration time: a pattern it would refuse only when scheduling
// used to pass here and stop the bot after its first run.
const cronField = z
  .string()
  .trim()
  .refine((v) => /^(\S+\s+){4,5}\S+$/.test(v) && cron.validate(v), 'a cron expression of 5 or 6 fields that node-cron accepts, e.g. "0 8 * * *"');

const timeZone = z
  .string()
  .trim()
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as "UTC" or "Europe/Berlin"');

const duration = z
  .string()
  .trim()
  .refine((v) => parseDuration(v) !== undefined, 'a duration such as 30m, 24h or 7d');

const pollInterval = z
  .string()
  .trim()
  .refine((v) => (parseDuration(v) ?? 0) >= MIN_POLL_INTERVAL_MS, 'a duration of at least 5m, such as 15m or 1h (sources are polled no more often than every 5 minutes)');

const rate = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const r = parseRate(v);
    if (!r) ctx.addIssue({ code: 'custom', message: 'a rate such as "10/min", "30/minute" or "20/hour"' });
    return r ?? z.NEVER;
  });

const boolFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const configSchema = z.object({
  NEWSBRIEF_DB: z.string().trim().min(1).default('./data/newsbrief.db'),
  /** Comma-separated paths, folders, feed URLs or article URLs ingested on schedule. */
  NEWSBRIEF_SOURCES: z.string().trim().default('examples'),
  /** No longer drives ingestion (each source is polled on NEWSBRIEF_POLL_INTERVAL, ADR 018); still checked, for old .env files. */
  NEWSBRIEF_INGEST_CRON: cronField.default('*/30 * * * *'),
  /** How often each source is polled (a failing one backs off from there). */
  NEWSBRIEF_POLL_INTERVAL: pollInterval.default('15m'),
  /** No longer drives digests (each channel's digest-time does, ADR 017); still checked, for old .env files. */
  NEWSBRIEF_DIGEST_CRON: cronField.default('0 8 * * *'),
  /** A channel's digest time (HH:MM, in its time zone) while it set none with `settings digest-time`. */
  NEWSBRIEF_DIGEST_TIME: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM from 00:00 to 23:59')
    .default('08:00'),
  NEWSBRIEF_TZ: timeZone.default('UTC'),
  NEWSBRIEF_DIGEST_WINDOW: duration.default('24h'),
  NEWSBRIEF_DIGEST_MAX_STORIES: z.coerce.number().int().min(1).max(25).default(8),
  /** Deliveries (digests, story posts) in flight at once: a Slack channel takes a message a second, so 100 channels post at once; the platform pacers keep the rate. */
  NEWSBRIEF_DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(100),
  /** How long a delivery claimed by a process that then died blocks a retry (ADR 017): longer than a post can take. */
  NEWSBRIEF_DELIVERY_LEASE: duration.default('2m'),
  NEWSBRIEF_MAX_FEED_ITEMS: z.coerce.number().int().min(1).max(10_000).default(200),
  NEWSBRIEF_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(5 * 1024 * 1024),
  NEWSBRIEF_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /** extractive (offline, the default) or openai (any OpenAI-compatible endpoint; ADR 020). */
  NEWSBRIEF_ENGINE: z.enum(['extractive', 'openai']).default('extractive'),
  /** OpenAI key; never logged. A local endpoint (OPENAI_BASE_URL) may need none. */
  OPENAI_API_KEY: z.string().trim().min(1).optional(),
  /** Another OpenAI-compatible endpoint: Ollama http://127.0.0.1:11434/v1, vLLM http://HOST:8000/v1, ... */
  OPENAI_BASE_URL: z.string().trim().url('an http(s) URL such as http://127.0.0.1:11434/v1').optional(),
  OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  OPENAI_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.2),
  /** Per model call (each attempt). */
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  /** Retries after a failed call (429, 5xx, timeouts); our own, never waiting past OPENAI_RETRY_CAP_MS. */
  OPENAI_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  /** Longest Retry-After we wait for; a longer one means the extractive engine writes the briefing now. */
  OPENAI_RETRY_CAP_MS: z.coerce.number().int().min(0).max(120_000).default(20_000),
  /** Input tokens one briefing may send (the passages are chosen to fit). */
  OPENAI_MAX_INPUT_TOKENS: z.coerce.number().int().min(500).max(200_000).default(1_500),
  /** Tokens (in + out) per UTC day over all model calls; then the extractive engine, saying so. */
  OPENAI_DAILY_TOKENS: z.coerce.number().int().min(0).default(1_000_000),
  /** Tokens per UTC day for one Discord guild or Slack workspace. */
  OPENAI_WORKSPACE_DAILY_TOKENS: z.coerce.number().int().min(0).default(200_000),
  /** Failed briefings in a row that open the circuit breaker, and how long it stays open. */
  OPENAI_BREAKER_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  OPENAI_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  /** Test-only: lets the fetcher reach 127.0.0.1/::1 (never other private ranges). */
  NEWSBRIEF_ALLOW_LOOPBACK: boolFlag.default(false),
  /** Commands one chat user may give (token bucket: a burst of N, refilled over the period). */
  NEWSBRIEF_RATE_USER: rate.prefault('10/min'),
  /** Commands one chat channel may receive, all its users together. */
  NEWSBRIEF_RATE_CHANNEL: rate.prefault('30/min'),
  /** Links one chat user may have fetched and briefed (`brief <url>`). */
  NEWSBRIEF_RATE_URLS: rate.prefault('20/hour'),
  /** Queue mode (ADR 022, 024): BullMQ queues, schedules, locks and shared rate limits on this Redis; may hold a password: never echoed. */
  REDIS_URL: z.string().trim().regex(/^rediss?:\/\/\S+$/, 'a redis:// URL such as redis://127.0.0.1:6379').optional(),
  /** Queue mode: the prefix of every Redis key (several deployments, or tests, on one Redis). */
  NEWSBRIEF_QUEUE_PREFIX: z.string().trim().regex(/^[A-Za-z0-9_-]{1,40}$/, '1 to 40 letters, digits, - or _').default('newsbrief'),
  /**
   * Queue mode: how long a worker holds a job without renewing its lock; a worker that died is
   * found by the others this long after (then its job runs again elsewhere).
   */
  NEWSBRIEF_JOB_LOCK: z
    .string()
    .trim()
    .refine((v) => (parseDuration(v) ?? 0) >= 1000, 'a duration of at least 1s, such as 30s')
    .default('30s'),
  /** The archive in PostgreSQL instead of the SQLite file (queue mode across machines, ADR 023); may hold a password: never echoed. */
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(?:ql)?:\/\/\S+$/, 'a postgres:// URL such as postgres://newsbrief@127.0.0.1:5432/newsbrief')
    // pg would fail on it later with a bare "Invalid URL": say which value, at start, like any other.
    .refine((u) => URL.canParse(u), 'a postgres:// URL such as postgres://newsbrief@127.0.0.1:5432/newsbrief')
    .optional(),
  /** PostgreSQL connections each process keeps at most (its pg.Pool size). */
  NEWSBRIEF_PG_POOL: z.coerce.number().int().min(1).max(500).default(10),
  /** Discord bot token (Developer Portal > Bot); never logged. */
  DISCORD_TOKEN: z.string().trim().min(1).optional(),
  /** Discord application id (a snowflake). */
  DISCORD_APPLICATION_ID: z.string().trim().regex(/^\d{17,20}$/, 'a Discord application id (17 to 20 digits)').optional(),
  /** Another Discord REST root (a rate-limit proxy, a local test server), e.g. http://127.0.0.1:PORT/api. */
  DISCORD_API_BASE: z.string().trim().url('an http(s) URL such as http://127.0.0.1:8080/api').optional(),
  /** Slack: the bot runs when SLACK_BOT_TOKEN is set; Socket Mode with SLACK_APP_TOKEN, else HTTP. */
  SLACK_BOT_TOKEN: z.string().trim().startsWith('xoxb-', 'a bot token (xoxb-...)').optional(),
  SLACK_SIGNING_SECRET: z.string().trim().min(8, 'the app\'s signing secret').optional(),
  SLACK_APP_TOKEN: z.string().trim().startsWith('xapp-', 'an app-level token (xapp-...)').optional(),
  /** Another Slack Web API root (a rate-limit proxy, a local server in tests). */
  SLACK_API_URL: z.string().trim().url('a URL such as https://slack.com/api/').optional(),
  /** Comma-separated Slack user ids allowed to run admin commands besides workspace admins and owners. */
  NEWSBRIEF_SLACK_ADMINS: z.string().trim().default(''),
  /**
   * The bot's HTTP port (0: any free one, logged): /healthz and /metrics always, and /slack/events
   * too when Slack runs in HTTP mode (one port, ADR 019).
   */
  NEWSBRIEF_HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** The address that port is bound to: every interface by default, so a container's healthcheck and a scraper reach it. */
  NEWSBRIEF_HTTP_HOST: z.string().trim().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema> & {
  mode: 'embedded' | 'queue';
  /** The variables the environment set (the rest are defaults): a default may yield where a choice may not. */
  given?: ReadonlySet<string>;
};

// DATABASE_URL and REDIS_URL too: a malformed one may still carry a password.
const SECRET_KEY = /(?:KEY|TOKEN|SECRET)$|^(?:DATABASE|REDIS)_URL$/;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validate an environment (process.env by default); throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset": a blank line in .env must not override a default.
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') cleaned[key] = value;
  }
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = issue.path.join('.');
        const got = cleaned[key];
        // A secret is never echoed back, not even a malformed one.
        const shown = got !== undefined && SECRET_KEY.test(key) ? '(hidden)' : JSON.stringify(got ?? '');
        return `${key}=${shown}: expected ${issue.message}`;
      }),
    );
  }
  if (parsed.data.NEWSBRIEF_ENGINE === 'openai' && !parsed.data.OPENAI_API_KEY && !parsed.data.OPENAI_BASE_URL) {
    throw new ConfigError(['NEWSBRIEF_ENGINE=openai needs OPENAI_API_KEY, or OPENAI_BASE_URL for a local endpoint that needs no key']);
  }
  return { ...parsed.data, mode: parsed.data.REDIS_URL ? 'queue' : 'embedded', given: new Set(Object.keys(cleaned)) };
}

export function sourceList(config: Pick<Config, 'NEWSBRIEF_SOURCES'>): string[] {
  return config.NEWSBRIEF_SOURCES.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** NEWSBRIEF_POLL_INTERVAL in milliseconds. */
export function pollIntervalMs(config: Pick<Config, 'NEWSBRIEF_POLL_INTERVAL'>): number {
  return parseDuration(config.NEWSBRIEF_POLL_INTERVAL)!;
}

/** The Slack user ids of NEWSBRIEF_SLACK_ADMINS. */
export function slackAdmins(config: Pick<Config, 'NEWSBRIEF_SLACK_ADMINS'>): string[] {
  return config.NEWSBRIEF_SLACK_ADMINS.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
