import "server-only";
import { Octokit } from "@octokit/rest";
import { getConfig } from "@/lib/config";

const REQUEST_TIMEOUT_MS = 10_000;

/** fetch with a deadline: a hung GitHub must never hang a page or an action. */
export function fetchWithTimeout(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  return fetch(input, { ...init, signal });
}

/**
 * An Octokit bound to the configured GitHub (github.com, a GitHub Enterprise Server, or the
 * sandbox — the code cannot tell them apart). `auth` is a user's OAuth token or the service token.
 */
export function createOctokit(auth: string | undefined): Octokit {
  return new Octokit({
    auth,
    baseUrl: getConfig().github.apiUrl,
    userAgent: "flightdeck",
    request: { fetch: fetchWithTimeout },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}

export function isNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && "status" in error && (error as { status: unknown }).status === 404;
}
