// The BullMQ adapter of the Jobs port (queue mode, ADR 022) against a real redis-server started for
// this file: the shared contract suite, then what only a queue on Redis can show: several processes
// sharing one schedule, a job taken over from a worker process killed mid-job, queued work outliving
// a stop. Each test has a BullMQ prefix of its own, so nothing leaks from one test to the next.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import { afterEach, expect, it } from 'vitest';
import { z } from 'zod';
import { createBullmqJobs, jobIdOf, type BullmqJobsOptions } from '../../src/jobs/bullmq-jobs.js';
import type { Jobs } from '../../src/jobs/jobs.js';
import { describeWithRedis, startRedis, findRedisServer } from '../support/redis.js';
import { openJobs } from '../../src/jobs/open-jobs.js';
import { describeJobsContract } from './contract.js';

const ECHO = { name: 'echo', payload: z.object({ n: z.number().int() }).strict() };
const HOLD = { name: 'hold', payload: z.object({ n: z.number().int() }).strict() };
const TICK = { name: 'tick', payload: z.object({}).strict() };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describeWithRedis('BullMQ jobs', (server) => {
  const open: Jobs[] = [];
  const errors: Array<{ id: string; err: unknown }> = [];
  /** An adapter (a "process"), stopped after the test. Quick retries: the contract's failing job is retried once. */
  const make = (prefix: string, o: Partial<BullmqJobsOptions> = {}): Jobs => {
    const jobs = createBullmqJobs({
      url: server().url,
      prefix,
      retry: { default: { attempts: 2, backoffMs: 20 } },
      onError: (id, err) => errors.push({ id, err }),
      ...o,
    });
    open.push(jobs);
    return jobs;
  };
  const newPrefix = () => `nbtest-${randomUUID().slice(0, 8)}`;
  afterEach(async () => {
    await Promise.all(open.splice(0).map((j) => j.stop()));
    errors.length = 0;
  });

  describeJobsContract('BullMQ', async () => make(newPrefix()));

  it('openJobs gives queue mode this adapter, on REDIS_URL', async () => {
    const jobs = await openJobs({ mode: 'queue', REDIS_URL: server().url }, (id, err) => errors.push({ id, err }));
    open.push(jobs);
    const seen: number[] = [];
    // The default prefix on this test's own server: a job name no other test uses.
    jobs.handle({ name: 'open-jobs-echo', payload: ECHO.payload }, async ({ n }) => void seen.push(n));
    expect(await jobs.enqueue('open-jobs-echo', { n: 5 }, { idempotencyKey: 'o5' })).toBe(true);
    await jobs.drain();
    expect(seen).toEqual([5]);
  });

  it('maps idempotency keys to ids BullMQ takes, one to one', async () => {
    expect(jobIdOf('digest:discord:1:2:2026-12-02')).toBe('k=digest%3Adiscord%3A1%3A2%3A2026-12-02');
    expect(jobIdOf('a%3Ab')).not.toBe(jobIdOf('a:b'));
    expect(jobIdOf('12345')).toBe('k=12345');
    const jobs = make(newPrefix());
    const seen: number[] = [];
    jobs.handle(ECHO, async ({ n }) => void seen.push(n));
    expect(await jobs.enqueue('echo', { n: 1 }, { idempotencyKey: 'poll:https://example.com/feed?a=1%2:2026-12-02T10:00:00.000Z' })).toBe(true);
    expect(await jobs.enqueue('echo', { n: 2 }, { idempotencyKey: '12345' })).toBe(true);
    expect(await jobs.enqueue('echo', { n: 3 }, { idempotencyKey: 'poll:https://example.com/feed?a=1%2:2026-12-02T10:00:00.000Z' })).toBe(false);
    await jobs.drain();
    expect(seen.sort()).toEqual([1, 2]);
  });

  it('a key taken by one process is taken for another, and the work goes to whichever handles it', async () => {
    const prefix = newPrefix();
    // A bot process: enqueues, processes nothing.
    const bot = make(prefix, { known: [ECHO] });
    const worker = make(prefix);
    const seen: number[] = [];
    worker.handle(ECHO, async ({ n }) => void seen.push(n));
    expect(await bot.enqueue('echo', { n: 1 }, { idempotencyKey: 'digest:slack:T1:C1:2026-12-02' })).toBe(true);
    expect(await worker.enqueue('echo', { n: 2 }, { idempotencyKey: 'digest:slack:T1:C1:2026-12-02' })).toBe(false);
    await worker.drain();
    expect(await bot.enqueue('echo', { n: 3 }, { idempotencyKey: 'digest:slack:T1:C1:2026-12-02' })).toBe(false);
    await worker.drain();
    expect(seen).toEqual([1]);
  });

  it('refuses in the worker a payload its schema refuses (a producer of another release), without retrying it', async () => {
    const prefix = newPrefix();
    const raw = new Queue('echo', { connection: { url: server().url }, prefix });
    try {
      await raw.add('echo', { n: 'one' }, { jobId: 'k=bad', attempts: 3, backoff: { type: 'exponential', delay: 10 } });
      const jobs = make(prefix);
      const seen: number[] = [];
      jobs.handle(ECHO, async ({ n }) => void seen.push(n));
      await jobs.drain();
      expect(seen).toEqual([]);
      const job = await raw.getJob('k=bad');
      expect(await job?.getState()).toBe('failed');
      expect(job?.attemptsMade).toBe(1);
      expect(errors.map((e) => e.id)).toEqual(['echo:k=bad']);
      expect(String(errors[0]?.err)).toMatch(/payload refused/);
    } finally {
      await raw.close();
    }
  });

  it('retries a failing job with backoff, as configured for its name', async () => {
    const jobs = make(newPrefix(), { retry: { flaky: { attempts: 3, backoffMs: 50 } } });
    const at: number[] = [];
    jobs.handle({ name: 'flaky', payload: z.object({}).strict() }, async () => {
      at.push(Date.now());
      if (at.length < 3) throw new Error('not yet');
    });
    await jobs.enqueue('flaky', {}, { idempotencyKey: 'f' });
    await jobs.drain();
    expect(at).toHaveLength(3);
    // Exponential: about 50 ms, then about 100 ms.
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(45);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(95);
  });

  it('two processes with the same schedule id: one run per slot', async () => {
    const prefix = newPrefix();
    const runs: Array<{ who: string; at: number }> = [];
    for (const who of ['a', 'b']) {
      const jobs = make(prefix);
      jobs.handle(TICK, async () => void runs.push({ who, at: Date.now() }));
      // Every 2 seconds (6 fields: seconds first).
      jobs.schedule({ id: 'tick-2s', pattern: '*/2 * * * * *', timeZone: 'UTC', job: 'tick', payload: {} });
    }
    const from = Date.now();
    await sleep(5_100);
    const slotsPassed = Math.floor(Date.now() / 2000) - Math.floor(from / 2000);
    const slots = runs.map((r) => Math.floor(r.at / 2000));
    expect(new Set(slots).size).toBe(runs.length);
    expect(runs.length).toBeGreaterThanOrEqual(slotsPassed - 1);
    expect(runs.length).toBeLessThanOrEqual(slotsPassed);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    // The scheduler's next run, always waiting in the delayed set, is not work drain waits for.
    const t0 = Date.now();
    await open[0]!.drain();
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it('a scheduled run never overlaps the previous one, in any process', async () => {
    const prefix = newPrefix();
    const spans: Array<{ from: number; to: number }> = [];
    for (let i = 0; i < 2; i++) {
      const jobs = make(prefix);
      // Each run outlasts the next slot: without a limit across processes the other one would start it.
      jobs.handle({ name: 'long', payload: z.object({}).strict() }, async () => {
        const from = Date.now();
        await sleep(1_300);
        spans.push({ from, to: Date.now() });
      });
      jobs.schedule({ id: 'long-1s', pattern: '* * * * * *', timeZone: 'UTC', job: 'long', payload: {} });
    }
    await sleep(4_500);
    await Promise.all(open.map((j) => j.stop()));
    spans.sort((a, b) => a.from - b.from);
    expect(spans.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.from).toBeGreaterThanOrEqual(spans[i - 1]!.to);
  });

  it('a job whose worker process was killed mid-job is taken by another worker (stalled recovery)', async () => {
    const prefix = newPrefix();
    const child = spawn(process.execPath, [resolve(import.meta.dirname, '../fixtures/bullmq-hold-worker.mjs')], {
      env: { ...process.env, REDIS_URL: server().url, PREFIX: prefix },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise((r) => child.once('exit', r));
    try {
      const bot = make(prefix, { known: [HOLD] });
      expect(await bot.enqueue('hold', { n: 42 }, { idempotencyKey: 'hold:42' })).toBe(true);
      await until('the child to start the job', () => out.includes('started 42'));
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    // Another process: it looks for lapsed locks every 200 ms; the dead one's lock lapses 1 s after its last renewal.
    const survivor = make(prefix, { stalledIntervalMs: 200, lockDurationMs: 1_000 });
    const ran: number[] = [];
    survivor.handle(HOLD, async ({ n }) => void ran.push(n));
    await until('the survivor to run the job', () => ran.length > 0);
    await survivor.drain();
    expect(ran).toEqual([42]);
    // Its key is still taken: the killed run and the recovered one are one job.
    expect(await survivor.enqueue('hold', { n: 42 }, { idempotencyKey: 'hold:42' })).toBe(false);
  });

  it('stop finishes the job in hand; what is still queued waits in Redis for the next process', async () => {
    const prefix = newPrefix();
    const SLOW = { name: 'slow', payload: z.object({ n: z.number().int() }).strict() };
    const first = make(prefix, { known: [SLOW] });
    const started: number[] = [];
    const finished: string[] = [];
    // Queued before any worker runs, and the job in hand held until stop has begun: no timing to race.
    for (let n = 0; n < 3; n++) await first.enqueue('slow', { n }, { idempotencyKey: `slow:${n}` });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    first.handle(SLOW, async ({ n }) => {
      started.push(n);
      await gate;
      finished.push(`first:${n}`);
    });
    await until('the first job to start', () => started.length > 0);
    const stopping = first.stop();
    await sleep(50);
    expect(finished).toEqual([]);
    release();
    await stopping;
    expect(finished).toEqual(['first:0']);
    const next = make(prefix);
    next.handle(SLOW, async ({ n }) => void finished.push(`next:${n}`));
    await next.drain();
    expect(finished).toEqual(['first:0', 'next:1', 'next:2']);
  });

  it('with Redis gone an enqueue fails at once, and stop gives up on closing within its timeout, and says so', async () => {
    // A server of its own: this test kills it.
    const own = await startRedis(findRedisServer()!);
    try {
      const jobs = make(newPrefix(), { url: own.url, stopTimeoutMs: 500 });
      jobs.handle(ECHO, async () => {});
      await jobs.enqueue('echo', { n: 1 }, { idempotencyKey: 'e1' });
      await jobs.drain();
      own.child.kill('SIGKILL');
      await sleep(200);
      const t1 = Date.now();
      await expect(jobs.enqueue('echo', { n: 2 }, { idempotencyKey: 'e2' })).rejects.toThrow();
      expect(Date.now() - t1).toBeLessThan(1_000);
      const t0 = Date.now();
      await jobs.stop();
      expect(Date.now() - t0).toBeLessThan(2_000);
      expect(errors.some((e) => e.id === 'stop' && /not closed within 500 ms/.test(String(e.err)))).toBe(true);
    } finally {
      await own.stop();
    }
  });
});
