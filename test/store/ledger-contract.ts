// Contract suite for the DeliveryLedger port: every implementation (SQLite now, PostgreSQL later)
// must pass it. Claims are exactly-once; a stale claim (a crashed process) is taken again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryLedger } from '../../src/store/delivery-ledger.js';

export interface LedgerHandle {
  ledger: DeliveryLedger;
  /** A second handle on the same ledger (another connection, another process's view). */
  second(): Promise<DeliveryLedger>;
  cleanup(): Promise<void>;
}

const T0 = '2026-03-08T06:00:00.000Z';
const at = (s: number): string => new Date(Date.parse(T0) + s * 1000).toISOString();
const LEASE = 60_000;

export function describeLedgerContract(name: string, make: () => Promise<LedgerHandle>): void {
  describe(`DeliveryLedger contract: ${name}`, () => {
    let h: LedgerHandle;
    let l: DeliveryLedger;
    beforeEach(async () => {
      h = await make();
      l = h.ledger;
    });
    afterEach(async () => h.cleanup());

    it('claims a key once; a claimed or sent key cannot be claimed again', async () => {
      expect(await l.claim('digest:a:2026-03-08', { at: T0, leaseMs: LEASE })).toBe(true);
      expect(await l.claim('digest:a:2026-03-08', { at: at(1), leaseMs: LEASE })).toBe(false);
      expect(await l.claim('digest:b:2026-03-08', { at: at(1), leaseMs: LEASE })).toBe(true);
      await l.confirm('digest:a:2026-03-08', 'M1', at(2));
      expect(await l.claim('digest:a:2026-03-08', { at: at(3600), leaseMs: LEASE })).toBe(false);
      expect(await l.get('digest:a:2026-03-08')).toEqual({ key: 'digest:a:2026-03-08', state: 'sent', attempts: 1, messageId: 'M1', claimedAt: T0, sentAt: at(2) });
      expect(await l.get('nope')).toBeUndefined();
    });

    it('requeue: a dead or failed key becomes claimable at once (attempts kept); sent, claimed and unknown keys are left as they are', async () => {
      expect(await l.claim('d', { at: T0, leaseMs: LEASE })).toBe(true);
      await l.fail('d', 'channel_not_found', 'dead');
      expect(await l.claim('d', { at: at(86_400), leaseMs: LEASE })).toBe(false);
      expect(await l.requeue('d')).toBe('dead');
      expect(await l.get('d')).toMatchObject({ state: 'failed', attempts: 1, lastError: 'channel_not_found' });
      expect((await l.get('d'))!.retryAt).toBeUndefined();
      expect(await l.claim('d', { at: at(1), leaseMs: LEASE })).toBe(true);
      expect(await l.get('d')).toMatchObject({ state: 'claimed', attempts: 2 });
      expect(await l.requeue('d')).toBe('claimed');
      expect(await l.get('d')).toMatchObject({ state: 'claimed' });
      await l.confirm('d', 'M', at(2));
      expect(await l.requeue('d')).toBe('sent');
      expect(await l.get('d')).toMatchObject({ state: 'sent', messageId: 'M' });
      expect(await l.requeue('nope')).toBeUndefined();
      expect(await l.get('nope')).toBeUndefined();
      expect(await l.claim('f', { at: T0, leaseMs: LEASE })).toBe(true);
      await l.fail('f', 'HTTP 503', { retryAt: at(3600) });
      expect(await l.requeue('f')).toBe('failed');
      expect(await l.claim('f', { at: at(1), leaseMs: LEASE })).toBe(true);
    });

    it('takes again a claim left unconfirmed past its lease (a crashed process), not before', async () => {
      expect(await l.claim('k', { at: T0, leaseMs: LEASE })).toBe(true);
      expect(await l.claim('k', { at: at(59), leaseMs: LEASE })).toBe(false);
      expect(await l.claim('k', { at: at(60), leaseMs: LEASE })).toBe(true);
      expect(await l.get('k')).toMatchObject({ state: 'claimed', attempts: 2, claimedAt: at(60) });
    });

    it('only one of many concurrent claims on two connections wins', async () => {
      const other = await h.second();
      try {
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? other : l).claim('race', { at: T0, leaseMs: LEASE })));
        expect(results.filter(Boolean)).toHaveLength(1);
      } finally {
        await other.close();
      }
    });

    it('a failed delivery is claimable from its retry time; a dead one never', async () => {
      await l.claim('f', { at: T0, leaseMs: LEASE });
      await l.fail('f', 'HTTP 503', { retryAt: at(30) });
      expect(await l.get('f')).toMatchObject({ state: 'failed', attempts: 1, lastError: 'HTTP 503', retryAt: at(30) });
      expect(await l.claim('f', { at: at(29), leaseMs: LEASE })).toBe(false);
      expect(await l.claim('f', { at: at(30), leaseMs: LEASE })).toBe(true);
      await l.fail('f', 'Unknown Channel', 'dead');
      expect(await l.get('f')).toMatchObject({ state: 'dead', attempts: 2, lastError: 'Unknown Channel' });
      expect(await l.get('f')).not.toHaveProperty('retryAt');
      expect(await l.claim('f', { at: at(99_999), leaseMs: LEASE })).toBe(false);
      await expect(l.fail('never-claimed', 'x', 'dead')).rejects.toThrow(/never claimed/);
      await expect(l.confirm('never-claimed', 'M', T0)).rejects.toThrow(/never claimed/);
    });

    it('lists newest first, and the failed and dead only on request', async () => {
      await l.claim('a', { at: T0, leaseMs: LEASE });
      await l.claim('b', { at: at(1), leaseMs: LEASE });
      await l.claim('c', { at: at(2), leaseMs: LEASE });
      await l.confirm('a', 'M', at(3));
      await l.fail('b', 'boom', { retryAt: at(10) });
      await l.fail('c', 'gone', 'dead');
      expect((await l.list()).map((d) => d.key)).toEqual(['c', 'b', 'a']);
      expect((await l.list({ failed: true })).map((d) => [d.key, d.state])).toEqual([
        ['c', 'dead'],
        ['b', 'failed'],
      ]);
      expect(await l.list({ limit: 1 })).toHaveLength(1);
    });

    it('keeps a digest cursor per channel, moved with the confirm, never backwards', async () => {
      expect(await l.digestCursor('discord:G:C')).toBeUndefined();
      await l.claim('d1', { at: T0, leaseMs: LEASE });
      await l.confirm('d1', 'M1', at(1), { channel: 'discord:G:C', at: T0 });
      expect(await l.digestCursor('discord:G:C')).toBe(T0);
      expect(await l.digestCursor('slack:T:C')).toBeUndefined();
      await l.claim('d0', { at: at(2), leaseMs: LEASE });
      await l.confirm('d0', 'M0', at(3), { channel: 'discord:G:C', at: at(-3600) });
      expect(await l.digestCursor('discord:G:C')).toBe(T0);
    });
  });
}
