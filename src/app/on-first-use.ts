// A port whose adapter is opened on its first call (the article search, the channel store, the
// delivery ledger each keep a SQLite connection of their own): a process that never uses one never
// opens it, and closing one that was never opened opens nothing.
export function onFirstUse<T extends { close(): Promise<void> }>(open: () => T): T {
  let port: T | undefined;
  return new Proxy({} as T, {
    get(_target, prop) {
      if (prop === 'then') return undefined; // not a promise itself
      if (prop === 'close') {
        return async () => {
          const opened = port;
          port = undefined;
          await opened?.close();
        };
      }
      return (...args: unknown[]) => {
        port ??= open();
        return (port as Record<PropertyKey, (...a: unknown[]) => unknown>)[prop]!(...args);
      };
    },
  });
}
