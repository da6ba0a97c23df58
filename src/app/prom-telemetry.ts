// Telemetry on prom-client (ADR 019): counters and histograms in a Registry of our own (not the
// library's global one, so two bots in one process, e.g. tests, never share or clash), the
// library's default process metrics, and gauges of what is stored, read at scrape time.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { IngestRunOutcome, JobOutcome, PostKind, PostOutcome, Telemetry } from '../domain/telemetry.js';
import type { QueueStatus } from './http-endpoints.js';

export interface PromTelemetryOptions {
  /** The command names of the registry: any other name is counted as "other" (bounded labels). */
  commands: readonly string[];
  /** What is stored, read at each scrape (a cheap COUNT); a failure leaves the gauges as they were. */
  counts?: () => Promise<{ articles: number; stories: number }>;
  /** Off in unit tests that read the registry's text; on in the bot. */
  defaultMetrics?: boolean;
  /** Queue mode: each queue's jobs by state, read at each scrape (src/jobs/queue-health.ts). */
  queue?: () => Promise<QueueStatus>;
  /** The job names (bounded labels): any other queue name is counted as "other". Absent: names as given. */
  jobNames?: readonly string[];
}

export interface PromTelemetry extends Telemetry {
  registry: Registry;
  /** Queue mode: the queues to read at each scrape, when they are known only after the telemetry was made. */
  watchQueues(queue: () => Promise<QueueStatus>): void;
  /** The exposition of every metric, and its content type (text format 0.0.4). */
  metrics(): Promise<{ contentType: string; text: string }>;
}

const INGEST_OUTCOMES: readonly IngestRunOutcome[] = ['ok', 'error'];
const POST_KINDS: readonly PostKind[] = ['digest', 'story', 'update'];
const POST_OUTCOMES: readonly PostOutcome[] = ['sent', 'failed', 'dead'];
const PLATFORMS = new Set(['cli', 'console', 'discord', 'slack']);
const JOB_OUTCOMES: readonly JobOutcome[] = ['completed', 'failed'];
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

export function createPromTelemetry(opts: PromTelemetryOptions): PromTelemetry {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const commands = new Set(opts.commands);

  const ingestRuns = new Counter({ name: 'newsbrief_ingest_runs_total', help: 'Ingest runs, by outcome.', labelNames: ['outcome'], registers });
  const ingestSeconds = new Histogram({
    name: 'newsbrief_ingest_run_seconds',
    help: 'How long an ingest run took.',
    buckets: [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600],
    registers,
  });
  const lastIngest = new Gauge({ name: 'newsbrief_ingest_last_success_timestamp_seconds', help: 'When the last ingest run that succeeded ended (Unix time).', registers });
  const articlesIngested = new Counter({ name: 'newsbrief_articles_ingested_total', help: 'New articles stored by ingest runs.', registers });
  const posts = new Counter({ name: 'newsbrief_posts_total', help: 'Post attempts, by kind and outcome (dead: in the dead-letter list).', labelNames: ['kind', 'outcome'], registers });
  const delivery = new Histogram({
    name: 'newsbrief_delivery_seconds',
    help: 'How long a delivery took, from its claim in the ledger to its confirm or fail.',
    // Up to minutes: a post may wait for a platform's Retry-After.
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers,
  });
  const command = new Histogram({
    name: 'newsbrief_command_seconds',
    help: 'How long a command took to answer, by command and platform.',
    labelNames: ['command', 'platform'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });

  const jobNames = opts.jobNames ? new Set(opts.jobNames) : undefined;
  const queueLabel = (name: string): string => (!jobNames || jobNames.has(name) ? name : 'other');
  const jobSeconds = new Histogram({
    name: 'newsbrief_job_duration_seconds',
    help: 'How long a queued job ran, by queue (job name) and outcome.',
    labelNames: ['queue', 'outcome'],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600],
    registers,
  });
  let queueStatus = opts.queue;
  new Gauge({
    name: 'newsbrief_queue_jobs',
    help: 'Jobs in each queue, by state (read from Redis at scrape time; every process reports the same: use max, not sum).',
    labelNames: ['queue', 'state'],
    registers,
    async collect() {
      if (!queueStatus) return;
      // Redis down: the gauges stay as they were, /healthz says why.
      const s = await queueStatus().catch(() => undefined);
      if (!s || s.redis !== 'ok') return;
      this.reset();
      const sums = new Map<string, number>();
      for (const [name, counts] of Object.entries(s.queues)) {
        for (const state of QUEUE_STATES) {
          const k = `${queueLabel(name)}\u0000${state}`;
          sums.set(k, (sums.get(k) ?? 0) + (counts[state] ?? 0));
        }
      }
      for (const [k, n] of sums) {
        const [queue, state] = k.split('\u0000') as [string, string];
        this.set({ queue, state }, n);
      }
    },
  });
  for (const queue of opts.jobNames ?? []) for (const outcome of JOB_OUTCOMES) jobSeconds.zero({ queue, outcome });

  // Both gauges from one read per scrape: whichever is collected first reads, the other reuses it.
  let pending: Promise<{ articles: number; stories: number } | undefined> | undefined;
  const counts = (): Promise<{ articles: number; stories: number } | undefined> => {
    if (!opts.counts) return Promise.resolve(undefined);
    pending ??= opts.counts().then(
      (c) => c,
      () => undefined, // the store is down: /healthz says so; /metrics still answers
    );
    const p = pending;
    void p.finally(() => {
      if (pending === p) pending = undefined;
    });
    return p;
  };
  new Gauge({
    name: 'newsbrief_articles',
    help: 'Articles stored.',
    registers,
    async collect() {
      const c = await counts();
      if (c) this.set(c.articles);
    },
  });
  new Gauge({
    name: 'newsbrief_stories',
    help: 'Stories stored.',
    registers,
    async collect() {
      const c = await counts();
      if (c) this.set(c.stories);
    },
  });

  // Every series at 0 from the start: a rate() over a series that appears with its first event misses it.
  for (const outcome of INGEST_OUTCOMES) ingestRuns.inc({ outcome }, 0);
  for (const kind of POST_KINDS) for (const outcome of POST_OUTCOMES) posts.inc({ kind, outcome }, 0);

  return {
    registry,
    async metrics() {
      return { contentType: registry.contentType, text: await registry.metrics() };
    },
    ingestRun(outcome, seconds) {
      ingestRuns.inc({ outcome });
      ingestSeconds.observe(seconds);
      if (outcome === 'ok') lastIngest.set(Date.now() / 1000);
    },
    articlesIngested(n) {
      if (n > 0) articlesIngested.inc(n);
    },
    postOutcome(kind, outcome) {
      posts.inc({ kind, outcome });
    },
    deliveryLatency(seconds) {
      delivery.observe(seconds);
    },
    watchQueues(queue) {
      queueStatus = queue;
    },
    jobDuration(queue, outcome, seconds) {
      jobSeconds.observe({ queue: queueLabel(queue), outcome }, seconds);
    },
    commandLatency(name, platform, seconds) {
      command.observe({ command: commands.has(name) ? name : 'other', platform: PLATFORMS.has(platform) ? platform : 'other' }, seconds);
    },
  };
}
