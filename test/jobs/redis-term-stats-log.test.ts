// The TermStatsLog port: the in-memory adapter and the Redis one (a real redis-server) keep an
// entry by the batch's first article id, answer nothing for one never written, and the Redis one
// refuses an entry that does not hold together (read as "read the store again").
import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createMemoryTermStatsLog, type TermStatsLog } from '../../src/domain/term-stats-log.js';
import { createRedisTermStatsLog } from '../../src/jobs/redis-term-stats-log.js';
import { describeWithRedis } from '../support/redis.js';

function contract(name: string, make: () => TermStatsLog & { close?(): void }): void {
  describe(`TermStatsLog contract: ${name}`, () => {
    it('keeps each batch by where it started; a missing one is undefined', async () => {
      const log = make();
      await log.append({ from: 10, to: 18, docs: 8, delta: [['ceasefire', 5], ['tariff', 1]] });
      await log.append({ from: 18, to: 20, docs: 2, delta: [['ceasefire', 2]] });
      expect(await log.after(10)).toEqual({ from: 10, to: 18, docs: 8, delta: [['ceasefire', 5], ['tariff', 1]] });
      expect((await log.after(18))?.to).toBe(20);
      expect(await log.after(20)).toBeUndefined();
      log.close?.();
    });
  });
}

contract('memory', () => createMemoryTermStatsLog());

describeWithRedis('TermStatsLog on Redis', (server) => {
  let n = 0;
  contract('redis', () => createRedisTermStatsLog({ url: server().url, prefix: `t${process.pid}-${n++}` }));

  it('an entry that does not hold together is no entry', async () => {
    const prefix = `bad${process.pid}`;
    const raw = new Redis(server().url);
    await raw.set(`${prefix}:termstats:5`, JSON.stringify({ from: 5, to: 3, docs: 1, delta: [] }));
    await raw.set(`${prefix}:termstats:6`, JSON.stringify({ from: 99, to: 100, docs: 1, delta: [] }));
    const log = createRedisTermStatsLog({ url: server().url, prefix });
    expect(await log.after(5)).toBeUndefined();
    expect(await log.after(6)).toBeUndefined();
    log.close();
    raw.disconnect();
  });
});
