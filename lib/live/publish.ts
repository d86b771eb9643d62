import "server-only";
import { db } from "@/lib/db";
import { LIVE_CHANNEL, type LiveEvent } from "./channel";
import { invalidatePageCache } from "./page-cache";

export { LIVE_CHANNEL, type LiveEvent };

/**
 * Tells every instance that something changed. Sent through Postgres so that several app instances
 * behind a load balancer all hear it. This instance's page cache is dropped at once as well, without
 * waiting for its own NOTIFY to come back: a mutation's re-render must read what it just wrote.
 */
export async function publishLiveEvent(event: LiveEvent): Promise<void> {
  try {
    await db().$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(event)})`;
  } finally {
    invalidatePageCache();
  }
}
