import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { pairKey, type CommitFact, type CommitPair, type RunRow } from "./dora";
import { buildReleases, type DeploymentRow, type HistoryRow, type Release } from "./releases";

// Postgres reads behind the metrics and the timeline: stored deployments, ECS history, commit ranges and
// runs. Nothing here calls GitHub or ECS; the refresher's history task (lib/refresher/sync-history.ts)
// keeps these tables filled.

/** How far back releases are read: the longest period (90 days), its previous period, and a margin. */
export const HISTORY_DAYS = 210;
const DAY_MS = 24 * 60 * 60_000;

export function historyHorizon(now: Date): Date {
  return new Date(now.getTime() - HISTORY_DAYS * DAY_MS);
}

/** Releases of the given applications (optionally one environment), oldest first. */
export async function loadReleases(prisma: PrismaClient, options: { applications: readonly string[]; environment?: string; since: Date }): Promise<Release[]> {
  const scope = { application: { in: [...options.applications] }, ...(options.environment ? { environment: options.environment } : {}) };
  const [history, deployments] = await Promise.all([
    prisma.deploymentHistory.findMany({
      where: { ...scope, startedAt: { gte: options.since } },
      select: { id: true, application: true, environment: true, service: true, fromSha: true, toSha: true, cause: true, runId: true, actorLogin: true, startedAt: true, finishedAt: true, outcome: true },
    }),
    prisma.githubDeployment.findMany({
      where: { ...scope, environment: options.environment ?? { not: null }, createdAt: { gte: options.since } },
      select: { id: true, application: true, environment: true, sha: true, ref: true, runId: true, creatorLogin: true, createdAt: true, updatedAt: true, state: true },
    }),
  ]);
  const runIds = [...new Set(deployments.map((row) => row.runId).filter((id): id is bigint => id !== null))];
  const [outcomes, runs] = await Promise.all([
    deployments.length ? prisma.deploymentOutcome.findMany({ where: { deploymentId: { in: deployments.map((row) => row.id) } }, select: { deploymentId: true, state: true, finishedAt: true } }) : [],
    runIds.length ? prisma.workflowRun.findMany({ where: { id: { in: runIds } }, select: { id: true, actorLogin: true } }) : [],
  ]);
  const outcomeOf = new Map(outcomes.map((row) => [row.deploymentId, row]));
  // Deployments are created by the workflow's bot; the person is whoever triggered the run.
  const actorOf = new Map(runs.map((run) => [run.id, run.actorLogin]));

  const historyRows: HistoryRow[] = history.map((row) => ({ ...row, runId: row.runId === null ? null : Number(row.runId) }));
  const deploymentRows: DeploymentRow[] = deployments.map((row) => {
    const outcome = outcomeOf.get(row.id);
    return {
      id: row.id.toString(),
      application: row.application,
      environment: row.environment!,
      sha: row.sha,
      ref: row.ref,
      runId: row.runId === null ? null : Number(row.runId),
      creatorLogin: (row.runId !== null ? actorOf.get(row.runId) : null) ?? row.creatorLogin,
      createdAt: row.createdAt,
      finalState: outcome?.state ?? null,
      // A webhook's success/failure (recorded as the outcome too) is timed by the deployment's last update.
      finishedAt: outcome?.finishedAt ?? (row.state === "success" || row.state === "failure" || row.state === "error" ? row.updatedAt : null),
      latestState: row.state,
    };
  });

  const keys = new Set([...historyRows, ...deploymentRows].map((row) => `${row.application}\u0000${row.environment}`));
  const releases: Release[] = [];
  for (const key of keys) {
    const [application, environment] = key.split("\u0000") as [string, string];
    const match = (row: { application: string; environment: string }) => row.application === application && row.environment === environment;
    releases.push(...buildReleases(historyRows.filter(match), deploymentRows.filter(match)));
  }
  return releases;
}

interface StoredCommit {
  sha: string;
  authoredAt: string;
  message: string;
}

/** The stored commit ranges for these pairs, by pairKey; pairs not fetched yet are absent. */
export async function loadCommitRanges(prisma: PrismaClient, pairs: readonly CommitPair[]): Promise<Map<string, CommitFact[]>> {
  const out = new Map<string, CommitFact[]>();
  if (pairs.length === 0) return out;
  const heads = [...new Set(pairs.map((pair) => pair.head))];
  const applications = [...new Set(pairs.map((pair) => pair.release.application))];
  const rows = await prisma.deployCommitRange.findMany({ where: { application: { in: applications }, head: { in: heads } }, select: { application: true, base: true, head: true, commits: true } });
  for (const row of rows) {
    const commits = (row.commits as unknown as StoredCommit[]).map((commit) => ({ sha: commit.sha, authoredAt: new Date(commit.authoredAt), message: commit.message }));
    out.set(pairKey(row.application, row.base, row.head), commits);
  }
  return out;
}

/** Workflow runs of these applications created since `since` (build success rate). */
export async function loadRuns(prisma: PrismaClient, options: { applications: readonly string[]; since: Date }): Promise<RunRow[]> {
  return prisma.workflowRun.findMany({
    where: { application: { in: [...options.applications] }, createdAt: { gte: options.since } },
    select: { application: true, workflowName: true, workflowPath: true, conclusion: true, status: true, createdAt: true },
  });
}
