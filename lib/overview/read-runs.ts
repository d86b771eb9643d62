import "server-only";
import { findApplication } from "@/lib/config";
import { db } from "@/lib/db";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { readPendingApprovals } from "./read-environment";
import { readUpstream, RUN_SELECT, runConclusion, runStatus, toRunSummary } from "./read-common";
import type { RunDetail, RunFilters, RunJob, RunsPage } from "./types";

const MAX_PER_PAGE = 100;

function runWhere(application: string, filters: RunFilters): Prisma.WorkflowRunWhereInput {
  const where: Prisma.WorkflowRunWhereInput = { application };
  if (filters.workflow) where.OR = [{ workflowPath: filters.workflow }, { workflowName: filters.workflow }];
  if (filters.branch) where.branch = filters.branch;
  if (filters.event) where.event = filters.event;
  if (filters.actor) where.actorLogin = filters.actor;
  // Like GitHub's `status` filter: a status (queued, in_progress…) or a conclusion (success, failure…).
  if (filters.status) where.AND = [{ OR: [{ status: filters.status }, { conclusion: filters.status }] }];
  return where;
}

export async function readWorkflowRuns(options: { application: string; filters: RunFilters; page: number; perPage: number }, prisma: PrismaClient = db()): Promise<RunsPage | null> {
  const app = findApplication(options.application);
  if (!app) return null;
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(options.perPage) || 25));
  const page = Math.max(1, Math.floor(options.page) || 1);
  const where = runWhere(app.slug, options.filters);
  const [runs, total, workflows, upstream] = await Promise.all([
    prisma.workflowRun.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * perPage, take: perPage, select: RUN_SELECT }),
    prisma.workflowRun.count({ where }),
    prisma.workflowRun.findMany({ where: { application: app.slug }, distinct: ["workflowPath"], select: { workflowName: true, workflowPath: true }, orderBy: { workflowPath: "asc" } }),
    readUpstream(prisma),
  ]);
  return { runs: runs.map(toRunSummary), total, page, perPage, workflows: workflows.map((row) => ({ name: row.workflowName, path: row.workflowPath })), upstream };
}

interface StoredStep {
  number: number;
  name: string;
  status: string;
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
}

export async function readWorkflowRun(options: { application: string; runId: number }, prisma: PrismaClient = db()): Promise<RunDetail | null> {
  const app = findApplication(options.application);
  if (!app || !Number.isSafeInteger(options.runId) || options.runId <= 0) return null;
  // Scoped by application in the query: a run of another repository is "not found", not "forbidden".
  const run = await prisma.workflowRun.findFirst({ where: { id: BigInt(options.runId), application: app.slug }, select: RUN_SELECT });
  if (!run) return null;
  const [jobs, reviews, pending] = await Promise.all([
    prisma.workflowJob.findMany({ where: { runId: run.id, runAttempt: run.runAttempt }, orderBy: [{ startedAt: "asc" }, { id: "asc" }] }),
    prisma.deploymentReview.findMany({ where: { runId: run.id, application: app.slug }, orderBy: { at: "asc" } }),
    readPendingApprovals(prisma, { application: app.slug, runId: run.id }),
  ]);
  return {
    ...toRunSummary(run),
    jobs: jobs.map((job): RunJob => ({
      id: Number(job.id),
      name: job.name,
      status: runStatus(job.status),
      conclusion: runConclusion(job.conclusion),
      startedAt: job.startedAt?.toISOString() ?? null,
      completedAt: job.completedAt?.toISOString() ?? null,
      steps: (job.steps as unknown as StoredStep[]).map((step) => ({
        number: step.number,
        name: step.name,
        status: runStatus(step.status),
        conclusion: runConclusion(step.conclusion),
        startedAt: step.started_at,
        completedAt: step.completed_at,
      })),
      url: job.url,
    })),
    approvals: reviews.map((review) => ({ person: { login: review.reviewerLogin, avatarUrl: review.reviewerAvatarUrl }, state: review.state === "rejected" ? ("rejected" as const) : ("approved" as const), comment: review.comment, at: review.at.toISOString() })),
    pending: pending[0] ?? null,
  };
}
