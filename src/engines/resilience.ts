// Resilience for engines that call out (issue 11): our own retries, because the openai SDK waits
// as long as a Retry-After says (90 s, an hour) and we must never hold a chat answer that long;
// and a circuit breaker, so a dead endpoint costs one fast fallback per briefing, not a timeout.

/**
 * How long a response asks us to wait, in ms: `retry-after-ms` (OpenAI's), else `retry-after` in
 * seconds or as an HTTP date. Undefined when it says nothing usable.
 */
export function retryAfterMs(headers: unknown, now: number = Date.now()): number | undefined {
  const get = (name: string): string | undefined => {
    if (!headers || typeof headers !== 'object') return undefined;
    const h = headers as { get?: (n: string) => string | null } & Record<string, unknown>;
    if (typeof h.get === 'function') return h.get(name) ?? undefined;
    const v = h[name];
    return typeof v === 'string' ? v : undefined;
  };
  const ms = Number(get('retry-after-ms'));
  if (get('retry-after-ms') !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const ra = get('retry-after')?.trim();
  if (!ra) return undefined;
  if (/^\d+(?:\.\d+)?$/.test(ra)) return Number(ra) * 1000;
  const at = Date.parse(ra);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Exponential backoff with full jitter: attempt 0 waits up to base, 1 up to 2×base, ... */
export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  return Math.round(baseMs * 2 ** attempt * (0.5 + 0.5 * random()));
}

/** Sleeps ms, or rejects at once when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((done, fail) => {
    if (signal?.aborted) return fail(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      done();
    }, ms);
    const abort = (): void => {
      clearTimeout(t);
      fail(signal!.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}

export interface CircuitBreaker {
  /** False while open: calls are skipped (fallback) until the cool-down has passed; then one trial goes through. */
  allow(): boolean;
  success(): void;
  failure(): void;
  readonly state: 'closed' | 'open' | 'half-open';
}

/** Opens after `threshold` failures in a row, for `coolDownMs`; then lets one call try (half-open). */
export function createCircuitBreaker(opts: { threshold: number; coolDownMs: number; now?: () => number }): CircuitBreaker {
  const now = opts.now ?? Date.now;
  let failures = 0;
  let openedAt: number | undefined;
  let trial = false;
  return {
    get state() {
      if (openedAt === undefined) return 'closed';
      return now() - openedAt >= opts.coolDownMs ? 'half-open' : 'open';
    },
    allow() {
      if (openedAt === undefined) return true;
      if (now() - openedAt < opts.coolDownMs || trial) return false;
      trial = true; // one trial call; its outcome closes or re-opens the breaker
      return true;
    },
    success() {
      failures = 0;
      openedAt = undefined;
      trial = false;
    },
    failure() {
      failures++;
      if (trial || failures >= opts.threshold) {
        openedAt = now();
        trial = false;
      }
    },
  };
}
