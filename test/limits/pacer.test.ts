// The pacers of the bot's own posts (ADR 021): the contract every adapter keeps (pacer-contract.ts,
// on the real clock), then the in-memory ones on a clock the test moves, to the millisecond.
import { describe, expect, it } from 'vitest';
import { createKeyedPacer, createSpacingPacer, type PacerClock } from '../../src/limits/pacer.js';
import { pacerContract } from './pacer-contract.js';

// On performance.now(): the contract reads release times at the resolution Redis's TIME gives.
const clock = { now: () => performance.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
pacerContract('memory', {
  spacing: (perSecond, stamp) => createSpacingPacer({ perSecond, clock, ...(stamp ? { onRelease: stamp } : {}) }),
  keyed: (intervalMs) => createKeyedPacer({ intervalMs, clock }),
});

/** A clock whose sleeps resolve when the test advances time past them. */
function fakeClock(): PacerClock & { advance(ms: number): Promise<void>; t: number } {
  const sleepers: Array<{ at: number; wake: () => void }> = [];
  const c = {
    t: 0,
    now: () => c.t,
    sleep: (ms: number) => new Promise<void>((wake) => sleepers.push({ at: c.t + ms, wake })),
    async advance(ms: number) {
      const end = c.t + ms;
      for (;;) {
        await new Promise((r) => setImmediate(r));
        sleepers.sort((a, b) => a.at - b.at);
        const next = sleepers[0];
        if (!next || next.at > end) break;
        sleepers.shift();
        c.t = Math.max(c.t, next.at);
        next.wake();
      }
      c.t = end;
      await new Promise((r) => setImmediate(r));
    },
  };
  return c;
}

describe('spacing pacer, fake clock', () => {
  it('lets requests out one gap apart, first come first served', async () => {
    const clock = fakeClock();
    const pacer = createSpacingPacer({ perSecond: 50, clock });
    const out: Array<[number, number]> = [];
    for (let i = 0; i < 5; i++) void pacer.acquire().then(() => out.push([i, clock.t]));
    await clock.advance(200);
    expect(out).toEqual([
      [0, 0],
      [1, 20],
      [2, 40],
      [3, 60],
      [4, 80],
    ]);
  });

  it('never releases two closer than the gap, even when woken late', async () => {
    const clock = fakeClock();
    const pacer = createSpacingPacer({ perSecond: 10, clock });
    const at: number[] = [];
    for (let i = 0; i < 4; i++) void pacer.acquire().then(() => at.push(clock.t));
    await clock.advance(1);
    // The loop was busy: time jumps 350 ms at once; the next release is then, the one after a gap later.
    clock.t += 350;
    await clock.advance(400);
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(100);
    expect(at).toHaveLength(4);
  });

  it('a pause holds every request until it ends', async () => {
    const clock = fakeClock();
    const pacer = createSpacingPacer({ perSecond: 50, clock });
    await pacer.acquire();
    pacer.pause(1000);
    let released = -1;
    void pacer.acquire().then(() => (released = clock.t));
    await clock.advance(999);
    expect(released).toBe(-1);
    await clock.advance(2);
    expect(released).toBe(1000);
  });
});

describe('keyed pacer, fake clock', () => {
  it('spaces each key on its own; other keys go at once', async () => {
    const clock = fakeClock();
    const pacer = createKeyedPacer({ intervalMs: 1000, clock });
    const out: string[] = [];
    for (const k of ['a', 'a', 'b', 'a', 'b']) void pacer.acquire(k).then(() => out.push(`${k}@${clock.t}`));
    await clock.advance(2500);
    expect(out).toEqual(['a@0', 'b@0', 'a@1000', 'b@1000', 'a@2000']);
  });

  it('pauseKey holds one key, pause all of them', async () => {
    const clock = fakeClock();
    const pacer = createKeyedPacer({ intervalMs: 100, clock });
    pacer.pauseKey('a', 500);
    const out: string[] = [];
    void pacer.acquire('a').then(() => out.push(`a@${clock.t}`));
    void pacer.acquire('b').then(() => out.push(`b@${clock.t}`));
    await clock.advance(600);
    expect(out).toEqual(['b@0', 'a@500']);
    pacer.pause(300);
    void pacer.acquire('c').then(() => out.push(`c@${clock.t}`));
    await clock.advance(400);
    expect(out.at(-1)).toBe('c@900');
  });
});
