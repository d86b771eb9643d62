import "server-only";
import type { recordExternalEvent } from "@/lib/audit/record";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { GithubActor } from "@/lib/github/ingest-mapping";

// A review of a pending deployment as GitHub reports it — by the deployment_review webhook, or by the
// refresher reading a run's approvals after its pending approval went away (a missed delivery). Both
// paths store it under the same natural key, so whichever sees it first records it and audits it once.

export type ExternalAudit = (input: Parameters<typeof recordExternalEvent>[0]) => Promise<unknown>;

export interface GithubReview {
  application: string;
  /** Our environment name and GitHub's (they may differ). */
  environment: string;
  githubEnvironment: string;
  runId: number;
  runAttempt: number;
  headSha: string;
  reviewer: GithubActor;
  state: "approved" | "rejected";
  comment: string | null;
  at: Date;
  /** Who told us: the webhook, or the refresher catching up. Recorded in the audit payload. */
  seenBy: "webhook" | "refresher";
}

/**
 * A reviewer decides on one environment of one run attempt once (approving clears the environment,
 * rejecting ends the run), so (run, attempt, environment, reviewer, state) identifies a review.
 */
export function reviewKey(review: Pick<GithubReview, "runId" | "runAttempt" | "environment" | "reviewer" | "state">): string {
  return `${reviewKeyPrefix(review)}${review.reviewer.login.toLowerCase()}|${review.state}`;
}

/** The start of every review key of one environment of one run attempt. */
export function reviewKeyPrefix(review: Pick<GithubReview, "runId" | "runAttempt" | "environment">): string {
  return `${review.runId}|${review.runAttempt}|${review.environment}|`;
}

/** Stores the review, closes the pending approval, and audits it (actor github) — only the first time it is seen. */
export async function recordGithubReview(prisma: PrismaClient, audit: ExternalAudit, review: GithubReview): Promise<boolean> {
  const runId = BigInt(review.runId);
  const inserted = await prisma.deploymentReview.createMany({
    data: [
      {
        key: reviewKey(review),
        runId,
        application: review.application,
        environment: review.environment,
        reviewerLogin: review.reviewer.login,
        reviewerAvatarUrl: review.reviewer.avatar_url ?? null,
        state: review.state,
        comment: review.comment,
        at: review.at,
      },
    ],
    skipDuplicates: true,
  });
  await prisma.pendingApproval.updateMany({ where: { runId, environment: review.environment, resolvedAt: null }, data: { resolvedAt: review.at } });
  if (inserted.count === 0) return false;
  // Reviews given in GitHub's UI (or through Flightdeck, which reviews on GitHub) as GitHub saw them.
  await audit({
    source: "github",
    githubLogin: review.reviewer.login,
    action: review.state === "approved" ? "release.approved" : "release.rejected",
    outcome: "succeeded",
    application: review.application,
    environment: review.environment,
    targetType: "run",
    target: String(review.runId),
    payload: { runId: review.runId, runAttempt: review.runAttempt, headSha: review.headSha, comment: review.comment, githubEnvironment: review.githubEnvironment, seenBy: review.seenBy },
  });
  return true;
}
