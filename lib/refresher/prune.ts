import "server-only";
import type { RefresherContext } from "./context";

// Tables that would otherwise grow for ever. Deleting an ETag that is still in use costs one uncounted
// 200 the next time; a delivery id older than GitHub redelivers (3 days for manual redelivery) is no
// longer needed to recognise a repeat.

const HTTP_CACHE_DAYS = 7;
const DELIVERY_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function pruneCaches(ctx: RefresherContext): Promise<{ httpCache: number; deliveries: number }> {
  const now = ctx.now().getTime();
  const [httpCache, deliveries] = await Promise.all([
    ctx.prisma.httpCacheEntry.deleteMany({ where: { fetchedAt: { lt: new Date(now - HTTP_CACHE_DAYS * DAY_MS) } } }),
    ctx.prisma.webhookDelivery.deleteMany({ where: { receivedAt: { lt: new Date(now - DELIVERY_DAYS * DAY_MS) } } }),
  ]);
  return { httpCache: httpCache.count, deliveries: deliveries.count };
}
