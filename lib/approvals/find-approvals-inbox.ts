import "server-only";
import { hasPermission, violatesFourEyes, type Actor } from "@/lib/authz/policy";
import { findEnvironmentLock, type EnvironmentLockView } from "@/lib/commands/locks";
import { getConfig, type ApplicationConfig, type EnvironmentConfig } from "@/lib/config";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { person, readUpstream, runConclusion, runStatus } from "@/lib/overview/read-common";
import type { CommitSummary } from "@/lib/overview/types";
import { environmentSha } from "@/lib/refresher/compare-mapping";
import { reviewKeyPrefix } from "./record-github-review";
import type { ApprovalsInbox, DecidedRelease, PendingRelease, ReleaseShips, ReviewBlock } from "./types";
import { checksVerdict, latestChecks } from "./verdict";

// Every run waiting on a protected environment, with what it would ship, its checks, who started it,
// how long it has waited and the approvals so far — read from Postgres only (the refresher and the
// webhooks keep it), so the inbox costs GitHub nothing however many people look.

const DECIDED_WITHIN_MS = 24 * 60 * 60 * 1000;
const DECIDED_LIMIT = 20;

interface Scope {
  application?: string;
  environment?: string;
}

interface Located {
  app: ApplicationConfig;
  env: EnvironmentConfig;
}

function locate(applications: readonly ApplicationConfig[], application: string, environment: string): Located | null {
  const app = applications.find((candidate) => candidate.slug === application);
  const env = app?.environments.find((candidate) => candidate.name === environment);
  return app && env ? { app, env } : null;
}

/** The inbox for `viewer` (whose roles decide which controls they get), across all applications or one application / environment. */
export async function findApprovalsInbox(options: Scope & { viewer: Actor; now?: Date }, prisma: PrismaClient = db()): Promise<ApprovalsInbox> {
  const now = options.now ?? new Date();
  const [pending, decided, upstream] = await Promise.all([findPendingReleases(options, prisma), findDecidedReleases({ ...options, now }, prisma), readUpstream(prisma, now)]);
  return { pending, decided, upstream };
}

/** The configured applications in scope, and the pending-approval filter for them. */
function scoped(options: Scope) {
  const config = getConfig();
  const applications = config.applications.filter((app) => !options.application || app.slug === options.application);
  const where = { application: { in: applications.map((app) => app.slug) }, ...(options.environment ? { environment: options.environment } : {}) };
  return { webUrl: config.github.webUrl, applications, where };
}

