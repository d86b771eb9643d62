import "server-only";
import type { ApplicationConfig } from "@/lib/config";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { environmentForRun, githubEnvironmentName, isStaleRun, runIdFromDeployment, toDate, type GithubActor } from "./ingest-mapping";

// Writes what GitHub says (webhook payloads and REST answers share these shapes) into the read model.
// Used by the webhook receiver and by the refresher, so both paths store the same thing the same way.

export interface RunPayload {
  id: number;
  name?: string | null;
  path?: string;
  workflow_id?: number;
  run_number?: number;
  run_attempt?: number;
  display_title?: string;
  event?: string;
  head_branch?: string | null;
  head_sha: string;
  status?: string | null;
  conclusion?: string | null;
  actor?: GithubActor | null;
  triggering_actor?: GithubActor | null;
  html_url?: string;
  created_at?: string;
  updated_at?: string;
  run_started_at?: string | null;
}

export interface JobPayload {
  id: number;
  run_id: number;
  run_attempt?: number;
  name: string;
  status: string;
  conclusion?: string | null;
  started_at?: string | null;
  completed_at?: string | null;
  html_url?: string | null;
  steps?: { number: number; name: string; status: string; conclusion?: string | null; started_at?: string | null; completed_at?: string | null }[];
}

export interface DeploymentPayload {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  payload?: unknown;
  creator?: GithubActor | null;
  created_at: string;
  updated_at: string;
}

export interface UpsertRunResult {
  /** The stored updatedAt and status before this write (null for a new run), to detect changes. */
  before: Date | null;
  status: string | null;
  /** The payload was older than what is stored (isStaleRun) and was not written. */
  stale: boolean;
  /** The run's environment as stored, if known. */
  environment: string | null;
  /** Environments whose pending approvals this write ended (the run left "waiting"). */
  resolvedIn: string[];
}

/** Stores a run, unless it is an older picture of the stored one. */
export async function upsertRun(prisma: PrismaClient, app: ApplicationConfig, run: RunPayload): Promise<UpsertRunResult> {
  const existing = await prisma.workflowRun.findUnique({ where: { id: BigInt(run.id) }, select: { updatedAt: true, status: true, environment: true, runAttempt: true } });
  if (isStaleRun(run, existing)) return { before: existing!.updatedAt, status: existing!.status, stale: true, environment: existing!.environment, resolvedIn: [] };
  const path = run.path ?? "";
  // A deployment or pending deployment names the environment for sure; keep that over a guess. The
  // deployment may have been stored before its run (webhooks and list pages arrive in any order).
  const deployed = existing?.environment
    ? null
    : await prisma.githubDeployment.findFirst({ where: { runId: BigInt(run.id), environment: { not: null } }, orderBy: { createdAt: "desc" }, select: { environment: true } });
  const data = {
    application: app.slug,
    workflowId: BigInt(run.workflow_id ?? 0),
    workflowName: run.name ?? path.split("/").pop() ?? "workflow",
    workflowPath: path,
    runNumber: run.run_number ?? 0,
    runAttempt: run.run_attempt ?? 1,
    title: run.display_title ?? run.name ?? "",
    event: run.event ?? "unknown",
    branch: run.head_branch ?? null,
    headSha: run.head_sha,
    status: run.status ?? "queued",
    conclusion: run.conclusion ?? null,
    actorLogin: (run.triggering_actor ?? run.actor)?.login ?? null,
    actorAvatarUrl: (run.triggering_actor ?? run.actor)?.avatar_url ?? null,
    environment: existing?.environment ?? deployed?.environment ?? environmentForRun(app, path, run.head_branch ?? null, run.event ?? ""),
    url: run.html_url ?? "",
    createdAt: toDate(run.created_at) ?? new Date(),
    updatedAt: toDate(run.updated_at) ?? new Date(),
    runStartedAt: toDate(run.run_started_at),
    syncedAt: new Date(),
  };
  await prisma.workflowRun.upsert({ where: { id: BigInt(run.id) }, create: { id: BigInt(run.id), ...data }, update: data });
  let resolvedIn: string[] = [];
  if (data.status !== "waiting") {
    const resolved = await prisma.pendingApproval.updateManyAndReturn({ where: { runId: BigInt(run.id), resolvedAt: null }, data: { resolvedAt: new Date() }, select: { environment: true } });
    resolvedIn = [...new Set(resolved.map((row) => row.environment))];
  }
  return { before: existing?.updatedAt ?? null, status: existing?.status ?? null, stale: false, environment: data.environment, resolvedIn };
}

