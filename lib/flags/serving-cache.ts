import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { subscribeLive } from "@/lib/live/hub";
import type { LiveEvent } from "@/lib/live/publish";
import { log } from "@/lib/log";
import type { CompiledFlag } from "./evaluate";
import { coerceStored, type FlagType } from "./model";

// What the OFREP endpoints read on every request: the flag set of an (application, environment) and
// the scope of an API key. Both are cached per instance, because 3,000 evaluations a second cannot each
// ask Postgres. The cache may never be more than a second stale, on any instance:
//  - every flag / API key command publishes a live event (Postgres NOTIFY on LIVE_CHANNEL); each
//    instance LISTENs (through lib/live/hub, the instance's one LISTEN connection) and drops its cache
//    at once (a generation counter, so a load that raced the change is not kept as fresh);
//  - as a safety net when the LISTEN connection is down or a NOTIFY was lost, an entry older than
//    MAX_AGE_MS is never served: past REFRESH_AFTER_MS it is reloaded in the background, past MAX_AGE_MS
//    the request waits for the reload. Under steady traffic that is one small query per second per
//    (app, env) and instance, and nobody waits.

export const MAX_AGE_MS = 1_000;
const REFRESH_AFTER_MS = 500;
const MAX_KEY_ENTRIES = 10_000;

export interface FlagSet {
  flags: ReadonlyMap<string, CompiledFlag>;
  /** Sorted by key: the bulk response order. */
  list: readonly CompiledFlag[];
  /** Content hash of the set: equal on every instance for equal data, so ETags survive load balancing. */
  hash: string;
}

export interface KeyScope {
  id: string;
  application: string;
  environment: string;
}

interface Entry<T> {
  value: T;
  loadedAt: number;
  generation: number;
  refreshing: boolean;
}

interface CacheState {
  generation: number;
  sets: Map<string, Entry<FlagSet>>;
  keys: Map<string, Entry<KeyScope | null>>;
  loading: Map<string, Promise<unknown>>;
  unsubscribe: (() => void) | null;
}

// One cache per process, shared by every route module (and kept across dev-server reloads).
const state: CacheState = ((globalThis as unknown as { flightdeckFlagCache?: CacheState }).flightdeckFlagCache ??= {
  generation: 0,
  sets: new Map(),
  keys: new Map(),
  loading: new Map(),
  unsubscribe: null,
});

/** Drops everything cached in this instance (a NOTIFY arrived, or a test wants a clean slate). */
export function invalidateFlagCache(): void {
  state.generation++;
  state.sets.clear();
  state.keys.clear();
}

function isServingEvent(event: LiveEvent): boolean {
  return event.type.startsWith("flag.") || event.type.startsWith("api_key.");
}

function ensureListener(): void {
  if (state.unsubscribe) return;
  state.unsubscribe = subscribeLive({
    onEvent: (event) => {
      if (isServingEvent(event)) invalidateFlagCache();
    },
    // On connect: anything that changed before LISTEN took effect must not stay cached. On loss: changes
    // may be missed while deaf, so the max-age rule takes over from a clean slate.
    onStatus: () => invalidateFlagCache(),
  });
}

async function cached<T>(namespace: "set" | "key", map: Map<string, Entry<T>>, key: string, load: () => Promise<T>): Promise<T> {
  ensureListener();
  const now = performance.now();
  const entry = map.get(key);
  if (entry && entry.generation === state.generation) {
    const age = now - entry.loadedAt;
    if (age < MAX_AGE_MS) {
      if (age > REFRESH_AFTER_MS && !entry.refreshing) {
        entry.refreshing = true;
        void reload(namespace, map, key, load).catch((error: unknown) => {
          entry.refreshing = false;
          log.warn("flags.refresh_failed", { error });
        });
      }
      return entry.value;
    }
  }
  return reload(namespace, map, key, load);
}

/** One load per key at a time; the result is kept only if no invalidation happened meanwhile. */
function reload<T>(namespace: "set" | "key", map: Map<string, Entry<T>>, key: string, load: () => Promise<T>): Promise<T> {
  const loadingKey = `${namespace}:${key}`;
  const running = state.loading.get(loadingKey) as Promise<T> | undefined;
  if (running) return running;
  const generation = state.generation;
  const startedAt = performance.now();
  const promise = load()
    .then((value) => {
      if (generation === state.generation) {
        if (map.size >= MAX_KEY_ENTRIES) map.clear();
        map.set(key, { value, loadedAt: startedAt, generation, refreshing: false });
      }
      return value;
    })
    .finally(() => state.loading.delete(loadingKey));
  state.loading.set(loadingKey, promise);
  return promise;
}

async function loadFlagSet(application: string, environment: string): Promise<FlagSet> {
  const rows = await db().flagState.findMany({
    where: { application, environment, flag: { archivedAt: null } },
    select: {
      enabled: true,
      defaultValue: true,
      rolloutValue: true,
      rolloutPercentage: true,
      allowList: true,
      flag: { select: { key: true, type: true } },
    },
  });
  const list: CompiledFlag[] = rows
    .map((row) => {
      const type = row.flag.type as FlagType;
      return {
        key: row.flag.key,
        type,
        enabled: row.enabled,
        defaultValue: coerceStored(type, row.defaultValue),
        rolloutValue: coerceStored(type, row.rolloutValue),
        rolloutPercentage: row.rolloutPercentage,
        allowList: new Set(row.allowList),
      };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const hash = createHash("sha256")
    .update(JSON.stringify(list.map((flag) => ({ ...flag, allowList: [...flag.allowList].sort() }))))
    .digest("base64url")
    .slice(0, 22);
  return { flags: new Map(list.map((flag) => [flag.key, flag])), list, hash };
}

export function getFlagSet(application: string, environment: string): Promise<FlagSet> {
  return cached("set", state.sets, `${application}\u0000${environment}`, () => loadFlagSet(application, environment));
}

/** The scope of an active key by its secret's hash; null for unknown and revoked keys (also cached). */
export function findKeyScope(secretHash: string): Promise<KeyScope | null> {
  return cached("key", state.keys, secretHash, async () => {
    const key = await db().flagApiKey.findUnique({
      where: { secretHash },
      select: { id: true, application: true, environment: true, revokedAt: true },
    });
    return key && !key.revokedAt ? { id: key.id, application: key.application, environment: key.environment } : null;
  });
}

/** For tests and the bench: stops listening (the hub closes its connection with its last subscriber). */
export async function stopFlagListener(): Promise<void> {
  const unsubscribe = state.unsubscribe;
  // A no-op subscription keeps a later cached() call from listening again, as before.
  state.unsubscribe = () => {};
  unsubscribe?.();
}
