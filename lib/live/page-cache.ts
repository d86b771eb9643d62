import "server-only";
import { subscribeLive } from "./hub";
import { createReadCache, type ReadCache } from "./read-cache";

// The instance's cache of page read models (lib/overview/queries.ts): see read-cache.ts for the
// guarantee. Any live event drops all of it — events are few (a handful per deploy) and a reload is
// one round of queries, so finer-grained invalidation would buy little and risk a stale page.

export const PAGE_CACHE_MAX_AGE_MS = 1_000;
const REFRESH_AFTER_MS = 500;

interface PageCacheState {
  cache: ReadCache;
  unsubscribe: (() => void) | null;
}

// One per process, shared by every route module (and kept across dev-server reloads).
const state: PageCacheState = ((globalThis as unknown as { flightdeckPageCache?: PageCacheState }).flightdeckPageCache ??= {
  cache: createReadCache({ maxAgeMs: PAGE_CACHE_MAX_AGE_MS, refreshAfterMs: REFRESH_AFTER_MS }),
  unsubscribe: null,
});

function ensureListener(): void {
  if (state.unsubscribe) return;
  state.unsubscribe = subscribeLive({
    onEvent: () => state.cache.invalidate(),
    // Connected: whatever changed before LISTEN took effect must not stay cached. Lost: events may be
    // missed while deaf, so the max age takes over from a clean slate.
    onStatus: () => state.cache.invalidate(),
  });
}

/**
 * `load()` once per key for every request of this instance until the next live event (or max age).
 * FLIGHTDECK_PAGE_CACHE=off reads Postgres on every request (for comparisons: `npm run bench -- --page-cache off`).
 */
export function cachedPageRead<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (process.env.FLIGHTDECK_PAGE_CACHE === "off") return load();
  ensureListener();
  return state.cache.read(key, load);
}

export function invalidatePageCache(): void {
  state.cache.invalidate();
}

/** Tests: loads so far; optionally start over with another clock (and without the hub subscription). */
export function pageCacheLoads(): number {
  return state.cache.loads();
}

export function resetPageCache(options: { now?: () => number } = {}): void {
  state.unsubscribe?.();
  state.unsubscribe = null;
  state.cache = createReadCache({ maxAgeMs: PAGE_CACHE_MAX_AGE_MS, refreshAfterMs: REFRESH_AFTER_MS, now: options.now });
}