export async function upsertJob(prisma: PrismaClient, job: JobPayload): Promise<void> {
  const data = {
    runId: BigInt(job.run_id),
    runAttempt: job.run_attempt ?? 1,
    name: job.name,
    status: job.status,
    conclusion: job.conclusion ?? null,
    startedAt: toDate(job.started_at),
    completedAt: toDate(job.completed_at),
    steps: (job.steps ?? []).map((step) => ({ number: step.number, name: step.name, status: step.status, conclusion: step.conclusion ?? null, started_at: step.started_at ?? null, completed_at: step.completed_at ?? null })),
    url: job.html_url ?? "",
  };
  await prisma.workflowJob.upsert({ where: { id: BigInt(job.id) }, create: { id: BigInt(job.id), ...data }, update: data });
  // A run approved after waiting gets no workflow_run event of its own: its deploy job starting says it moved on.
  if (job.status === "in_progress") {
    await prisma.workflowRun.updateMany({ where: { id: BigInt(job.run_id), status: "waiting" }, data: { status: "in_progress" } });
  }
}

/** Stores a deployment (and its latest status); a deployment made by a run tells us that run's environment. */
export async function upsertDeployment(
  prisma: PrismaClient,
  app: ApplicationConfig,
  deployment: DeploymentPayload,
  status?: { state: string; target_url?: string | null; log_url?: string | null },
  /** The webhook's workflow_run, when the event carries one. */
  runIdHint?: number | null,
): Promise<{ environment: string | null; runId: bigint | null }> {
  const environment = githubEnvironmentName(app, deployment.environment);
  const runId = runIdHint ? BigInt(runIdHint) : runIdFromDeployment(deployment.payload, status);
  const existing = await prisma.githubDeployment.findUnique({ where: { id: BigInt(deployment.id) }, select: { runId: true, state: true } });
  const data = {
    application: app.slug,
    environment,
    githubEnvironment: deployment.environment,
    sha: deployment.sha,
    ref: deployment.ref,
    runId: runId ?? existing?.runId ?? null,
    creatorLogin: deployment.creator?.login ?? null,
    state: status?.state ?? existing?.state ?? null,
    createdAt: toDate(deployment.created_at) ?? new Date(),
    updatedAt: toDate(deployment.updated_at) ?? new Date(),
  };
  await prisma.githubDeployment.upsert({ where: { id: BigInt(deployment.id) }, create: { id: BigInt(deployment.id), ...data }, update: data });
  if (data.runId && environment) {
    await prisma.workflowRun.updateMany({ where: { id: data.runId }, data: { environment } });
  }
  return { environment, runId: data.runId };
}

export interface PendingPayload {
  environment: { name?: string | null };
  wait_timer_started_at?: string | null;
}

/** A run waiting on protected environments (from GET pending_deployments or a deployment_review webhook). */
export async function upsertPendingApprovals(prisma: PrismaClient, app: ApplicationConfig, run: RunPayload, pending: readonly PendingPayload[]): Promise<string[]> {
  const stored: string[] = [];
  for (const entry of pending) {
    const githubEnvironment = entry.environment.name ?? "";
    const environment = githubEnvironmentName(app, githubEnvironment);
    if (!environment) continue;
    const actor = run.triggering_actor ?? run.actor ?? null;
    const key = { runId: BigInt(run.id), environment };
    const data = {
      application: app.slug,
      githubEnvironment,
      headSha: run.head_sha,
      startedByLogin: actor?.login ?? null,
      startedByAvatarUrl: actor?.avatar_url ?? null,
      waitingSince: toDate(entry.wait_timer_started_at) ?? toDate(run.updated_at) ?? new Date(),
      resolvedAt: null,
    };
    await prisma.pendingApproval.upsert({ where: { runId_environment: key }, create: { ...key, ...data }, update: { ...data, waitingSince: undefined } });
    await prisma.workflowRun.updateMany({ where: { id: BigInt(run.id), environment: null }, data: { environment } });
    stored.push(environment);
  }
  return stored;
}
