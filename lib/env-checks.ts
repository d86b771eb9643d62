// Start-up checks of the environment. No "server-only" marker: instrumentation and scripts use it.

export const DEV_DEFAULTS = {
  NEXTAUTH_SECRET: "flightdeck-development-secret-not-for-production",
  GITHUB_CLIENT_ID: "flightdeck-dev",
  GITHUB_CLIENT_SECRET: "flightdeck-dev-secret",
  GITHUB_WEBHOOK_SECRET: "flightdeck-dev-webhook-secret",
} as const;

type EnvVars = Record<string, string | undefined>;

const REQUIRED_IN_PRODUCTION = ["NEXTAUTH_SECRET", "NEXTAUTH_URL", "GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET", "DATABASE_URL"] as const;

/** Problems that must stop a production start-up; empty when all is well. */
export function productionEnvProblems(env: EnvVars): string[] {
  const problems: string[] = [];
  for (const name of REQUIRED_IN_PRODUCTION) {
    if (!env[name]) problems.push(`${name} is not set`);
  }
  for (const [name, value] of Object.entries(DEV_DEFAULTS)) {
    if (env[name] === value) problems.push(`${name} is still the development default`);
  }
  if (env.NEXTAUTH_SECRET && env.NEXTAUTH_SECRET.length < 32) problems.push("NEXTAUTH_SECRET is shorter than 32 characters");
  if (env.NEXTAUTH_URL && !isSecureOrLocal(env.NEXTAUTH_URL)) {
    problems.push("NEXTAUTH_URL must be https:// (plain http is accepted only for localhost)");
  }
  return problems;
}

function isSecureOrLocal(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(parsed.hostname);
  } catch {
    return false;
  }
}

