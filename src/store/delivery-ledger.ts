// Port: the delivery ledger (ADR 017). Every post the bot makes by itself has a key, claimed here
// before the platform call and confirmed after it, so that a retry, a second tick or a restart
// never posts the same thing twice and never skips it. SQLite now; PostgreSQL later, both held to
// test/store/ledger-contract.ts. Times are ISO strings given by the caller (the clock is theirs).

export type DeliveryState = 'claimed' | 'sent' | 'failed' | 'dead';

export interface Delivery {
  key: string;
  state: DeliveryState;
  /** Claims made on this key (the first one counts). */
  attempts: number;
  /** The platform's id of the message, once sent. */
  messageId?: string;
  lastError?: string;
  claimedAt: string;
  sentAt?: string;
  /** When a failed delivery may be claimed again. */
  retryAt?: string;
}

export interface ClaimOptions {
  /** Now (ISO). */
  at: string;
  /**
   * How long a claim holds: a claim older than this that was never confirmed was left by a
   * process that died, and is taken again.
   */
  leaseMs: number;
}

export interface DigestCursor {
  /** Channel id string (`platform:workspace:channel`). */
  channel: string;
  /** The time the channel's digest covered up to (ISO). */
  at: string;
}

export interface DeliveryLedger {
  /**
   * Atomically takes the key: true when this caller may post. False when the key is sent or dead,
   * claimed within the lease, or failed with its retry time still ahead.
   */
  claim(key: string, opts: ClaimOptions): Promise<boolean>;
  /** Marks the claimed key sent; with a cursor, moves that channel's digest cursor in the same write. */
  confirm(key: string, messageId: string | undefined, at: string, cursor?: DigestCursor): Promise<void>;
  /** Marks the key failed (claimable again from retryAt) or dead (never again). */
  fail(key: string, error: string, retry: { retryAt: string } | 'dead'): Promise<void>;
  /**
   * An operator's retry: a `failed` or `dead` key becomes `failed` with no retry time, so the next
   * claim takes it, whatever the claimer's clock. Attempts are kept (a revived dead delivery that fails again is dead again
   * at once once past maxAttempts). Answers the state the key had, or undefined for an unknown key;
   * a `sent` or `claimed` key is left as it is.
   */
  requeue(key: string): Promise<DeliveryState | undefined>;
  get(key: string): Promise<Delivery | undefined>;
  /** Newest claims first; `failed` lists the failed and dead ones only. */
  list(opts?: { failed?: boolean; limit?: number }): Promise<Delivery[]>;
  /** The time a channel's previous digest covered up to; undefined before its first. */
  digestCursor(channel: string): Promise<string | undefined>;
  close(): Promise<void>;
}
