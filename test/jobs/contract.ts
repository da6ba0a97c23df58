// Contract suite for the Jobs port: named jobs, payloads validated by their schema, idempotency
// keys. Both adapters pass it: in-process (embedded mode) and BullMQ (queue mode).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Jobs } from '../../src/jobs/jobs.js';

const ECHO = { name: 'echo', payload: z.object({ n: z.number().int() }).strict() };

export function describeJobsContract(name: string, make: () => Promise<Jobs>): void {
  describe(`Jobs contract: ${name}`, () => {
    let jobs: Jobs;
    const seen: number[] = [];
    beforeEach(async () => {
      seen.length = 0;
      jobs = await make();
      jobs.handle(ECHO, async ({ n }) => {
        await new Promise((r) => setTimeout(r, 5));
        seen.push(n);
      });
    });
    afterEach(async () => jobs.stop());

    it('runs enqueued jobs by name, in order, with their payload', async () => {
      expect(await jobs.enqueue('echo', { n: 1 }, { idempotencyKey: 'a' })).toBe(true);
      expect(await jobs.enqueue('echo', { n: 2 }, { idempotencyKey: 'b' })).toBe(true);
      await jobs.drain();
      expect(seen).toEqual([1, 2]);
    });

    it('runs one job per idempotency key, queued or done', async () => {
      expect(await jobs.enqueue('echo', { n: 1 }, { idempotencyKey: 'same' })).toBe(true);
      expect(await jobs.enqueue('echo', { n: 2 }, { idempotencyKey: 'same' })).toBe(false);
      await jobs.drain();
      expect(await jobs.enqueue('echo', { n: 3 }, { idempotencyKey: 'same' })).toBe(false);
      await jobs.drain();
      expect(seen).toEqual([1]);
    });

    it('refuses a payload its schema refuses, and a job nobody handles', async () => {
      await expect(jobs.enqueue('echo', { n: 'one' }, { idempotencyKey: 'x' })).rejects.toThrow();
      await expect(jobs.enqueue('echo', { n: 1, extra: true }, { idempotencyKey: 'y' })).rejects.toThrow();
      await expect(jobs.enqueue('nobody', {}, { idempotencyKey: 'z' })).rejects.toThrow(/no job named "nobody"/);
      expect(() => jobs.schedule({ id: 's', pattern: '* * * * *', timeZone: 'UTC', job: 'echo', payload: {} })).toThrow();
      expect(() => jobs.schedule({ id: 's', pattern: 'not cron', timeZone: 'UTC', job: 'echo', payload: { n: 1 } })).toThrow(/invalid cron pattern/);
      await jobs.drain();
      expect(seen).toEqual([]);
    });

    it('a failing job does not stop the queue', async () => {
      jobs.handle({ name: 'boom', payload: z.object({}) }, async () => {
        throw new Error('boom');
      });
      await jobs.enqueue('boom', {}, { idempotencyKey: 'b1' });
      await jobs.enqueue('echo', { n: 7 }, { idempotencyKey: 'e7' });
      await jobs.drain();
      expect(seen).toEqual([7]);
    });

    it('runs up to `concurrency` jobs of a name at once, never more, and all of them', async () => {
      let now = 0;
      let most = 0;
      const done: number[] = [];
      jobs.handle(
        { name: 'wide', payload: z.object({ n: z.number().int() }).strict() },
        async ({ n }) => {
          most = Math.max(most, ++now);
          // Long enough for a worker on Redis to fetch its third job before the first is done,
          // even on a loaded machine (10 ms was enough only in memory).
          await new Promise((r) => setTimeout(r, 40));
          now--;
          done.push(n);
        },
        { concurrency: 3 },
      );
      for (let n = 0; n < 10; n++) await jobs.enqueue('wide', { n }, { idempotencyKey: `w${n}` });
      await jobs.drain();
      expect(most).toBe(3);
      expect(done.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('stop finishes the jobs in hand and starts no queued one', async () => {
      const started: number[] = [];
      const finished: number[] = [];
      // The job in hand is held until stop has begun, not for a fixed time: on Redis a worker takes
      // a few ms to pick a job up and each enqueue is a round trip, and on a loaded machine a fixed
      // 30 ms let the first job end (and the next start) before stop was called.
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      jobs.handle({ name: 'slow', payload: z.object({ n: z.number().int() }).strict() }, async ({ n }) => {
        started.push(n);
        await gate;
        finished.push(n);
      });
      for (let n = 0; n < 5; n++) await jobs.enqueue('slow', { n }, { idempotencyKey: `s${n}` });
      while (started.length === 0) await new Promise((r) => setTimeout(r, 1));
      const stopping = jobs.stop();
      await new Promise((r) => setTimeout(r, 20));
      release();
      await stopping;
      expect(started).toEqual([0]);
      expect(finished).toEqual([0]);
      expect(await jobs.enqueue('slow', { n: 9 }, { idempotencyKey: 's9' })).toBe(false);
    });
  });
}
