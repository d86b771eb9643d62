import type { JsonObject } from "@/lib/audit/types";

/** The one Postgres channel every app instance LISTENs on (SSE fan-out lives in lib/live/hub). */
export const LIVE_CHANNEL = "flightdeck_live";

/** Small by design: NOTIFY payloads are limited to 8 kB, so events name what changed, not its data. */
export interface LiveEvent {
  type: string;
  application?: string | null;
  environment?: string | null;
  data?: JsonObject;
}
