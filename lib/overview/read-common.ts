import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Person, RunConclusion, RunStatus, UpstreamStatus, UpstreamSystem, WorkflowRunSummary } from "./types";

// Shared pieces of the read functions: mapping stored rows to the page DTOs.

/** A refresher that has not succeeded for this long is itself a problem worth a banner. */
export const STALE_AFTER_MS = 2 * 60_000;
const SYSTEMS: UpstreamSystem[] = ["GitHub", "ECS"];

const RUN_STATUSES = new Set<RunStatus>(["queued", "in_progress", "waiting", "completed", "requested", "pending"]);
const CONCLUSIONS = new Set(["success", "failure", "cancelled", "skipped", "timed_out", "action_required", "neutral", "stale"]);

export function runStatus(value: string): RunStatus {
  return RUN_STATUSES.has(value as RunStatus) ? (value as RunStatus) : "pending";
}

export function runConclusion(value: string | null): RunConclusion {
  return value && CONCLUSIONS.has(value) ? (value as RunConclusion) : null;
}

export const iso = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);

export function person(login: string | null, avatarUrl: string | null | undefined): Person | null {
  return login ? { login, avatarUrl: avatarUrl ?? null } : null;
}

export async function readUpstream(prisma: PrismaClient, now: Date = new Date()): Promise<UpstreamStatus[]> {
  const rows = await prisma.upstreamState.findMany();
  return SYSTEMS.map((system) => {
    const row = rows.find((candidate) => candidate.system === system);
    // Not checked yet (a fresh start, or the refresher is off): nothing known to be wrong.
    if (!row) return { system, ok: true, message: null, failingSince: null, lastSuccessAt: null };
    const stale = row.ok && row.lastSuccessAt !== null && now.getTime() - row.lastSuccessAt.getTime() > STALE_AFTER_MS;
    return {
      system,
      ok: row.ok && !stale,
      message: row.ok ? (stale ? "not refreshed recently" : null) : row.message,
      failingSince: iso(row.failingSince) ?? (stale ? iso(row.lastSuccessAt) : null),
      lastSuccessAt: iso(row.lastSuccessAt),
    };
  });
}

export interface RunRow {
  id: bigint;
  runNumber: number;
  runAttempt: number;
  workflowName: string;
  workflowPath: string;
  title: string;
  event: string;
  branch: string | null;
  headSha: string;
  status: string;
  conclusion: string | null;
  actorLogin: string | null;
  actorAvatarUrl: string | null;
  environment: string | null;
  createdAt: Date;
  updatedAt: Date;
  runStartedAt: Date | null;
  url: string;
}

export const RUN_SELECT = {
  id: true, runNumber: true, runAttempt: true, workflowName: true, workflowPath: true, title: true, event: true, branch: true, headSha: true,
  status: true, conclusion: true, actorLogin: true, actorAvatarUrl: true, environment: true, createdAt: true, updatedAt: true, runStartedAt: true, url: true,
} as const;

export function toRunSummary(run: RunRow): WorkflowRunSummary {
  const started = run.runStartedAt ?? run.createdAt;
  return {
    id: Number(run.id),
    runNumber: run.runNumber,
    runAttempt: run.runAttempt,
    workflow: run.workflowName,
    workflowPath: run.workflowPath,
    title: run.title,
    event: run.event,
    branch: run.branch,
    headSha: run.headSha,
    status: runStatus(run.status),
    conclusion: runConclusion(run.conclusion),
    actor: person(run.actorLogin, run.actorAvatarUrl),
    environment: run.environment,
    createdAt: run.createdAt.toISOString(),
    updatedAt: run.updatedAt.toISOString(),
    durationSeconds: run.status === "completed" ? Math.max(0, Math.round((run.updatedAt.getTime() - started.getTime()) / 1000)) : null,
    url: run.url,
  };
}
