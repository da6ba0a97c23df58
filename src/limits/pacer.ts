// Pacing for the posts the bot makes by itself (digests, story posts, thread updates; ADR 021):
// one pacer per platform, shared by the whole process, so that a digest to 1,000 channels goes out
// as fast as the platform allows and no faster. A pacer hands out send slots evenly spaced (not
// bursts), because the platforms count requests over a moving second: a burst at the end of one
// window and another at the start of the next is a 429. A global 429 pauses every sender.

export interface Pacer {
  /** Resolves when one request may go out (first come, first served); `key` spaces one key's requests. */
  acquire(key?: string): Promise<void>;
  /** Holds every slot for `ms` from now: the platform said so (a global 429 with Retry-After). */
  pause(ms: number): void;
}

/** A pacer whose keys can also be held one at a time (Slack: a 429 on one channel). */
export type KeyedPacer = Pacer & { pauseKey(key: string, ms: number): void };

export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const SYSTEM_CLOCK: PacerClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/**
 * At most `perSecond` requests a second over the whole process: each released at least
 * 1000/perSecond ms after the one before, measured when it is released (not when it was booked),
 * so that a busy event loop that wakes several waiters late still lets them out one gap apart.
 */
export function createSpacingPacer(opts: { perSecond: number; clock?: PacerClock; onRelease?: (at: number) => void }): Pacer {
  if (!(opts.perSecond > 0)) throw new Error('a pacer needs a positive rate');
  const clock = opts.clock ?? SYSTEM_CLOCK;
  const gapMs = 1000 / opts.perSecond;
  const waiting: Array<() => void> = [];
  let last = -Infinity;
  let pausedUntil = 0;
  let pumping = false;
  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      while (waiting.length > 0) {
        const now = clock.now();
        const at = Math.max(last + gapMs, pausedUntil);
        if (at > now) {
          await clock.sleep(at - now);
          continue; // a pause may have come meanwhile
        }
        last = now;
        opts.onRelease?.(now);
        waiting.shift()!();
      }
    } finally {
      pumping = false;
    }
  };
  return {
    acquire() {
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        void pump();
      });
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, clock.now() + ms);
    },
  };
}

/** Keys forgotten once idle this long (a channel posted to once a day). */
const IDLE_KEY_MS = 60_000;

/**
 * One request per `intervalMs` for each key (Slack: about one message a second per channel), keys
 * independent of each other, each key's callers served in turn; spacing measured at release, as
 * above. `pause` holds every key; `pauseKey` one.
 */
export function createKeyedPacer(opts: { intervalMs: number; clock?: PacerClock }): KeyedPacer {
  const clock = opts.clock ?? SYSTEM_CLOCK;
  const last = new Map<string, number>();
  const heldUntil = new Map<string, number>();
  const tails = new Map<string, Promise<void>>();
  let allUntil = 0;
  let releases = 0;
  const sweep = (now: number): void => {
    if (++releases % 1000 !== 0) return;
    for (const [k, t] of last) {
      if (t + IDLE_KEY_MS < now && !tails.has(k)) {
        last.delete(k);
        heldUntil.delete(k);
      }
    }
  };
  const turn = async (key: string): Promise<void> => {
    for (;;) {
      const now = clock.now();
      const at = Math.max(allUntil, heldUntil.get(key) ?? 0, (last.get(key) ?? -Infinity) + opts.intervalMs);
      if (at <= now) {
        last.set(key, now);
        sweep(now);
        return;
      }
      await clock.sleep(at - now);
    }
  };
  return {
    acquire(key = '') {
      const mine = (tails.get(key) ?? Promise.resolve()).then(() => turn(key));
      tails.set(key, mine);
      void mine.finally(() => {
        if (tails.get(key) === mine) tails.delete(key);
      });
      return mine;
    },
    pause(ms) {
      allUntil = Math.max(allUntil, clock.now() + ms);
    },
    pauseKey(key, ms) {
      heldUntil.set(key, Math.max(heldUntil.get(key) ?? 0, clock.now() + ms));
    },
  };
}
