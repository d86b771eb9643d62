import type { ClockMode } from "./clock";

/** Everything the sandbox can be told from the outside. `createSandbox` takes this, `main.ts` builds it from env. */
export interface SandboxOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Address to listen on; by default 127.0.0.1 and, when available, ::1 (see server.ts). */
  host?: string;
  /** Base of every absolute URL the sandbox returns (Link headers, avatar_url, html_url…); defaults to http://localhost:<port>. */
  publicUrl?: string;
  /** Where GitHub-style webhooks will be POSTed (used by the later workflow/deployment simulation). */
  appWebhookUrl?: string;
  webhookSecret: string;
  /**
   * An installation token of the demo GitHub App known from the start (and after every reset), so the
   * app can be handed it before the sandbox runs (npm run dev, the e2e tests). More can be minted
   * through the control API.
   */
  appInstallationToken?: string;
  clock: { mode: ClockMode; speed: number; startAt?: number };
  oauth: {
    clientId: string;
    clientSecret: string;
    /** Like an OAuth app's registered callback URL: when set, redirect_uri must live under it. */
    callbackUrl?: string;
  };
}

export const DEFAULT_PORT = 4010;

type Env = Record<string, string | undefined>;

/** Reads SANDBOX_* env vars; throws with a readable message on a bad value rather than guessing. */
export function optionsFromEnv(env: Env): SandboxOptions {
  const port = integer(env.SANDBOX_PORT, DEFAULT_PORT, "SANDBOX_PORT");
  const mode = env.SANDBOX_CLOCK ?? "realtime";
  if (mode !== "realtime" && mode !== "manual") throw new Error(`SANDBOX_CLOCK must be "realtime" or "manual", got "${mode}"`);
  const speed = env.SANDBOX_SPEED === undefined || env.SANDBOX_SPEED === "" ? 1 : Number(env.SANDBOX_SPEED);
  if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`SANDBOX_SPEED must be a positive number, got "${env.SANDBOX_SPEED}"`);
  const startAt = env.SANDBOX_CLOCK_START ? Date.parse(env.SANDBOX_CLOCK_START) : undefined;
  if (startAt !== undefined && Number.isNaN(startAt)) throw new Error(`SANDBOX_CLOCK_START must be an ISO date, got "${env.SANDBOX_CLOCK_START}"`);
  return {
    port,
    host: nonEmpty(env.SANDBOX_HOST),
    publicUrl: url(env.SANDBOX_PUBLIC_URL, "SANDBOX_PUBLIC_URL"),
    appWebhookUrl: url(env.APP_WEBHOOK_URL, "APP_WEBHOOK_URL"),
    // Same default as the app's GITHUB_WEBHOOK_SECRET in development, so `npm run dev` needs no setup.
    webhookSecret: nonEmpty(env.SANDBOX_WEBHOOK_SECRET) ?? "flightdeck-dev-webhook-secret",
    appInstallationToken: appToken(env.SANDBOX_APP_INSTALLATION_TOKEN),
    clock: { mode, speed, startAt },
    oauth: {
      clientId: nonEmpty(env.SANDBOX_OAUTH_CLIENT_ID) ?? "flightdeck-dev",
      clientSecret: nonEmpty(env.SANDBOX_OAUTH_CLIENT_SECRET) ?? "flightdeck-dev-secret",
      callbackUrl: url(env.SANDBOX_OAUTH_CALLBACK_URL, "SANDBOX_OAUTH_CALLBACK_URL"),
    },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function appToken(value: string | undefined): string | undefined {
  const raw = nonEmpty(value);
  if (raw !== undefined && !/^ghs_[A-Za-z0-9]{16,}$/.test(raw)) throw new Error(`SANDBOX_APP_INSTALLATION_TOKEN must look like an installation token (ghs_ and at least 16 letters or digits), got "${raw.slice(0, 8)}…"`);
  return raw;
}

function integer(value: string | undefined, fallback: number, name: string): number {
  const raw = nonEmpty(value);
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return parsed;
}

function url(value: string | undefined, name: string): string | undefined {
  const raw = nonEmpty(value);
  if (raw === undefined) return undefined;
  try {
    const parsed = new URL(raw);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("not http(s)");
  } catch {
    throw new Error(`${name} must be an http(s) URL, got "${raw}"`);
  }
  // Absolute URLs are built by appending paths, so a trailing slash would double up.
  return raw.replace(/\/+$/, "");
}
