import "server-only";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { ecsClient } from "@/lib/ecs/client";
import { serverEnv } from "@/lib/env";
import { createServiceOctokit, resolveServiceToken } from "@/lib/github/service-client";
import { publishLiveEvent } from "@/lib/live/publish";
import { log } from "@/lib/log";
import type { RefresherContext } from "./context";
import { startRefresher, type Refresher } from "./refresher";

// Started once per server process from instrumentation.ts (FLIGHTDECK_REFRESHER=off disables it, e.g.
// for a bench that must not poll). Kept on globalThis so a dev-server reload does not start a second.

const holder = globalThis as unknown as { flightdeckRefresher?: Refresher };

export function defaultRefresherContext(): RefresherContext {
  const prisma = db();
  // The Octokit is rebuilt only when the token changes (a new sign-in, a rotated GITHUB_TOKEN), so the
  // throttling plugin's queue survives between passes.
  let current: { token: string; access: NonNullable<Awaited<ReturnType<RefresherContext["github"]>>> } | null = null;
  return {
    prisma,
    config: getConfig(),
    ecs: ecsClient,
    async github() {
      const resolved = await resolveServiceToken(prisma);
      if (!resolved) return null;
      if (current?.token !== resolved.token) current = { token: resolved.token, access: { octokit: createServiceOctokit(resolved.token), identity: resolved.identity } };
      return current.access;
    },
    publish: publishLiveEvent,
    now: () => new Date(),
  };
}

export function startBackgroundRefresher(): void {
  if (process.env.FLIGHTDECK_REFRESHER === "off" || holder.flightdeckRefresher) return;
  holder.flightdeckRefresher = startRefresher({ databaseUrl: serverEnv().DATABASE_URL, context: defaultRefresherContext() });
  log.info("refresher.started", {});
  // No signal handlers here: adding one would replace Node's default exit on SIGINT/SIGTERM. When the
  // process ends, its connection closes and Postgres releases the lock, so another instance takes over.
}

export async function stopBackgroundRefresher(): Promise<void> {
  const refresher = holder.flightdeckRefresher;
  holder.flightdeckRefresher = undefined;
  await refresher?.stop();
}
