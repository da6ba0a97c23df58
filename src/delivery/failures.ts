// What a failed post leaves in the delivery ledger (ADR 017, typed errors), for every kind of post
// the bot makes by itself: GiveUp is dead at once; RetryLater waits the platform's time, or backs off
// exponentially on the attempts; anything else waits the fixed time; past maxAttempts it is dead.
import { backoffMs, isGiveUp, isRetryLater } from '../domain/delivery-errors.js';
import type { DeliveryLedger } from '../store/delivery-ledger.js';

export interface RetryPolicy {
  retryAfterMs: number;
  maxAttempts: number;
  maxBackoffMs: number;
}

export async function recordFailure(ledger: DeliveryLedger, key: string, err: unknown, policy: RetryPolicy, now: Date): Promise<{ dead: boolean; attempts: number; waitMs: number; message: string }> {
  const message = (err as Error)?.message ?? String(err);
  const attempts = (await ledger.get(key))?.attempts ?? 1;
  const dead = isGiveUp(err) || attempts >= policy.maxAttempts;
  const waitMs = isRetryLater(err) ? Math.max(0, err.afterMs ?? backoffMs(attempts, policy.retryAfterMs, policy.maxBackoffMs)) : policy.retryAfterMs;
  await ledger.fail(key, message, dead ? 'dead' : { retryAt: new Date(now.getTime() + waitMs).toISOString() });
  return { dead, attempts, waitMs, message };
}
