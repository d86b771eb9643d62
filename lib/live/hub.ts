import "server-only";
import pg from "pg";
import { serverEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { LIVE_CHANNEL, type LiveEvent } from "./channel";

// One LISTEN connection per app instance, shared by everything that wants live events (SSE streams,
// the flag serving cache). Postgres delivers each NOTIFY to every instance's connection; this hub fans
// it out in process. The connection opens with the first subscriber, reconnects after a loss while
// anyone is subscribed, and closes with the last one.

export interface LiveSubscriber {
  /** `raw` is the NOTIFY payload exactly as published (what SSE forwards). */
  onEvent(event: LiveEvent, raw: string): void;
  /** Connected, or lost: events may have been missed while not connected; reload what you cache. */
  onStatus?(connected: boolean): void;
}

interface HubState {
  subscribers: Set<LiveSubscriber>;
  client: pg.Client | null;
  connected: boolean;
  starting: boolean;
  retry: NodeJS.Timeout | null;
  /** Overridable for tests; defaults to DATABASE_URL. */
  databaseUrl: string | null;
}

const RETRY_MS = 1_000;

// Kept on globalThis: route modules and dev-server reloads must share one connection per process.
const hub: HubState = ((globalThis as unknown as { flightdeckLiveHub?: HubState }).flightdeckLiveHub ??= {
  subscribers: new Set(),
  client: null,
  connected: false,
  starting: false,
  retry: null,
  databaseUrl: null,
});

export function parseLiveEvent(payload: string | undefined): LiveEvent | null {
  if (!payload) return null;
  try {
    const value = JSON.parse(payload) as unknown;
    if (value && typeof value === "object" && typeof (value as { type?: unknown }).type === "string") return value as LiveEvent;
  } catch {
    // Not ours (someone NOTIFYed the channel by hand): ignore.
  }
  return null;
}

function setStatus(connected: boolean): void {
  if (hub.connected === connected) return;
  hub.connected = connected;
  for (const subscriber of hub.subscribers) {
    try {
      subscriber.onStatus?.(connected);
    } catch (error) {
      log.warn("live.subscriber_failed", { error });
    }
  }
}

function scheduleRetry(): void {
  if (hub.retry || hub.subscribers.size === 0) return;
  hub.retry = setTimeout(() => {
    hub.retry = null;
    connect();
  }, RETRY_MS);
  hub.retry.unref();
}

function connect(): void {
  if (hub.client || hub.starting || hub.subscribers.size === 0) return;
  hub.starting = true;
  const client = new pg.Client({ connectionString: hub.databaseUrl ?? serverEnv().DATABASE_URL, connectionTimeoutMillis: 5_000, application_name: "flightdeck-live" });
  let dropped = false;
  const drop = (error?: unknown) => {
    if (dropped) return;
    dropped = true;
    if (hub.client === client) hub.client = null;
    if (error) log.warn("live.listener_lost", { error });
    client.end().catch(() => {});
    setStatus(false);
    scheduleRetry();
  };
  client.on("notification", (message) => {
    if (message.channel !== LIVE_CHANNEL || message.payload === undefined) return;
    const event = parseLiveEvent(message.payload);
    if (!event) return;
    for (const subscriber of hub.subscribers) {
      try {
        subscriber.onEvent(event, message.payload);
      } catch (error) {
        log.warn("live.subscriber_failed", { error });
      }
    }
  });
  client.on("error", drop);
  client.on("end", () => drop());
  client
    .connect()
    .then(() => client.query(`LISTEN ${LIVE_CHANNEL}`))
    .then(() => {
      hub.starting = false;
      if (hub.subscribers.size === 0) {
        void client.end().catch(() => {});
        return;
      }
      hub.client = client;
      setStatus(true);
    })
    .catch((error: unknown) => {
      hub.starting = false;
      drop(error);
    });
  // A listener must never keep a script (bench, tests) alive.
  (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
}

/** Subscribes to every live event of every instance; returns the unsubscribe function. */
export function subscribeLive(subscriber: LiveSubscriber): () => void {
  hub.subscribers.add(subscriber);
  if (hub.connected) subscriber.onStatus?.(true);
  connect();
  return () => {
    hub.subscribers.delete(subscriber);
    if (hub.subscribers.size === 0) void closeConnection();
  };
}

export function isLiveConnected(): boolean {
  return hub.connected;
}

async function closeConnection(): Promise<void> {
  if (hub.retry) clearTimeout(hub.retry);
  hub.retry = null;
  const client = hub.client;
  hub.client = null;
  hub.connected = false;
  await client?.end().catch(() => {});
}

/** Tests: drop every subscriber and the connection; optionally listen on another database next time. */
export async function resetLiveHub(options: { databaseUrl?: string | null } = {}): Promise<void> {
  hub.subscribers.clear();
  await closeConnection();
  if (options.databaseUrl !== undefined) hub.databaseUrl = options.databaseUrl;
}
