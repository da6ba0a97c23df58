// Services for one CLI run, opened on the first call that needs the archive: `brief URL` never
// opens (or creates) a database, and the read commands open it only after their arguments passed.
// Every port method is async (ADR 001), so a call can wait for the opening.
import type { Services } from '../app/commands.js';

function onFirstCall<T extends object>(get: () => Promise<T>): T {
  return new Proxy({} as T, {
    get(_target, prop) {
      if (prop === 'then') return undefined; // not a promise itself
      return async (...args: unknown[]) => {
        const port = (await get()) as Record<PropertyKey, (...a: unknown[]) => unknown>;
        return port[prop]!(...args);
      };
    },
  });
}

/** `offline` builds what needs no archive (the engine, the fetch options), also on first use. */
type Offline = Pick<Services, 'engine' | 'collectOptions' | 'defaultTimeZone' | 'defaultDigestTime'>;

export function lazyServices(open: () => Promise<Services>, offline: () => Offline): Services {
  let parts: Offline | undefined;
  const made = (): Offline => (parts ??= offline());
  return {
    get engine() {
      return made().engine;
    },
    get collectOptions() {
      return made().collectOptions;
    },
    get defaultTimeZone() {
      return made().defaultTimeZone;
    },
    get defaultDigestTime() {
      return made().defaultDigestTime;
    },
    now: () => new Date(),
    store: onFirstCall(async () => (await open()).store),
    search: onFirstCall(async () => (await open()).search),
    pipeline: onFirstCall(async () => (await open()).pipeline),
    channels: onFirstCall(async () => (await open()).channels),
    // `sources list` shows each source's poll state from the same file.
    polls: onFirstCall(async () => {
      const polls = (await open()).polls;
      if (!polls) throw new Error('this store keeps no poll state');
      return polls;
    }),
  };
}
