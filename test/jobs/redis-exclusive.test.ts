// The Exclusive port (ADR 022): what every adapter does (runs the function, returns its value,
// passes its error on, one run at a time in a process), and what the Redis one adds on a real
// redis-server: two holders on separate connections never overlap, a lapsed lease (a holder that
// died) is taken over, and only the holder releases.
import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { unlocked, type Exclusive } from '../../src/domain/exclusive.js';
import { createRedisExclusive, pingRedis } from '../../src/jobs/redis-exclusive.js';
import { describeWithRedis } from '../support/redis.js';

function contract(name: string, make: () => Exclusive & { close?(): Promise<void> }): void {
  describe(`Exclusive contract: ${name}`, () => {
    it('runs the function and returns its value; an error is passed on and the lock is free after', async () => {
      const lock = make();
      expect(await lock.run(async () => 42)).toBe(42);
      await expect(lock.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      expect(await lock.run(async () => 'again')).toBe('again');
      await lock.close?.();
    });
  });
}

contract('unlocked', () => unlocked);

describeWithRedis('Exclusive on Redis', (server) => {
  let n = 0;
  const key = () => `test:lock:${process.pid}:${n++}`;
  contract('redis', () => createRedisExclusive({ url: server().url, key: key() }));

  it('two holders on separate connections never overlap, and every run happens', async () => {
    const k = key();
    const a = createRedisExclusive({ url: server().url, key: k });
    const b = createRedisExclusive({ url: server().url, key: k });
    let inside = 0;
    let most = 0;
    let runs = 0;
    const section = async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((r) => setTimeout(r, 5));
      inside--;
      runs++;
    };
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).run(section)));
    expect(runs).toBe(40);
    expect(most).toBe(1);
    await a.close();
    await b.close();
  });

  it('a lease left by a holder that died lapses and is taken; a stranger cannot release a held lock', async () => {
    const k = key();
    const raw = new Redis(server().url);
    await raw.set(k, 'dead-holder', 'PX', 400);
    const lock = createRedisExclusive({ url: server().url, key: k, leaseMs: 5_000 });
    const t0 = Date.now();
    await lock.run(async () => {
      expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
      // Held now under another token: a DEL by the wrong token (the Lua compare) leaves it.
      expect(await raw.get(k)).not.toBe('dead-holder');
    });
    expect(await raw.get(k)).toBeNull(); // released by its holder
    await lock.close();
    raw.disconnect();
  });

  it('pingRedis answers undefined for a live server and a reason for none', async () => {
    expect(await pingRedis(server().url, 2000)).toBeUndefined();
    expect(await pingRedis('redis://127.0.0.1:1', 2000)).toMatch(/ECONNREFUSED/);
  });
});
