// A user-facing error: its message is shown as is (one line), with a stable code for platforms.
export type UserErrorCode = 'not_found' | 'bad_input' | 'nothing_to_brief' | 'unavailable';

export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * What a caller should do about an engine that could not write a briefing: try again later (the
 * endpoint is rate-limited or down), give up (the request itself is wrong: a bad key, no such
 * model), or fall back to another engine now (the answer was unusable, the budget is spent).
 */
export type EngineErrorKind = 'retry_later' | 'give_up' | 'fall_back';

export class EngineError extends Error {
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    /** For retry_later: how long the endpoint asked us to wait, when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
