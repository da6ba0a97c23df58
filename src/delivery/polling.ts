// Per-source polling (issue 10, ADR 018): every followed source (the global list and each channel's
// own) is polled on its own schedule, kept in the store. A tick (every minute, and at start) brings
// the tracked sources in line with what is followed and answers those due; each due poll is claimed
// (a compare-and-set on its due time) before it is fetched, so one source is fetched once per due
// time however many channels follow it, ticks run or processes share the file. The clock is the
// caller's; when each source is due next is src/ingest/poll-schedule.ts.
import { ingestInputs, type IngestSummary, type Services } from '../app/commands.js';
import { nextPollAt, shortPollError, sourceKey } from '../ingest/poll-schedule.js';
import type { SourcePolls } from '../store/source-polls.js';
import type { ChannelStore } from '../store/channel-store.js';

export interface PollerDeps {
  services: Services;
  polls: SourcePolls;
  /** The global sources (NEWSBRIEF_SOURCES), as given: paths, URLs. */
  global: readonly string[];
  /** Where each channel's own sources are (read at every tick: `sources add` takes effect within a minute). */
  channels: Pick<ChannelStore, 'listAllSources'>;
  /** NEWSBRIEF_POLL_INTERVAL: the interval of a source no follower asked another for. */
  intervalMs: number;
  now: () => Date;
  /**
   * Aborted when the process is told to stop while still starting: the start's tick polls no
   * further source and the poll in hand ends after the item in hand, recording nothing.
   */
  signal?: AbortSignal;
  log?: { debug(obj: object, msg: string): void; info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export interface DuePoll {
  /** The source's key (normalized URL). */
  url: string;
  /** The due time the poll is for: its claim holds only while the source is still due at it. */
  dueAt: string;
  /** `poll:<url>:<due time>`: the idempotency key of the poll-source job. */
  key: string;
}

export type PollOutcome =
  | { status: 'ok'; summary: IngestSummary }
  | { status: 'failed'; error: string }
  /** Another tick or process polled it already. */
  | { status: 'taken' }
  /** Cut short by a stop: neither a success nor a failure; the claim's lease makes it due again. */
  | { status: 'stopped' };

export interface Poller {
  /** Tracks exactly the sources followed now (a new one is due at once) and answers those due. */
  due(): Promise<DuePoll[]>;
  /** Polls one source for its due time; 'taken' when another tick or process polled it already. */
  poll(url: string, dueAt: string): Promise<PollOutcome>;
  /** due() then poll() each, one after the other (at start, before the first digest). */
  tick(): Promise<TickSummary>;
}

export interface TickSummary {
  /** Sources polled, and of those, failed. */
  polled: number;
  failed: number;
  /** Articles added over all of them. */
  added: number;
  newStories: number;
}

export const pollKey = (url: string, dueAt: string): string => `poll:${url}:${dueAt}`;

/**
 * The sources followed, each once by its key (a feed in the global list and in three channels is
 * one), polled on the shortest interval any of its followers asks (the default where one asks none).
 */
export function followedSources(inputs: ReadonlyArray<{ input: string; everyMs?: number }>, defaultMs: number): Array<{ url: string; intervalMs: number }> {
  const shortest = new Map<string, number>();
  for (const { input, everyMs } of inputs) {
    const key = sourceKey(input);
    if (!key) continue;
    const ms = everyMs ?? defaultMs;
    shortest.set(key, Math.min(shortest.get(key) ?? ms, ms));
  }
  return [...shortest].map(([url, intervalMs]) => ({ url, intervalMs }));
}

export function createPoller(deps: PollerDeps): Poller {
  const { services, polls, intervalMs, now, log } = deps;

  const due = async (): Promise<DuePoll[]> => {
    const at = now().toISOString();
    const inputs = [...deps.global.map((input) => ({ input })), ...(await deps.channels.listAllSources()).map((s) => ({ input: s.url, everyMs: s.everyMs }))];
    const { added, removed } = await polls.sync(followedSources(inputs, intervalMs), at);
    if (added || removed) log?.info({ added, removed }, 'sources followed changed');
    return (await polls.due(at)).map((p) => ({ url: p.url, dueAt: p.nextDueAt, key: pollKey(p.url, p.nextDueAt) }));
  };

  const poll = async (url: string, dueAt: string): Promise<PollOutcome> => {
    const started = now();
    // Held for the default interval: a process that dies mid-poll leaves the source due then.
    const claimed = await polls.claim(url, { dueAt, at: started.toISOString(), leaseUntil: nextPollAt(url, started, intervalMs, 0).toISOString() });
    if (!claimed) return { status: 'taken' };
    // A failure of the source itself is a rejection of the source as a whole (its fetch, its feed);
    // one bad item of a good feed is not.
    let failure: string | undefined;
    let summary: IngestSummary | undefined;
    try {
      summary = await ingestInputs(
        services,
        [url],
        (o) => {
          if (o.status === 'rejected' && o.input === url) failure ??= o.reason;
          else if (o.status === 'rejected') log?.warn({ input: o.input }, `rejected: ${o.reason}`);
          else if (o.status === 'notice') log?.debug({ input: o.input }, o.message);
        },
        deps.signal ? { signal: deps.signal } : {},
      );
    } catch (err) {
      failure = (err as Error).message;
    }
    if (deps.signal?.aborted) return { status: 'stopped' };
    const finished = now();
    if (failure === undefined && summary) {
      await polls.succeeded(url, finished.toISOString(), nextPollAt(url, finished, claimed.intervalMs, 0).toISOString());
      log?.info({ source: url, ...summary }, 'source polled');
      return { status: 'ok', summary };
    }
    const error = shortPollError(url, failure ?? 'failed');
    const next = nextPollAt(url, finished, claimed.intervalMs, claimed.failures + 1);
    await polls.failed(url, error, next.toISOString());
    log?.warn({ source: url, failures: claimed.failures + 1, retryAt: next.toISOString() }, `source failed: ${error}`);
    return { status: 'failed', error };
  };

  return {
    due,
    poll,
    async tick() {
      const sum: TickSummary = { polled: 0, failed: 0, added: 0, newStories: 0 };
      for (const d of await due()) {
        if (deps.signal?.aborted) break;
        const o = await poll(d.url, d.dueAt);
        if (o.status === 'taken' || o.status === 'stopped') continue;
        sum.polled++;
        if (o.status === 'failed') sum.failed++;
        else {
          sum.added += o.summary.added;
          sum.newStories += o.summary.newStories;
        }
      }
      return sum;
    },
  };
}
