import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ServiceOctokit } from "./service-client";

// Conditional GETs: the ETag of each URL's last 200 is kept in Postgres (so it survives restarts and a
// change of leader) with the body it stands for. GitHub answers 304 when nothing changed, and a 304
// does not count against the rate limit — which is what lets the refresher poll every 15 s.

export interface ConditionalResult<T> {
  data: T;
  /** True when GitHub answered 304 and `data` is the stored body. */
  notModified: boolean;
}

function isNotModified(error: unknown): boolean {
  return typeof error === "object" && error !== null && "status" in error && (error as { status: unknown }).status === 304;
}

/** GET `route` with If-None-Match from the cache; stores the new ETag and body on a 200. */
export async function conditionalGet<T>(
  prisma: PrismaClient,
  octokit: ServiceOctokit,
  route: string,
  params: Record<string, string | number | boolean>,
): Promise<ConditionalResult<T>> {
  const key = cacheKey(route, params);
  const cached = await prisma.httpCacheEntry.findUnique({ where: { url: key } });
  try {
    const response = await octokit.request(route, { ...params, headers: cached ? { "if-none-match": cached.etag } : {} });
    const etag = response.headers.etag;
    if (etag) {
      const body = response.data as object;
      await prisma.httpCacheEntry.upsert({
        where: { url: key },
        create: { url: key, etag, body, fetchedAt: new Date() },
        update: { etag, body, fetchedAt: new Date() },
      });
    }
    return { data: response.data as T, notModified: false };
  } catch (error) {
    // Octokit reports a 304 as an error; it is the cheap "unchanged" answer we asked for.
    if (cached && isNotModified(error)) return { data: cached.body as T, notModified: true };
    throw error;
  }
}

/** Stable key: the route with its parameters in a fixed order (the token is not part of it). */
export function cacheKey(route: string, params: Record<string, string | number | boolean>): string {
  const query = Object.keys(params)
    .sort()
    .map((name) => `${name}=${encodeURIComponent(String(params[name]))}`)
    .join("&");
  return query ? `${route}?${query}` : route;
}
