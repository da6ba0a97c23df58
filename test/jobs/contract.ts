// Contract suite for the Jobs port: named jobs, payloads validated by their schema, idempotency
// keys. The in-process adapter passes it now; the BullMQ adapter of queue mode must too.
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
  });
}
