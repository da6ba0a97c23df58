// Rate limits: the token bucket on a fake clock (the contract every adapter keeps, then the memory
// one's bound on its buckets), and dispatch answering "slow down" per user, per
// channel and for the links one user has fetched. No sleeping: the clock is passed in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLimits, openServices, type OpenServices } from '../../src/app/compose.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { parseCommandArgs, type CommandContext } from '../../src/commands/command.js';
import { dispatch } from '../../src/commands/dispatch.js';
import { findCommand } from '../../src/commands/registry.js';
import type { View } from '../../src/commands/view.js';
import { createMemoryRateLimiter, parseRate } from '../../src/limits/rate-limiter.js';
import { rateLimiterContract } from './rate-limiter-contract.js';

describe('parseRate', () => {
  it('reads N per unit, and refuses anything else', () => {
    expect(parseRate('10/min')).toEqual({ count: 10, perMs: 60_000, text: '10/min' });
    expect(parseRate(' 30 / minute ')).toMatchObject({ count: 30, perMs: 60_000 });
    expect(parseRate('20/hour')).toMatchObject({ count: 20, perMs: 3_600_000 });
    expect(parseRate('5/10s')).toMatchObject({ count: 5, perMs: 10_000 });
    for (const bad of ['', '10', '0/min', '10/fortnight', 'ten/min', '10/0s', '-1/min']) expect(parseRate(bad), bad).toBeUndefined();
  });

  it('is read from NEWSBRIEF_RATE_USER / _CHANNEL / _URLS, with defaults and a clear refusal', () => {
    const c = loadConfig({});
    expect([c.NEWSBRIEF_RATE_USER.text, c.NEWSBRIEF_RATE_CHANNEL.text, c.NEWSBRIEF_RATE_URLS.text]).toEqual(['10/min', '30/min', '20/hour']);
    expect(loadConfig({ NEWSBRIEF_RATE_USER: '3/10s' }).NEWSBRIEF_RATE_USER).toMatchObject({ count: 3, perMs: 10_000 });
    expect(() => loadConfig({ NEWSBRIEF_RATE_CHANNEL: 'lots' })).toThrow(ConfigError);
    expect(() => loadConfig({ NEWSBRIEF_RATE_CHANNEL: 'lots' })).toThrow(/NEWSBRIEF_RATE_CHANNEL="lots": expected a rate such as "10\/min"/);
  });
});

rateLimiterContract('memory', (now) => createMemoryRateLimiter(now));

describe('memory token bucket', () => {
  it('keeps memory bounded with many keys: idle (full) buckets are forgotten first, then the oldest', async () => {
    let t = 0;
    const limiter = createMemoryRateLimiter(() => t);
    const rate = parseRate('1/min')!;
    for (let i = 0; i < 10_000; i++) expect((await limiter.take(`k${i}`, rate)).ok).toBe(true);
    // 10,000 empty buckets: the 10,001st key makes room by forgetting the oldest tenth.
    expect((await limiter.take('new', rate)).ok).toBe(true);
    expect((await limiter.take('k0', rate)).ok).toBe(true); // forgotten: a fresh bucket
    expect((await limiter.take('k9999', rate)).ok).toBe(false); // kept: still empty
    // A minute on, every bucket is full again: all are forgotten at the next sweep, none needed.
    t += 60_000;
    for (let i = 0; i < 2_000; i++) await limiter.take(`m${i}`, rate);
    expect((await limiter.take('m1999', rate)).ok).toBe(false);
  });
});

describe('dispatch applies the limits once, for every surface', () => {
  let dir: string;
  let base: OpenServices;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newsbrief-limits-'));
    base = await openServices({ ...loadConfig({}), NEWSBRIEF_DB: join(dir, 'l.db') });
  }, 30_000);
  afterAll(async () => {
    await base?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const place = (channelId: string) => ({ platform: 'discord' as const, workspaceId: 'G1', channelId });
  const who = (id: string, channelId = 'C1'): Partial<CommandContext> => ({ surface: 'discord', place: place(channelId), user: { id, admin: true } });

  function setup(env: Record<string, string>) {
    let t = 0;
    const svc = { ...base, limits: makeLimits(loadConfig(env), () => t) };
    const run = (name: string, raw: Record<string, unknown>, more: Partial<CommandContext>): Promise<View> => {
      const def = findCommand(name)!;
      return dispatch(def, svc, parseCommandArgs(def, raw), { surface: 'console', digestMaxStories: 2, ...more });
    };
    return { run, advance: (ms: number) => (t += ms) };
  }

  it('per user: the 4th command in a minute is answered "slow down", then it passes again', async () => {
    const { run, advance } = setup({ NEWSBRIEF_RATE_USER: '3/min', NEWSBRIEF_RATE_CHANNEL: '100/min' });
    for (let i = 0; i < 3; i++) expect((await run('settings', {}, who('U1'))).kind).toBe('settings');
    const v = await run('settings', {}, who('U1'));
    expect(v).toEqual({ kind: 'refusal', message: 'slow down: try again in 20 s (commands per user: at most 3/min)' });
    // Another user in the same channel is not slowed by U1; nor is the operator's console (no user).
    expect((await run('settings', {}, who('U2'))).kind).toBe('settings');
    expect((await run('settings', {}, { surface: 'console', place: place('C1') })).kind).toBe('settings');
    advance(20_000);
    expect((await run('settings', {}, who('U1'))).kind).toBe('settings');
  });

  it('per channel: all its users together; another channel is not affected', async () => {
    const { run } = setup({ NEWSBRIEF_RATE_USER: '100/min', NEWSBRIEF_RATE_CHANNEL: '2/min' });
    expect((await run('help', {}, who('U1'))).kind).toBe('help');
    expect((await run('help', {}, who('U2'))).kind).toBe('help');
    const v = await run('help', {}, who('U3'));
    expect(v.kind).toBe('refusal');
    expect((v as { message: string }).message).toBe('slow down: try again in 30 s (commands per channel: at most 2/min)');
    expect((await run('help', {}, who('U3', 'C2'))).kind).toBe('help');
  });

  it('links fetched: one user cannot make the bot fetch more than NEWSBRIEF_RATE_URLS an hour', async () => {
    const { run, advance } = setup({ NEWSBRIEF_RATE_USER: '1000/min', NEWSBRIEF_RATE_CHANNEL: '1000/min', NEWSBRIEF_RATE_URLS: '2/hour' });
    // The fetcher refuses loopback (no network used): what counts is that the fetch was attempted.
    for (let i = 0; i < 2; i++) {
      const v = await run('brief', { topic: [`http://127.0.0.1:9/page-${i}`] }, who('U1'));
      expect(v.kind).toBe('error');
      expect((v as { message: string }).message).toMatch(/127\.0\.0\.1/);
    }
    const v = await run('brief', { topic: ['http://127.0.0.1:9/page-3'] }, who('U1'));
    expect(v).toEqual({ kind: 'refusal', message: 'slow down: try again in 1800 s (links fetched per user: at most 2/hour)' });
    // Other commands, and other users' links, still pass.
    expect((await run('help', {}, who('U1'))).kind).toBe('help');
    expect((await run('brief', { topic: ['http://127.0.0.1:9/x'] }, who('U2'))).kind).toBe('error');
    advance(1_800_000);
    expect((await run('brief', { topic: ['http://127.0.0.1:9/y'] }, who('U1'))).kind).toBe('error');
  });
});
