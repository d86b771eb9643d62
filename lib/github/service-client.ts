import "server-only";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { USER_TOKEN_PURPOSE } from "@/lib/auth/record-sign-in";
import { getConfig } from "@/lib/config";
import { open } from "@/lib/crypto/secret-box";
import { serverEnv } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { fetchWithTimeout } from "./client";

// The identity the background refresher reads GitHub with. Reads are shared by every viewer, so they
// use one service token: GITHUB_TOKEN (a GitHub App installation token or a fine-grained token). When
// none is configured — the local demo has none — the token of the person who signed in most recently
// is used instead, so the demo works without setup; with neither, the refresher reports
// "GitHub: no token" as an upstream status and pages render what is stored.

const ThrottledOctokit = Octokit.plugin(throttling, retry);
export type ServiceOctokit = InstanceType<typeof ThrottledOctokit>;

export interface GithubAccess {
  octokit: ServiceOctokit;
  /** "GITHUB_TOKEN" or "user:<login>", for logs and the upstream banner. */
  identity: string;
}

export interface ServiceOctokitOptions {
  /** Defaults to the configured github.apiUrl. */
  baseUrl?: string;
  /** Retries of 5xx answers (plugin-retry); tests lower it to keep failures fast. */
  retries?: number;
  retryAfterBaseMs?: number;
}

/**
 * Octokit with plugin-throttling (queues requests, honours Retry-After) and plugin-retry (retries 5xx
 * with backoff). A background poller must not sit out a 60 s rate-limit window inside one pass, so
 * limits are retried only when the wait is short; otherwise the pass fails and the next one tries again.
 */
export function createServiceOctokit(token: string, options: ServiceOctokitOptions = {}): ServiceOctokit {
  const shortWait = (retryAfter: number, retryCount: number) => retryCount < 1 && retryAfter <= 5;
  return new ThrottledOctokit({
    auth: token,
    baseUrl: options.baseUrl ?? getConfig().github.apiUrl,
    userAgent: "flightdeck-refresher",
    request: { fetch: fetchWithTimeout },
    retry: { retries: options.retries ?? 2, retryAfterBaseValue: options.retryAfterBaseMs ?? 1_000 },
    throttle: {
      onRateLimit: (retryAfter, request, _octokit, retryCount) => {
        log.warn("github.rate_limited", { method: request.method, url: request.url, retryAfter });
        return shortWait(retryAfter, retryCount);
      },
      onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
        log.warn("github.secondary_rate_limited", { method: request.method, url: request.url, retryAfter });
        return shortWait(retryAfter, retryCount);
      },
    },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}

/** GITHUB_TOKEN, else the most recently signed-in person's stored token, else null. */
export async function resolveServiceToken(prisma: PrismaClient): Promise<{ token: string; identity: string } | null> {
  const env = serverEnv();
  if (env.GITHUB_TOKEN) return { token: env.GITHUB_TOKEN, identity: "GITHUB_TOKEN" };
  const users = await prisma.user.findMany({
    where: { githubTokenEnc: { not: null } },
    orderBy: { lastSignInAt: "desc" },
    take: 5,
    select: { login: true, githubTokenEnc: true },
  });
  for (const user of users) {
    // A token sealed under an older NEXTAUTH_SECRET no longer opens: try the next person.
    const token = user.githubTokenEnc ? open(user.githubTokenEnc, env.NEXTAUTH_SECRET, USER_TOKEN_PURPOSE) : null;
    if (token) return { token, identity: `user:${user.login}` };
  }
  return null;
}
