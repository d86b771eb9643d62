import "server-only";
import { db } from "@/lib/db";
import type { JsonObject } from "@/lib/audit/types";

/** The one Postgres channel every app instance LISTENs on (SSE fan-out lives in lib/live). */
export const LIVE_CHANNEL = "flightdeck_live";

/** Small by design: NOTIFY payloads are limited to 8 kB, so events name what changed, not its data. */
export interface LiveEvent {
  type: string;
  application?: string | null;
  environment?: string | null;
  data?: JsonObject;
}

/**
 * Tells every instance that something changed. Sent through Postgres so that several app instances
 * behind a load balancer all hear it; nothing is kept in process memory.
 */
export async function publishLiveEvent(event: LiveEvent): Promise<void> {
  await db().$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(event)})`;
}
