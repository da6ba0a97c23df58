// A source's own poll interval as the channel stores keep it (SQLite and PostgreSQL alike).
import { UserError } from '../domain/errors.js';
import { MAX_POLL_INTERVAL_MS, MIN_POLL_INTERVAL_MS } from '../domain/duration.js';

/** A source's own poll interval as stored: null for the default; one outside 5 minutes to a week is refused. */
export function checkPollEvery(everyMs: number | undefined): number | null {
  if (everyMs === undefined) return null;
  if (!Number.isInteger(everyMs) || everyMs < MIN_POLL_INTERVAL_MS || everyMs > MAX_POLL_INTERVAL_MS) {
    throw new UserError('bad_input', 'a source is polled every 5 minutes to every week');
  }
  return everyMs;
}
