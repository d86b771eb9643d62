// A per-instance cache of page read models (the overview, environment pages), shared by every request
// of this instance and dropped by any live event. Every open page refreshes on each live event, so
// without it one webhook makes N viewers run the same dozen queries N times at once.
//
// Guarantee: a value is never served after a live event that this instance heard or published, and
// never more than `maxAgeMs` after it was read from Postgres:
//  - any live event (a NOTIFY heard through lib/live/hub, or one published by this instance — before
//    its NOTIFY comes back, so a mutation's own re-render reads its write) bumps a generation counter
//    and empties the cache; a load that started before the bump is handed to those already waiting
//    for it but never stored, and nobody who asks after the bump joins it;
//  - for writes that publish no event (observation times, a lost NOTIFY, the LISTEN connection being
//    down): past `refreshAfterMs` an entry is served and reloaded in the background, past `maxAgeMs`
//    the request waits for the reload.
// Concurrent requests for one key share one load (single flight).

export interface ReadCacheOptions {
  maxAgeMs: number;
  refreshAfterMs: number;
  /** Monotonic milliseconds; tests pass a fake clock. */
  now?: () => number;
  /** Bound on distinct keys (environment pages); past it the cache starts over. */
  maxEntries?: number;
}

export interface ReadCache {
  read<T>(key: string, load: () => Promise<T>): Promise<T>;
  invalidate(): void;
  /** Loads started so far (tests and the bench's diagnostics). */
  loads(): number;
}

interface Entry {
  value: unknown;
  loadedAt: number;
  generation: number;
  refreshing: boolean;
}

export function createReadCache(options: ReadCacheOptions): ReadCache {
  const now = options.now ?? (() => performance.now());
  const maxEntries = options.maxEntries ?? 1_000;
  let generation = 0;
  let loadCount = 0;
  const entries = new Map<string, Entry>();
  const loading = new Map<string, Promise<unknown>>();

  function reload<T>(key: string, load: () => Promise<T>): Promise<T> {
    const running = loading.get(key);
    if (running) return running as Promise<T>;
    const startedGeneration = generation;
    const startedAt = now();
    loadCount++;
    const promise = load()
      .then((value) => {
        if (startedGeneration === generation) {
          if (entries.size >= maxEntries && !entries.has(key)) entries.clear();
          entries.set(key, { value, loadedAt: startedAt, generation: startedGeneration, refreshing: false });
        }
        return value;
      })
      .finally(() => {
        if (loading.get(key) === promise) loading.delete(key);
      });
    loading.set(key, promise);
    return promise;
  }

  return {
    read<T>(key: string, load: () => Promise<T>): Promise<T> {
      const entry = entries.get(key);
      if (entry && entry.generation === generation) {
        const age = now() - entry.loadedAt;
        if (age < options.maxAgeMs) {
          if (age >= options.refreshAfterMs && !entry.refreshing) {
            entry.refreshing = true;
            reload(key, load).catch(() => {
              entry.refreshing = false;
            });
          }
          return Promise.resolve(entry.value as T);
        }
      }
      return reload(key, load);
    },
    invalidate() {
      generation++;
      entries.clear();
      // Loads in flight finish for whoever already waits on them; later readers start their own.
      loading.clear();
    },
    loads: () => loadCount,
  };
}
