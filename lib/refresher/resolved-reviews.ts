import "server-only";
import { recordGithubReview, reviewKeyPrefix } from "@/lib/approvals/record-github-review";
import { recordExternalEvent } from "@/lib/audit/record";
import type { ApplicationConfig } from "@/lib/config";
import { conditionalGet } from "@/lib/github/conditional";
import type { GithubActor } from "@/lib/github/ingest-mapping";
import type { GithubAccess } from "@/lib/github/service-client";
import type { RefresherContext } from "./context";

// A pending approval that went away while its deployment_review webhook did not arrive (a lost or
// failing delivery): the run moved on — a workflow_run webhook or this refresher saw it — but no review
// explains why. For such approvals resolved in the last few minutes, the refresher reads the run's
// reviews from GitHub (a conditional GET: 304s while nothing changes) and records the one that decided
// it — the same row and audit event the webhook would have written, once.

const LOOK_BACK_MS = 10 * 60_000;

interface GithubApproval {
  environments: { name?: string }[];
  state: string;
  user: GithubActor;
  comment: string | null;
}

/** Returns how many reviews were recorded that no webhook had delivered. */
export async function recordMissedReviews(ctx: RefresherContext, access: GithubAccess, app: ApplicationConfig): Promise<number> {
  const { prisma } = ctx;
  const resolved = await prisma.pendingApproval.findMany({
    where: { application: app.slug, resolvedAt: { gte: new Date(ctx.now().getTime() - LOOK_BACK_MS) } },
    select: { runId: true, environment: true, githubEnvironment: true },
  });
  if (resolved.length === 0) return 0;
  const runIds = resolved.map((row) => row.runId);
  const [runs, reviews] = await Promise.all([
    prisma.workflowRun.findMany({ where: { id: { in: runIds }, application: app.slug }, select: { id: true, runAttempt: true, headSha: true } }),
    prisma.deploymentReview.findMany({ where: { runId: { in: runIds } }, select: { runId: true, environment: true, key: true } }),
  ]);
  const [owner, repo] = app.repo.split("/") as [string, string];
  let recorded = 0;
  for (const approval of resolved) {
    const run = runs.find((candidate) => candidate.id === approval.runId);
    if (!run) continue;
    const prefix = reviewKeyPrefix({ runId: Number(run.id), runAttempt: run.runAttempt, environment: approval.environment });
    const known = reviews.filter((review) => review.runId === approval.runId && review.environment === approval.environment);
    if (known.some((review) => review.key.startsWith(prefix))) continue;
    const { data } = await conditionalGet<GithubApproval[]>(prisma, access.octokit, "GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals", { owner, repo, run_id: Number(run.id) });
    // GitHub lists every review of every attempt, newest first and without times: the newest one for
    // this environment decided it, if GitHub has more than we stored (a cancelled run has none).
    const forEnvironment = data.filter(
      (review) => (review.state === "approved" || review.state === "rejected") && review.environments.some((env) => env.name?.toLowerCase() === approval.githubEnvironment.toLowerCase()),
    );
    const newest = forEnvironment[0];
    if (!newest || forEnvironment.length <= known.length) continue;
    const isNew = await recordGithubReview(prisma, (input) => recordExternalEvent(input, { db: prisma }), {
      application: app.slug,
      environment: approval.environment,
      githubEnvironment: approval.githubEnvironment,
      runId: Number(run.id),
      runAttempt: run.runAttempt,
      headSha: run.headSha,
      reviewer: newest.user,
      state: newest.state as "approved" | "rejected",
      comment: newest.comment || null,
      at: ctx.now(),
      seenBy: "refresher",
    });
    if (isNew) {
      recorded += 1;
      await ctx.publish({ type: "approval.changed", application: app.slug, environment: approval.environment, data: { runId: Number(run.id) } });
    }
  }
  return recorded;
}
