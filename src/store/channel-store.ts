// Port: what each chat channel follows (sources, subscriptions) and its settings. A small
// interface of its own beside Store: SQLite now, PostgreSQL/Redis later, all held to
// test/store/channel-contract.ts. Every method checks its input with the rules of
// src/domain/channels.ts and throws a UserError ('bad_input') for what breaks them, caps included.
import type { ChannelKey, ChannelSettings, ChannelSource, Subscription, SubscriptionKind } from '../domain/channels.js';

export interface ChannelStore {
  /**
   * Adds a source, polled every `everyMs` when given (else on the default interval); false when the
   * channel already has it (nothing changed). Throws past MAX_SOURCES_PER_CHANNEL.
   */
  addSource(channel: ChannelKey, url: string, addedBy: string | undefined, at: string, everyMs?: number): Promise<boolean>;
  /** Sets (a number) or clears (undefined: the default) a source's own poll interval; false when the channel has no such source. */
  setSourceEvery(channel: ChannelKey, url: string, everyMs: number | undefined): Promise<boolean>;
  /** False when the channel did not have it. */
  removeSource(channel: ChannelKey, url: string): Promise<boolean>;
  /** Oldest first. */
  listSources(channel: ChannelKey): Promise<ChannelSource[]>;
  /**
   * Every source any channel follows (what is polled besides the global list), sorted by URL: once
   * per URL and interval asked (absent: the default), so a URL two channels poll differently is there twice.
   */
  listAllSources(): Promise<Array<{ url: string; everyMs?: number }>>;

  /** Adds a subscription (a value matched without regard to case); false when already there. */
  subscribe(channel: ChannelKey, kind: SubscriptionKind, value: string, addedBy: string | undefined, at: string): Promise<boolean>;
  unsubscribe(channel: ChannelKey, kind: SubscriptionKind, value: string): Promise<boolean>;
  /** Oldest first. */
  listSubscriptions(channel: ChannelKey): Promise<Subscription[]>;

  /** Every channel with at least one subscription (the channels scheduled digests go to). */
  listSubscribedChannels(): Promise<ChannelKey[]>;

  /** The channel's settings; {} when none were set. */
  getSettings(channel: ChannelKey): Promise<ChannelSettings>;
  /** Sets the fields given (others kept); returns the settings after the change. */
  updateSettings(channel: ChannelKey, change: ChannelSettings, by: string | undefined, at: string): Promise<ChannelSettings>;

  close(): Promise<void>;
}
