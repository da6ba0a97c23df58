// The Exclusive port on Redis (ADR 022): a lease lock, `SET key token NX PX lease`, renewed while
// held and released only by its holder (compare-and-delete in Lua). Queue mode runs every ingest
// under it, so one worker at a time writes articles and stories however many fetch. A holder that
// dies leaves the lock to lapse after its lease. If a holder outlives its lease (the event loop
// stalled past it), the store's own write lock (SQLite's IMMEDIATE transaction, PostgreSQL's
// advisory lock) still keeps two writers out of one transaction: this lock spares the waiting and
// keeps the term statistics of each writer current; it is not the last guard.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Exclusive } from '../domain/exclusive.js';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
/** Runs of this process in a row under one hold before the lock is offered to others. */
const MAX_RUNS_PER_HOLD = 8;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

export interface RedisExclusiveOptions {
  url: string;
  /** The Redis key of the lock. */
  key: string;
  /** How long the lock lasts without renewal (renewed every third of it while held). */
  leaseMs?: number;
  /** The longest wait between two tries while another holds it. */
  maxPollMs?: number;
  onLost?: (key: string) => void;
}

export interface RedisExclusive extends Exclusive {
  close(): Promise<void>;
}

export function createRedisExclusive(opts: RedisExclusiveOptions): RedisExclusive {
  const leaseMs = opts.leaseMs ?? 30_000;
  const maxPollMs = opts.maxPollMs ?? 25;
  // Commands wait for a reconnect instead of failing at once: an ingest that finds Redis
  // restarting goes on when it is back (its job's own lock is BullMQ's to renew or lose).
  const redis = new Redis(opts.url, { maxRetriesPerRequest: null, lazyConnect: true });
  redis.on('error', () => {}); // reconnects by itself; a failing command reports it
  // In this process, one holder at a time queues here instead of polling Redis.
  let local: Promise<unknown> = Promise.resolve();

  const acquire = async (token: string): Promise<void> => {
    let wait = 5;
    for (;;) {
      if ((await redis.set(opts.key, token, 'PX', leaseMs, 'NX')) === 'OK') return;
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(maxPollMs, wait * 2);
    }
  };

  // Held across the runs queued in this process (up to MAX_RUNS_PER_HOLD in a row): each hand-over
  // to another process costs it a cold cache and a re-read of the term statistics.
  let held: { token: string; renew: NodeJS.Timeout } | undefined;
  let waiting = 0;
  let runsThisHold = 0;

  const take = async (): Promise<void> => {
    const token = randomUUID();
    await acquire(token);
    const renew = setInterval(() => {
      redis.eval(RENEW, 1, opts.key, token, String(leaseMs)).then(
        (ok) => {
          if (ok === 0) opts.onLost?.(opts.key);
        },
        () => {},
      );
    }, Math.max(10, Math.floor(leaseMs / 3)));
    held = { token, renew };
    runsThisHold = 0;
  };

  const release = async (): Promise<void> => {
    const h = held;
    held = undefined;
    if (!h) return;
    clearInterval(h.renew);
    await redis.eval(RELEASE, 1, opts.key, h.token).catch(() => {}); // else it lapses after its lease
  };

  const runHeld = async <T>(fn: () => Promise<T>): Promise<T> => {
    waiting--;
    if (held && runsThisHold >= MAX_RUNS_PER_HOLD) await release(); // let the others in
    if (!held) await take();
    runsThisHold++;
    try {
      return await fn();
    } finally {
      if (waiting === 0) await release();
    }
  };

  return {
    run<T>(fn: () => Promise<T>): Promise<T> {
      waiting++;
      const mine = local.then(() => runHeld(fn));
      local = mine.catch(() => {});
      return mine;
    },
    async close() {
      await local;
      await release();
      redis.disconnect();
    },
  };
}

/** One PING on a connection of its own: undefined when Redis answers within `timeoutMs`, else why not. */
export async function pingRedis(url: string, timeoutMs: number): Promise<string | undefined> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: timeoutMs, retryStrategy: () => null });
  let last: string | undefined;
  redis.on('error', (err: Error) => (last = err.message));
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (err) {
    return last ?? (err as Error).message;
  } finally {
    redis.disconnect();
  }
}

