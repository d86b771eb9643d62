import "server-only";
import { isIP } from "node:net";
import { headers } from "next/headers";
import type { RequestMeta } from "./types";

/**
 * Client IP and user agent from request headers. The first X-Forwarded-For entry (set by the load
 * balancer in front of us), else X-Real-IP. These headers are only as trustworthy as the proxy that
 * sets them: without one, a client can write what it likes, so the IP is evidence, not identity.
 */
export function requestMetaFrom(get: (name: string) => string | null | undefined): RequestMeta {
  const forwarded = get("x-forwarded-for")?.split(",")[0]?.trim();
  const candidates = [forwarded, get("x-real-ip")?.trim()];
  let ip: string | null = null;
  for (const candidate of candidates) {
    if (!candidate) continue;
    // "[::1]:1234" / "1.2.3.4:5678" → the address alone.
    // "::ffff:1.2.3.4" (IPv4 seen through an IPv6 socket) → "1.2.3.4", so one client has one address.
    const bare = candidate
      .replace(/^\[([^\]]+)\](?::\d+)?$/, "$1")
      .replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1")
      .replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
    if (isIP(bare)) {
      ip = bare;
      break;
    }
  }
  const agent = get("user-agent")?.trim();
  return { ip, userAgent: agent ? agent.slice(0, 512) : null };
}

/** The current request's metadata; nulls outside a request (scripts, background jobs) rather than a throw. */
export async function currentRequestMeta(): Promise<RequestMeta> {
  try {
    const list = await headers();
    return requestMetaFrom((name) => list.get(name));
  } catch {
    return { ip: null, userAgent: null };
  }
}
