import "server-only";
import { findEnvironment, getConfig } from "@/lib/config";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { iso, person, readUpstream, RUN_SELECT, toRunSummary } from "./read-common";
import { readEnvironmentStatuses } from "./read-status";
import type { CommitSummary, DeploymentHistoryEntry, EnvironmentPageData, PendingApproval } from "./types";

const HISTORY_LIMIT = 50;
const RECENT_RUNS = 20;
const OUTCOMES = new Set(["in_progress", "succeeded", "failed", "rolled_back"]);
const CAUSES = new Set(["workflow_run", "rollback", "external", "unknown"]);

export async function readEnvironmentPage(options: { application: string; environment: string }, prisma: PrismaClient = db()): Promise<EnvironmentPageData | null> {
  const found = findEnvironment(options.application, options.environment);
  if (!found) return null;
  const { app, env } = found;
  const scope = { application: app.slug, environment: env.name };
  const [statuses, history, compare, runs, pending, upstream] = await Promise.all([
    readEnvironmentStatuses(prisma, getConfig(), [app], { environment: env.name }),
    prisma.deploymentHistory.findMany({ where: scope, orderBy: [{ startedAt: "desc" }, { id: "desc" }], take: HISTORY_LIMIT }),
    prisma.environmentCompare.findUnique({ where: { application_environment: scope } }),
    prisma.workflowRun.findMany({ where: scope, orderBy: { createdAt: "desc" }, take: RECENT_RUNS, select: RUN_SELECT }),
    readPendingApprovals(prisma, scope),
    readUpstream(prisma),
  ]);
  const status = statuses.get(app.slug)?.[0];
  if (!status) return null;
  const runIds = [...new Set(history.map((row) => row.runId).filter((id): id is bigint => id !== null))];
  const historyRuns = runIds.length > 0 ? await prisma.workflowRun.findMany({ where: { id: { in: runIds }, application: app.slug }, select: { id: true, url: true, actorAvatarUrl: true } }) : [];
  return {
    status,
    history: history.map((row): DeploymentHistoryEntry => {
      const run = row.runId === null ? undefined : historyRuns.find((candidate) => candidate.id === row.runId);
      return {
        id: row.id,
        service: row.service,
        fromSha: row.fromSha,
        toSha: row.toSha,
        fromRevision: row.fromRevision,
        toRevision: row.toRevision,
        cause: CAUSES.has(row.cause) ? (row.cause as DeploymentHistoryEntry["cause"]) : "unknown",
        runId: row.runId === null ? null : Number(row.runId),
        runUrl: run?.url ?? null,
        person: person(row.actorLogin, run?.actorAvatarUrl),
        startedAt: row.startedAt.toISOString(),
        finishedAt: iso(row.finishedAt),
        outcome: OUTCOMES.has(row.outcome) ? (row.outcome as DeploymentHistoryEntry["outcome"]) : "in_progress",
      };
    }),
    notYetHere: compare ? { base: compare.base, head: compare.head, commits: compare.commits as unknown as CommitSummary[], total: compare.total } : null,
    recentRuns: runs.map(toRunSummary),
    pendingApprovals: pending,
    upstream,
  };
}

/** Open approvals of an environment (or of one run), with the reviews recorded so far. */
export async function readPendingApprovals(prisma: PrismaClient, where: { application: string; environment?: string; runId?: bigint }): Promise<PendingApproval[]> {
  const rows = await prisma.pendingApproval.findMany({ where: { ...where, resolvedAt: null }, orderBy: { waitingSince: "asc" } });
  if (rows.length === 0) return [];
  const runIds = rows.map((row) => row.runId);
  const [runs, reviews] = await Promise.all([
    prisma.workflowRun.findMany({ where: { id: { in: runIds }, application: where.application }, select: { id: true, url: true } }),
    prisma.deploymentReview.findMany({ where: { runId: { in: runIds }, application: where.application }, orderBy: { at: "asc" } }),
  ]);
  return rows.map((row) => ({
    application: row.application,
    environment: row.environment,
    runId: Number(row.runId),
    runUrl: runs.find((run) => run.id === row.runId)?.url ?? "",
    headSha: row.headSha,
    startedBy: person(row.startedByLogin, row.startedByAvatarUrl),
    waitingSince: row.waitingSince.toISOString(),
    reviews: reviews
      .filter((review) => review.runId === row.runId && review.environment === row.environment)
      .map((review) => ({ person: { login: review.reviewerLogin, avatarUrl: review.reviewerAvatarUrl }, state: review.state === "rejected" ? "rejected" : "approved", comment: review.comment, at: review.at.toISOString() })),
  }));
}
