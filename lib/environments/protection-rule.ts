import "server-only";
import { recordIntent, recordOutcome } from "@/lib/audit/record";
import { findEnvironmentLock } from "@/lib/commands/locks";
import type { ApplicationConfig, FlightdeckConfig } from "@/lib/config";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { answerProtectionRule, parseProtectionCallback } from "@/lib/github/deployment-protection";
import { githubEnvironmentName } from "@/lib/github/ingest-mapping";
import type { LiveEvent } from "@/lib/live/publish";
import { log } from "@/lib/log";

// Locks hold outside Flightdeck: an environment that lists Flightdeck's GitHub App as a custom
// deployment protection rule sends a deployment_protection_rule webhook for every deployment, from
// any source (GitHub's UI, a push, the API). Flightdeck answers "rejected" with the lock's reason when
// the environment is locked, "approved" otherwise, and records the decision (actor: system).
// The webhook receiver's delivery claim makes a replayed delivery a no-op, so each request is
// answered once.

export interface ProtectionRuleInput {
  prisma: PrismaClient;
  config: FlightdeckConfig;
  app: ApplicationConfig;
  payload: Record<string, unknown>;
  /** The App's installation token for the installation the webhook names; null when none is configured. */
  appToken(installationId: number | null): Promise<string | null>;
}

const SYSTEM = { type: "system" as const, login: null };

/** Status codes after which asking again cannot help (the run moved on, the App lacks access). */
function isFinalRefusal(error: unknown): error is { status: number } {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" && status >= 400 && status < 500 && status !== 429;
}

export async function decideProtectionRule(input: ProtectionRuleInput): Promise<{ handled: boolean; live: LiveEvent[] }> {
  const { prisma, app, payload } = input;
  const githubEnvironment = typeof payload.environment === "string" ? payload.environment : "";
  const environment = githubEnvironmentName(app, githubEnvironment);
  const callback = parseProtectionCallback(payload.deployment_callback_url, input.config.github.apiUrl, app.repo);
  if (!environment || !callback) {
    // Not ours to decide: GitHub keeps the deployment waiting (fail closed) until someone answers.
    log.warn("protection_rule.ignored", { repo: app.repo, githubEnvironment, reason: environment ? "unexpected callback URL" : "environment not in the config" });
    return { handled: false, live: [] };
  }
  const installation = payload.installation as { id?: unknown } | undefined;
  const installationId = typeof installation?.id === "number" ? installation.id : null;
  const sender = (payload.sender as { login?: unknown } | undefined)?.login;

  const lock = await findEnvironmentLock(app.slug, environment, { prisma });
  const state = lock ? ("rejected" as const) : ("approved" as const);
  const comment = lock ? `${environment} is locked in Flightdeck by ${lock.lockedBy}: ${lock.reason}` : `${environment} is not locked in Flightdeck.`;
  const scope = { application: app.slug, environment, targetType: "run", target: String(callback.runId) };
  const details = {
    runId: callback.runId,
    githubEnvironment,
    event: typeof payload.event === "string" ? payload.event : null,
    requestedBy: typeof sender === "string" ? sender : null,
    decision: state,
    comment,
    lock: lock ? { lockedBy: lock.lockedBy, reason: lock.reason, expiresAt: lock.expiresAt?.toISOString() ?? null } : null,
  };
  const { correlationId } = await recordIntent({ actor: SYSTEM, action: "deployment.protection_check", ...scope, payload: details }, { db: prisma });
  const live: LiveEvent[] = [{ type: "deployment.protection", application: app.slug, environment, data: { runId: callback.runId } }];

  const token = await input.appToken(installationId).catch((error: unknown) => {
    log.error("protection_rule.app_token_failed", { error });
    return null;
  });
  if (!token) {
    await recordOutcome({ correlationId, outcome: "failed", payload: { ...details, error: "No GitHub App installation token: set GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY" } }, { db: prisma });
    return { handled: true, live };
  }
  try {
    await answerProtectionRule({ apiUrl: input.config.github.apiUrl, token, callback, environmentName: githubEnvironment, state, comment });
  } catch (error) {
    const status = (error as { status?: unknown } | null)?.status;
    await recordOutcome({ correlationId, outcome: "failed", payload: { ...details, error: `GitHub answered ${typeof status === "number" ? status : "nothing"}` } }, { db: prisma });
    if (isFinalRefusal(error)) {
      log.warn("protection_rule.refused", { runId: callback.runId, status: error.status });
      return { handled: true, live };
    }
    // Unavailable or rate-limited: fail the delivery so it is processed again when redelivered.
    throw error;
  }
  await recordOutcome({ correlationId, outcome: "succeeded", action: state === "rejected" ? "deployment.protection_rejected" : "deployment.protection_approved", payload: details }, { db: prisma });
  return { handled: true, live };
}
