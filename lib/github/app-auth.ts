import "server-only";
import { createPrivateKey, sign, type KeyObject } from "node:crypto";
import { Octokit } from "@octokit/rest";
import { serverEnv, type ServerEnv } from "@/lib/env";
import { fetchWithTimeout } from "./client";

// Flightdeck as a GitHub App: the identity that answers custom deployment protection rules (only an
// App may). GitHub's protocol: a JWT signed with the App's private key (RS256, iss = App id, at most
// 10 minutes long) → POST /app/installations/{installation_id}/access_tokens → an installation token
// (ghs_…, one hour). The installation comes with every webhook the App receives. Tokens are cached
// per installation until five minutes before they expire.
//
// A ready installation token can be given instead (GITHUB_APP_INSTALLATION_TOKEN): the local sandbox
// mints its demo App's token through its control API, and npm run dev / the e2e tests pass it on.

export type GithubAppCredentials = { kind: "app"; appId: string; privateKey: KeyObject } | { kind: "installation-token"; token: string };

/** The configured App credentials, or null when none are (then protection rules go unanswered). */
export function githubAppCredentials(env: Pick<ServerEnv, "GITHUB_APP_ID" | "GITHUB_APP_PRIVATE_KEY" | "GITHUB_APP_INSTALLATION_TOKEN"> = serverEnv()): GithubAppCredentials | null {
  if (env.GITHUB_APP_ID && env.GITHUB_APP_PRIVATE_KEY) {
    // Keys pasted into one-line environment variables often carry literal "\n".
    return { kind: "app", appId: env.GITHUB_APP_ID, privateKey: createPrivateKey(env.GITHUB_APP_PRIVATE_KEY.replace(/\\n/g, "\n")) };
  }
  if (env.GITHUB_APP_INSTALLATION_TOKEN) return { kind: "installation-token", token: env.GITHUB_APP_INSTALLATION_TOKEN };
  return null;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/** The App's JWT: issued 60 s in the past (GitHub's advice for clock drift), valid for 9 minutes. */
export function appJwt(appId: string, privateKey: KeyObject, now: Date = new Date()): string {
  const seconds = Math.floor(now.getTime() / 1000);
  const unsigned = `${base64url(JSON.stringify({ alg: "RS256", typ: "JWT" }))}.${base64url(JSON.stringify({ iat: seconds - 60, exp: seconds + 540, iss: appId }))}`;
  return `${unsigned}.${base64url(sign("RSA-SHA256", Buffer.from(unsigned), privateKey))}`;
}

const cache = new Map<string, { token: string; expiresAt: number }>();
const REFRESH_BEFORE_MS = 5 * 60_000;

/** An installation token for the installation a webhook named; throws when GitHub refuses the App. */
export async function installationToken(credentials: GithubAppCredentials, installationId: number | null, apiUrl: string): Promise<string> {
  if (credentials.kind === "installation-token") return credentials.token;
  if (installationId === null) throw new Error("the webhook names no App installation");
  const key = `${apiUrl} ${credentials.appId} ${installationId}`;
  const cached = cache.get(key);
  if (cached && cached.expiresAt - REFRESH_BEFORE_MS > Date.now()) return cached.token;
  // Octokit sends a JWT as "Bearer", as GitHub requires for App endpoints.
  const octokit = new Octokit({ auth: appJwt(credentials.appId, credentials.privateKey), baseUrl: apiUrl, userAgent: "flightdeck", request: { fetch: fetchWithTimeout }, log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } });
  const { data } = await octokit.request("POST /app/installations/{installation_id}/access_tokens", { installation_id: installationId });
  cache.set(key, { token: data.token, expiresAt: Date.parse(data.expires_at) });
  return data.token;
}
