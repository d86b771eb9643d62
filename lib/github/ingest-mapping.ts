// Pure mapping from GitHub's vocabulary to the config's (unit-tested).
import type { ApplicationConfig } from "@/lib/config";

export interface GithubActor {
  login: string;
  avatar_url?: string | null;
}

export function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Our environment name for a GitHub environment name (githubEnvironment, else the same name). */
export function githubEnvironmentName(app: ApplicationConfig, githubEnvironment: string): string | null {
  const lower = githubEnvironment.toLowerCase();
  return app.environments.find((env) => (env.githubEnvironment ?? env.name).toLowerCase() === lower)?.name ?? null;
}

/**
 * A best guess at a run's environment before any deployment names it: the one environment whose deploy
 * workflow and ref match the run. Ambiguous (one workflow deploying several environments from the same
 * branch) or not a deploy workflow → null, until a deployment or pending deployment says.
 */
export function environmentForRun(app: ApplicationConfig, path: string, branch: string | null, event: string): string | null {
  if (!branch || event === "pull_request" || event === "pull_request_target") return null;
  const file = path.split("@")[0]?.split("/").pop() ?? "";
  const matches = app.environments.filter((env) => env.workflow === file && env.ref === branch);
  return matches.length === 1 ? matches[0]!.name : null;
}

/** The run behind a deployment: payload.run_id when the workflow put it there, else the status's run URL. */
export function runIdFromDeployment(payload: unknown, status?: { target_url?: string | null; log_url?: string | null }): bigint | null {
  if (payload && typeof payload === "object" && "run_id" in payload) {
    const id = (payload as { run_id: unknown }).run_id;
    if (typeof id === "number" && Number.isInteger(id) && id > 0) return BigInt(id);
    if (typeof id === "string" && /^\d+$/.test(id)) return BigInt(id);
  }
  for (const url of [status?.log_url, status?.target_url]) {
    const match = url ? /\/actions\/runs\/(\d+)/.exec(url) : null;
    if (match) return BigInt(match[1]!);
  }
  return null;
}

/** The configured application of a repository full name (owner/name), case-insensitively. */
export function applicationForRepo(applications: readonly ApplicationConfig[], fullName: string | undefined | null): ApplicationConfig | null {
  if (!fullName) return null;
  const lower = fullName.toLowerCase();
  return applications.find((app) => app.repo.toLowerCase() === lower) ?? null;
}

/**
 * True when `run` is an older picture of the stored run: an earlier attempt, an earlier update, or the
 * same second (GitHub's timestamps have no finer grain) but not yet completed while the stored one is.
 * Webhooks and the refresher's list pages race; the list fetched before a webhook must not undo it.
 */
export function isStaleRun(run: { run_attempt?: number | null; updated_at?: string | null; status?: string | null }, stored: { runAttempt: number; updatedAt: Date; status: string } | null): boolean {
  if (!stored) return false;
  const attempt = run.run_attempt ?? 1;
  if (attempt !== stored.runAttempt) return attempt < stored.runAttempt;
  const updatedAt = toDate(run.updated_at);
  if (!updatedAt) return false;
  if (updatedAt.getTime() !== stored.updatedAt.getTime()) return updatedAt.getTime() < stored.updatedAt.getTime();
  return stored.status === "completed" && run.status !== "completed";
}
