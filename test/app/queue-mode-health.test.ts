// /healthz and /metrics with queue mode's providers (ADR 024), on a real node:http server and fake
// providers: Redis or the database down is a 503 with the reason in one line and no password; the
// queue gauges are read at scrape time; the job-duration histogram has bounded labels.
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpEndpoints, listenHttp, safeReason, type QueueStatus, type RunningHttpServer } from '../../src/app/http-endpoints.js';
import { createPromTelemetry } from '../../src/app/prom-telemetry.js';
import { noopTelemetry, timedJob } from '../../src/domain/telemetry.js';

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const counts = (waiting: number) => ({ waiting, active: 1, delayed: 2, failed: 0 });

describe('queue mode health and metrics', () => {
  let server: RunningHttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('/healthz reports Redis, the queues and the database; either down is a 503 with one line, no password', async () => {
    let queue: QueueStatus | Error = { redis: 'ok', queues: { 'poll-source': counts(3) } };
    let database: string | Error = 'ok';
    const endpoints = createHttpEndpoints({
      storeCheck: async () => 1,
      platforms: () => ({ discord: 'off', slack: 'off' }),
      queue: async () => {
        if (queue instanceof Error) throw queue;
        return queue;
      },
      database: async () => {
        if (database instanceof Error) throw database;
        return database;
      },
      storeTimeoutMs: 200,
    });
    server = await listenHttp(endpoints, 0, '127.0.0.1');
    const get = async () => {
      const res = await fetch(`http://127.0.0.1:${server!.port}/healthz`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect(await get()).toEqual({
      status: 200,
      body: { status: 'ok', store: 'ok', platforms: { discord: 'off', slack: 'off' }, uptimeS: expect.any(Number), redis: 'ok', queues: { 'poll-source': counts(3) }, database: 'ok' },
    });

    queue = { redis: 'connect ECONNREFUSED 127.0.0.1:6390', queues: {} };
    let h = await get();
    expect(h.status).toBe(503);
    expect(h.body).toMatchObject({ status: 'error', store: 'ok', redis: 'error', database: 'ok', error: 'redis: connect ECONNREFUSED 127.0.0.1:6390' });

    queue = new Error('Reconnecting to redis://default:hunter2@redis:6379\n  at Socket.<anonymous>');
    database = new Error('password authentication failed for user "newsbrief" (postgres://newsbrief:pgsecret@db:5432/newsbrief)');
    h = await get();
    expect(h.status).toBe(503);
    const error = String(h.body.error);
    expect(error).not.toMatch(/hunter2|pgsecret|\n/);
    expect(error).toBe('redis: Reconnecting to redis://***@redis:6379 at Socket.<anonymous>; database: password authentication failed for user "newsbrief" (postgres://***@db:5432/newsbrief)');

    // A provider that never answers counts as down after the timeout.
    queue = { redis: 'ok', queues: {} };
    database = 'ok';
    const slow = createHttpEndpoints({ storeCheck: async () => 1, platforms: () => ({ discord: 'off', slack: 'off' }), database: () => new Promise(() => {}), storeTimeoutMs: 50 });
    await server.close();
    server = await listenHttp(slow, 0, '127.0.0.1');
    h = await get();
    expect(h).toMatchObject({ status: 503, body: { database: 'error', error: 'database: no answer within 50 ms' } });
  });

  it('without queue-mode providers /healthz is what it was (no redis, queues or database fields)', async () => {
    server = await listenHttp(createHttpEndpoints({ storeCheck: async () => 1, platforms: () => ({ discord: 'off', slack: 'off' }) }), 0, '127.0.0.1');
    const body = (await (await fetch(`http://127.0.0.1:${server.port}/healthz`)).json()) as object;
    expect(Object.keys(body).sort()).toEqual(['platforms', 'status', 'store', 'uptimeS']);
  });

  it('safeReason masks credentials and keeps one line', () => {
    expect(safeReason('AUTH failed: password=abc123 token: xyz\nnext')).toBe('AUTH failed: password=*** token: *** next');
    expect(safeReason('rediss://user:pa55@host:6380/0 down')).toBe('rediss://***@host:6380/0 down');
    expect(safeReason('x'.repeat(1000))).toHaveLength(300);
  });

  it('/metrics: newsbrief_queue_jobs read at scrape, newsbrief_job_duration_seconds by queue and outcome', async () => {
    let status: QueueStatus = { redis: 'ok', queues: { 'poll-source': counts(3), 'deliver-digest': counts(0), 'odd-name': counts(5) } };
    const t = createPromTelemetry({ commands: [], defaultMetrics: false, jobNames: ['poll-source', 'deliver-digest'] });
    // Before any provider: no queue series.
    expect(sample((await t.metrics()).text, 'newsbrief_queue_jobs{queue="poll-source",state="waiting"}')).toBeUndefined();
    t.watchQueues(async () => status);
    let text = (await t.metrics()).text;
    expect(sample(text, 'newsbrief_queue_jobs{queue="poll-source",state="waiting"}')).toBe(3);
    expect(sample(text, 'newsbrief_queue_jobs{queue="poll-source",state="delayed"}')).toBe(2);
    expect(sample(text, 'newsbrief_queue_jobs{queue="deliver-digest",state="waiting"}')).toBe(0);
    expect(sample(text, 'newsbrief_queue_jobs{queue="other",state="waiting"}')).toBe(5);
    status = { redis: 'ok', queues: { 'poll-source': counts(7) } };
    text = (await t.metrics()).text;
    expect(sample(text, 'newsbrief_queue_jobs{queue="poll-source",state="waiting"}')).toBe(7);
    expect(sample(text, 'newsbrief_queue_jobs{queue="deliver-digest",state="waiting"}')).toBeUndefined();
    // Redis down: the gauges stay as they were, /metrics still answers.
    status = { redis: 'connect ECONNREFUSED', queues: {} };
    text = (await t.metrics()).text;
    expect(sample(text, 'newsbrief_queue_jobs{queue="poll-source",state="waiting"}')).toBe(7);
    t.watchQueues(async () => Promise.reject(new Error('gone')));
    expect(sample((await t.metrics()).text, 'newsbrief_queue_jobs{queue="poll-source",state="waiting"}')).toBe(7);

    // Every known queue's series exist from the start, at 0.
    expect(sample(text, 'newsbrief_job_duration_seconds_count{queue="deliver-digest",outcome="failed"}')).toBe(0);
    const ok = timedJob(t, 'poll-source', async (_: { n: number }) => {});
    const bad = timedJob(t, 'made-up', async () => {
      throw new Error('boom');
    });
    await ok({ n: 1 });
    await ok({ n: 2 });
    await expect(bad({})).rejects.toThrow('boom');
    text = (await t.metrics()).text;
    expect(sample(text, 'newsbrief_job_duration_seconds_count{queue="poll-source",outcome="completed"}')).toBe(2);
    expect(sample(text, 'newsbrief_job_duration_seconds_count{queue="other",outcome="failed"}')).toBe(1);
    // The no-op telemetry has the method too.
    noopTelemetry.jobDuration('x', 'completed', 1);
  });
});
