import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { UpstreamSystem } from "@/lib/overview/types";

// The banner pages show ("GitHub is unavailable — data as of 12:03") comes from these rows: the
// refresher sets them after each pass, so a page never has to call upstream to know.

export async function markUpstreamOk(prisma: PrismaClient, system: UpstreamSystem, now: Date): Promise<boolean> {
  const before = await prisma.upstreamState.findUnique({ where: { system }, select: { ok: true } });
  await prisma.upstreamState.upsert({
    where: { system },
    create: { system, ok: true, message: null, failingSince: null, lastSuccessAt: now, updatedAt: now },
    update: { ok: true, message: null, failingSince: null, lastSuccessAt: now, updatedAt: now },
  });
  return before?.ok === false;
}

/** Returns true when this is news (it was fine before), so the caller can tell open pages. */
export async function markUpstreamFailing(prisma: PrismaClient, system: UpstreamSystem, message: string, now: Date): Promise<boolean> {
  const before = await prisma.upstreamState.findUnique({ where: { system } });
  await prisma.upstreamState.upsert({
    where: { system },
    create: { system, ok: false, message, failingSince: now, lastSuccessAt: null, updatedAt: now },
    // failingSince is when it started failing, not the latest failure.
    update: { ok: false, message, failingSince: before?.ok === false ? before.failingSince : now, updatedAt: now },
  });
  return before?.ok !== false || before.message !== message;
}

/** A message safe to show, never the dependency's raw error text. */
export function describeGithubFailure(error: unknown): string {
  const status = (error as { status?: unknown } | null)?.status;
  const headers = (error as { response?: { headers?: Record<string, string> } } | null)?.response?.headers ?? {};
  if (status === 429 || (status === 403 && (headers["x-ratelimit-remaining"] === "0" || headers["retry-after"] !== undefined))) {
    return "GitHub is rate-limiting requests";
  }
  if (typeof status === "number" && status >= 500) return `GitHub answered ${status}`;
  if (status === 401) return "GitHub refused the token";
  if (typeof status === "number") return `GitHub answered ${status}`;
  return "GitHub did not answer";
}

export function describeEcsFailure(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (typeof name === "string" && /Throttl|TooManyRequests|RequestLimitExceeded/.test(name)) return "ECS is throttling requests";
  if (typeof name === "string" && /ServerException|InternalFailure|ServiceUnavailable/.test(name)) return "ECS answered with a server error";
  if (typeof name === "string" && /Credentials|UnrecognizedClient|AccessDenied|ExpiredToken/.test(name)) return "ECS refused the credentials";
  return "ECS did not answer";
}
