// What a failed post says about trying again (issue 10, ADR 017 "Typed errors"): a chat adapter maps
// its platform's failures to these, and the digest runner acts on them. RetryLater: the delivery
// stays `failed`, claimable again after `afterMs` (the platform's Retry-After), or, without one,
// after an exponential backoff on its attempts. GiveUp: the delivery is `dead` at once (an unknown
// channel, a bot without access); only an operator's `newsbrief deliveries retry KEY` revives it.
// Any other error keeps the runner's default: the fixed wait, dead after maxAttempts.

export class RetryLater extends Error {
  readonly kind = 'retry-later' as const;
  constructor(
    readonly reason: string,
    /** How long to wait (ms), when the platform said; undefined: the runner's backoff decides. */
    readonly afterMs?: number,
  ) {
    super(reason);
    this.name = 'RetryLater';
  }
}

export class GiveUp extends Error {
  readonly kind = 'give-up' as const;
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'GiveUp';
  }
}

export const isRetryLater = (e: unknown): e is RetryLater => e instanceof RetryLater;
export const isGiveUp = (e: unknown): e is GiveUp => e instanceof GiveUp;

/** Exponential backoff for an attempt (1-based): base, 2x base, 4x base ... at most maxMs. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  const n = Math.max(1, Math.floor(attempt));
  return Math.min(maxMs, baseMs * 2 ** Math.min(n - 1, 30));
}