export async function findPendingReleases(options: Scope & { viewer: Actor }, prisma: PrismaClient = db()): Promise<PendingRelease[]> {
  const { webUrl, applications, where } = scoped(options);
  if (applications.length === 0) return [];
  const rows = (await prisma.pendingApproval.findMany({ where: { ...where, resolvedAt: null }, orderBy: [{ waitingSince: "asc" }, { runId: "asc" }] })).filter((row) =>
    locate(applications, row.application, row.environment),
  );
  if (rows.length === 0) return [];

  const runIds = rows.map((row) => row.runId);
  const shas = [...new Set(rows.map((row) => row.headSha))];
  const slugs = [...new Set(rows.map((row) => row.application))];
  const pairs = [...new Map(rows.map((row) => [`${row.application}/${row.environment}`, { application: row.application, environment: row.environment }])).values()];
  const [runs, reviews, collected, snapshots, dispatched, shaRuns, jobs, locks, envCompares] = await Promise.all([
    prisma.workflowRun.findMany({ where: { id: { in: runIds } }, select: { id: true, runNumber: true, runAttempt: true, workflowName: true, title: true, branch: true, actorLogin: true, application: true } }),
    prisma.deploymentReview.findMany({ where: { runId: { in: runIds } }, orderBy: { at: "asc" } }),
    prisma.releaseApproval.findMany({ where: { runId: { in: runIds } }, orderBy: { createdAt: "asc" } }),
    prisma.serviceSnapshot.findMany({ where: { application: { in: slugs } }, select: { application: true, environment: true, service: true, sha: true } }),
    // Whoever dispatched it through Flightdeck counts as its starter too (four-eyes), as in the command.
    prisma.auditEvent.findMany({ where: { action: "deploy.dispatched", outcome: "succeeded", target: { in: runIds.map(String) } }, select: { target: true, actorLogin: true } }),
    prisma.workflowRun.findMany({
      where: { application: { in: slugs }, headSha: { in: shas } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 500,
      select: { id: true, application: true, headSha: true, workflowName: true, workflowPath: true, event: true, environment: true, status: true, conclusion: true },
    }),
    prisma.workflowJob.findMany({ where: { runId: { in: runIds } }, orderBy: [{ startedAt: "asc" }, { id: "asc" }], select: { runId: true, runAttempt: true, name: true, status: true, conclusion: true } }),
    Promise.all(pairs.map(async (pair) => ({ ...pair, lock: await findEnvironmentLock(pair.application, pair.environment) }))),
    prisma.environmentCompare.findMany({ where: { OR: pairs } }),
  ]);

  const running = new Map<string, string | null>();
  for (const pair of pairs) {
    const where = locate(applications, pair.application, pair.environment)!;
    running.set(`${pair.application}/${pair.environment}`, environmentSha(where.env, snapshots.filter((row) => row.application === pair.application)));
  }
  const bases = rows.map((row) => ({ application: row.application, base: running.get(`${row.application}/${row.environment}`) ?? "", head: row.headSha })).filter((key) => key.base !== "");
  const [compares, tags, approvers] = await Promise.all([
    bases.length > 0 ? prisma.releaseCompare.findMany({ where: { OR: bases } }) : Promise.resolve([]),
    prisma.repoTag.findMany({ where: { repo: { in: applications.filter((app) => slugs.includes(app.slug)).map((app) => app.repo) }, sha: { in: [...running.values()].filter((sha): sha is string => Boolean(sha)) } }, select: { repo: true, name: true, sha: true } }),
    // Everyone who approved in Flightdeck has signed in: their avatar is on their user row.
    prisma.user.findMany({ where: { login: { in: [...new Set(collected.map((approval) => approval.login))] } }, select: { login: true, avatarUrl: true } }),
  ]);

  return rows.map((row): PendingRelease => {
    const { app, env } = locate(applications, row.application, row.environment)!;
    const run = runs.find((candidate) => candidate.id === row.runId);
    const runAttempt = run?.runAttempt ?? 1;
    const runSha = running.get(`${row.application}/${row.environment}`) ?? null;
    const approvals = collected
      .filter((approval) => approval.runId === row.runId && approval.runAttempt === runAttempt && approval.headSha === row.headSha && approval.environment === row.environment)
      .map((approval) => ({ person: { login: approval.login, avatarUrl: approvers.find((user) => user.login === approval.login)?.avatarUrl ?? null }, comment: approval.comment, at: approval.createdAt.toISOString() }));
    const checks = latestChecks(
      shaRuns
        .filter((candidate) => candidate.application === row.application && candidate.headSha === row.headSha)
        .map((candidate) => ({ runId: Number(candidate.id), workflow: candidate.workflowName, workflowPath: candidate.workflowPath, event: candidate.event, environment: candidate.environment, status: runStatus(candidate.status), conclusion: runConclusion(candidate.conclusion) })),
      { runId: Number(row.runId), environment: row.environment },
    );
    const ownJobs = jobs.filter((job) => job.runId === row.runId && job.runAttempt === runAttempt).map((job) => ({ name: job.name, status: runStatus(job.status), conclusion: runConclusion(job.conclusion) }));
    const initiators = [row.startedByLogin, run?.actorLogin, ...dispatched.filter((event) => event.target === String(row.runId)).map((event) => event.actorLogin)].filter((login): login is string => Boolean(login));
    const lock = locks.find((entry) => entry.application === row.application && entry.environment === row.environment)?.lock ?? null;
    return {
      application: row.application,
      applicationName: app.name,
      environment: row.environment,
      runId: Number(row.runId),
      runNumber: run?.runNumber ?? 0,
      runAttempt,
      workflow: run?.workflowName ?? env.workflow,
      title: run?.title ?? "",
      branch: run?.branch ?? null,
      headSha: row.headSha,
      repoUrl: `${webUrl}/${app.repo}`,
      startedBy: person(row.startedByLogin, row.startedByAvatarUrl),
      waitingSince: row.waitingSince.toISOString(),
      running: runSha ? { sha: runSha, tag: tags.find((tag) => tag.repo === app.repo && tag.sha === runSha)?.name ?? null } : null,
      ships: runSha ? shipsOf(runSha, row.headSha, compares.find((compare) => compare.application === row.application && compare.base === runSha && compare.head === row.headSha), envCompares.find((compare) => compare.application === row.application && compare.environment === row.environment)) : null,
      checks,
      jobs: ownJobs,
      verdict: checksVerdict(checks, ownJobs),
      approvals: { required: env.requiredApprovals, collected: approvals },
      reviews: reviews
        .filter((review) => review.runId === row.runId && review.environment === row.environment)
        .map((review) => ({ person: { login: review.reviewerLogin, avatarUrl: review.reviewerAvatarUrl }, state: review.state === "rejected" ? ("rejected" as const) : ("approved" as const), comment: review.comment, at: review.at.toISOString() })),
      viewer: viewerBlock({ viewer: options.viewer, env, initiators, approvers: approvals.map((approval) => approval.person.login), lock, runNumber: run?.runNumber ?? 0 }),
    };
  });
}

function shipsOf(
  base: string,
  head: string,
  compare: { status: string; aheadBy: number; behindBy: number; commits: unknown } | undefined,
  environmentCompare: { base: string; head: string; total: number; commits: unknown } | undefined,
): ReleaseShips | null {
  if (base === head) return { status: "identical", aheadBy: 0, behindBy: 0, commits: [] };
  if (compare) {
    const status = ["ahead", "behind", "identical", "diverged"].includes(compare.status) ? (compare.status as ReleaseShips["status"]) : "diverged";
    return { status, aheadBy: compare.aheadBy, behindBy: compare.behindBy, commits: compare.commits as CommitSummary[] };
  }
  // A promotion of what the previous environment runs: its "not yet here" compare is exactly this.
  if (environmentCompare && environmentCompare.base === base && environmentCompare.head === head) {
    return { status: environmentCompare.total > 0 ? "ahead" : "identical", aheadBy: environmentCompare.total, behindBy: 0, commits: environmentCompare.commits as CommitSummary[] };
  }
  return null;
}

/** What the viewer may do, mirroring the command's own checks (which stay the authority): role, four-eyes, lock, a repeated approval. */
function viewerBlock(options: { viewer: Actor; env: EnvironmentConfig; initiators: string[]; approvers: string[]; lock: EnvironmentLockView | null; runNumber: number }): ReviewBlock | null {
  const { viewer, env } = options;
  if (!hasPermission(viewer, "release.review")) return null;
  const both = (reason: string): ReviewBlock => ({ approve: reason, reject: reason });
  if (!env.protected) return both(`${env.name} is not a protected environment; its deploys need no approval.`);
  if (violatesFourEyes({ reviewer: viewer.login, initiators: options.initiators, preventSelfReview: env.preventSelfReview })) {
    return both(`You started this release (run #${options.runNumber}); another release manager must review it.`);
  }
  if (options.lock) return both(`${env.name} is locked by ${options.lock.lockedBy}: ${options.lock.reason}`);
  const approved = options.approvers.some((login) => login.toLowerCase() === viewer.login.toLowerCase());
  const missing = env.requiredApprovals - options.approvers.length;
  return {
    approve: approved ? `You have approved this release; it needs ${missing} more approval${missing === 1 ? "" : "s"} from other release managers.` : null,
    reject: null,
  };
}

/** Approvals that stopped waiting in the last day: approved or rejected (here or in GitHub), or withdrawn. */
export async function findDecidedReleases(options: Scope & { now: Date }, prisma: PrismaClient = db()): Promise<DecidedRelease[]> {
  const { webUrl, applications, where } = scoped(options);
  if (applications.length === 0) return [];
  const rows = (
    await prisma.pendingApproval.findMany({
      where: { ...where, resolvedAt: { gte: new Date(options.now.getTime() - DECIDED_WITHIN_MS) } },
      orderBy: [{ resolvedAt: "desc" }, { runId: "desc" }],
      take: DECIDED_LIMIT,
    })
  ).filter((row) => locate(applications, row.application, row.environment));
  if (rows.length === 0) return [];
  const runIds = rows.map((row) => row.runId);
  const [runs, reviews, ours] = await Promise.all([
    prisma.workflowRun.findMany({ where: { id: { in: runIds } }, select: { id: true, runNumber: true, runAttempt: true } }),
    prisma.deploymentReview.findMany({ where: { runId: { in: runIds } }, orderBy: { at: "desc" } }),
    // Reviews given through Flightdeck are the person's own successful commands.
    prisma.auditEvent.findMany({ where: { action: { in: ["release.approved", "release.rejected"] }, actorType: "user", outcome: "succeeded", target: { in: runIds.map(String) } }, select: { target: true, action: true, actorLogin: true } }),
  ]);
  return rows.map((row): DecidedRelease => {
    const { app } = locate(applications, row.application, row.environment)!;
    const run = runs.find((candidate) => candidate.id === row.runId);
    // The review that ended this wait is one of the run's current attempt (an earlier attempt's does not count).
    const prefix = reviewKeyPrefix({ runId: Number(row.runId), runAttempt: run?.runAttempt ?? 1, environment: row.environment });
    const review = reviews.find((candidate) => candidate.key.startsWith(prefix));
    const viaFlightdeck = review
      ? ours.some((event) => event.target === String(row.runId) && event.action === `release.${review.state}` && event.actorLogin?.toLowerCase() === review.reviewerLogin.toLowerCase())
      : false;
    return {
      application: row.application,
      applicationName: app.name,
      environment: row.environment,
      runId: Number(row.runId),
      runNumber: run?.runNumber ?? 0,
      headSha: row.headSha,
      repoUrl: `${webUrl}/${app.repo}`,
      startedBy: person(row.startedByLogin, row.startedByAvatarUrl),
      decidedAt: (row.resolvedAt ?? options.now).toISOString(),
      decision: review ? (review.state === "rejected" ? "rejected" : "approved") : "withdrawn",
      by: review ? { login: review.reviewerLogin, avatarUrl: review.reviewerAvatarUrl } : null,
      via: review ? (viaFlightdeck ? "flightdeck" : "github") : null,
      comment: review?.comment ?? null,
    };
  });
}
