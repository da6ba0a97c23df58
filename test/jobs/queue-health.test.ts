// Queue mode's health (ADR 024) on a real redis-server: BullMQ's job counts and Redis's PING behind
// /healthz and /metrics; then the server killed: 503 with the reason, /metrics still answering.
import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpEndpoints, listenHttp, type RunningHttpServer } from '../../src/app/http-endpoints.js';
import { createPromTelemetry } from '../../src/app/prom-telemetry.js';
import { createBullmqJobs } from '../../src/jobs/bullmq-jobs.js';
import { createQueueHealth, type QueueHealth } from '../../src/jobs/queue-health.js';
import { describeWithRedis } from '../support/redis.js';

const WORK = { name: 'work', payload: z.object({ n: z.number().int() }).strict() };

describeWithRedis('queue health', (server) => {
  const prefix = `nbtest-${randomUUID().slice(0, 8)}`;
  let health: QueueHealth | undefined;
  let http: RunningHttpServer | undefined;
  afterAll(async () => {
    await http?.close();
    await health?.close();
  });

  it('healthy: counts reflect queued jobs; Redis killed: 503 with the reason, counts kept on /metrics', async () => {
    const errors: unknown[] = [];
    const producer = createBullmqJobs({ url: server().url, prefix, known: [WORK], onError: (_id, err) => errors.push(err) });
    for (let n = 0; n < 3; n++) expect(await producer.enqueue('work', { n }, { idempotencyKey: `work:${n}` })).toBe(true);
    await producer.stop();

    health = await createQueueHealth({ url: server().url, prefix, names: ['work', 'idle'], timeoutMs: 1_000 });
    const telemetry = createPromTelemetry({ commands: [], defaultMetrics: false, jobNames: ['work', 'idle'], queue: () => health!.check() });
    http = await listenHttp(
      createHttpEndpoints({ storeCheck: async () => 1, platforms: () => ({ discord: 'off', slack: 'off' }), queue: () => health!.check(), metrics: () => telemetry.metrics() }),
      0,
      '127.0.0.1',
    );
    const base = `http://127.0.0.1:${http.port}`;
    // The connection opens in the background: ready within a moment.
    let res = await fetch(`${base}/healthz`);
    for (let i = 0; i < 50 && res.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      res = await fetch(`${base}/healthz`);
    }
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      redis: 'ok',
      queues: { work: { waiting: 3, active: 0, delayed: 0, failed: 0 }, idle: { waiting: 0, active: 0, delayed: 0, failed: 0 } },
    });
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('newsbrief_queue_jobs{queue="work",state="waiting"} 3');
    expect(text).toContain('newsbrief_queue_jobs{queue="idle",state="waiting"} 0');

    const exited = new Promise((r) => server().child.once('exit', r));
    server().child.kill('SIGKILL');
    await exited;
    const t0 = Date.now();
    res = await fetch(`${base}/healthz`);
    expect(Date.now() - t0).toBeLessThan(1_500);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; redis: string; error: string; store: string };
    expect(body).toMatchObject({ status: 'error', store: 'ok', redis: 'error' });
    expect(body.error).toMatch(/^redis: \S.*/);
    expect(body.error).not.toContain('\n');
    const after = await fetch(`${base}/metrics`);
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('newsbrief_queue_jobs{queue="work",state="waiting"} 3');
    // Closing with Redis gone does not hang.
    const c0 = Date.now();
    await health.close();
    expect(Date.now() - c0).toBeLessThan(2_500);
    health = undefined;
  }, 30_000);
});
