import { Octokit } from "@octokit/rest";
import { createSandbox, type CreateSandboxOptions, type Sandbox } from "../server";

/** Test helpers: an in-process sandbox on a free port with a manual clock, driven only over HTTP. */
export const CLIENT_ID = "flightdeck-test";
export const CLIENT_SECRET = "test-secret";
export const REDIRECT_URI = "http://localhost:3999/api/auth/callback/github";

export function startSandbox(overrides: CreateSandboxOptions = {}): Promise<Sandbox> {
  return createSandbox({
    ...overrides,
    clock: { mode: "manual", startAt: Date.parse("2026-03-02T09:00:00Z"), ...overrides.clock },
    oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...overrides.oauth },
  });
}

/** Runs the OAuth web flow with `login=` (no consent page) and returns the code from the redirect. */
export async function authorizeCode(sandbox: Sandbox, login: string, params: Record<string, string> = {}): Promise<string> {
  const query = new URLSearchParams({ client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, state: "st4te", scope: "read:user read:org", login, ...params });
  const response = await fetch(`${sandbox.url}/login/oauth/authorize?${query}`, { redirect: "manual" });
  const location = response.headers.get("location");
  if (response.status !== 302 || !location) throw new Error(`authorize answered ${response.status}`);
  const code = new URL(location).searchParams.get("code");
  if (!code) throw new Error(`no code in ${location}`);
  return code;
}

/** Exchanges a code the way next-auth's openid-client does by default: form body, client_secret_basic, Accept JSON. */
export async function exchangeCode(sandbox: Sandbox, code: string, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const response = await fetch(`${sandbox.url}/login/oauth/access_token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    },
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, ...extra }),
  });
  return (await response.json()) as Record<string, string>;
}

export async function signIn(sandbox: Sandbox, login: string): Promise<string> {
  const body = await exchangeCode(sandbox, await authorizeCode(sandbox, login));
  if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

export function octokit(sandbox: Sandbox, token?: string): Octokit {
  return new Octokit({
    auth: token,
    baseUrl: `${sandbox.url}/api/v3`,
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}

/** Calls the control API; throws on a non-2xx answer so a broken setup fails loudly. */
export async function control<T = unknown>(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} /_sandbox${path} → ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}
