import "server-only";
import { z } from "zod";
import { hasPermission, violatesFourEyes } from "@/lib/authz/policy";
import type { CurrentUser } from "@/lib/auth/current-user";
import { defineCommand } from "@/lib/commands/define-command";
import { findEnvironment } from "@/lib/config";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { createOctokit } from "@/lib/github/client";
import { gitHubFailure } from "@/lib/github/errors";
import { userGitHubToken } from "@/lib/github/user-token";

const reviewInput = z.object({
  application: z.string().min(1),
  environment: z.string().min(1),
  runId: z.coerce.number().int().positive(),
  /** The SHA the reviewer saw: an approval is bound to it. */
  headSha: z.string().regex(/^[0-9a-f]{40}$/, "expected the run's full commit SHA"),
  comment: z.string().trim().max(1000).default(""),
});
type ReviewInput = z.infer<typeof reviewInput>;

function locate(input: ReviewInput) {
  const found = findEnvironment(input.application, input.environment);
  if (!found) throw new NotFoundError(`There is no environment ${input.application}/${input.environment}.`);
  if (!found.env.protected) throw new ConflictError(`${input.environment} is not a protected environment; its deploys need no approval.`);
  const [owner = "", repo = ""] = found.app.repo.split("/");
  return { ...found, owner, repo, githubEnvironment: found.env.githubEnvironment ?? found.env.name };
}

/** Everyone who started this release: GitHub's actor and triggering actor, and whoever dispatched it through Flightdeck. */
async function initiatorsOf(options: { owner: string; repo: string; runId: number; token: string }): Promise<{ logins: string[]; run: RunFacts }> {
  const octokit = createOctokit(options.token);
  const { data } = await octokit.rest.actions
    .getWorkflowRun({ owner: options.owner, repo: options.repo, run_id: options.runId })
    .catch((error: unknown) => {
      throw gitHubFailure(error, `run ${options.runId}`);
    });
  const dispatched = await db().auditEvent.findFirst({
    where: { action: "deploy.dispatched", outcome: "succeeded", target: String(options.runId) },
    select: { actorLogin: true },
  });
  const logins = [data.actor?.login, data.triggering_actor?.login, dispatched?.actorLogin].filter((login): login is string => Boolean(login));
  return { logins, run: { status: data.status ?? "unknown", headSha: data.head_sha, runNumber: data.run_number } };
}

interface RunFacts {
  status: string;
  headSha: string;
  runNumber: number;
}

async function authorizeReview(actor: CurrentUser, input: ReviewInput) {
  const where = locate(input);
  const permission = "release.review" as const;
  const scope = { application: input.application, environment: input.environment, targetType: "run", target: String(input.runId) };
  // Someone who may not review at all is refused (and audited) by the runner without asking GitHub anything.
  if (!hasPermission(actor, permission)) return { permission, scope };
  const { logins, run } = await initiatorsOf({ owner: where.owner, repo: where.repo, runId: input.runId, token: await userGitHubToken(actor.id) });
  const selfReview = violatesFourEyes({ reviewer: actor.login, initiators: logins, preventSelfReview: where.env.preventSelfReview });
  return { permission, scope, refusal: selfReview ? `You started this release (run #${run.runNumber}); another release manager must review it.` : null };
}

/** Checks that the run still waits for this environment on the SHA the reviewer saw; returns GitHub's environment id. */
async function pendingEnvironmentId(input: ReviewInput, token: string): Promise<{ environmentId: number; required: number; runAttempt: number; where: ReturnType<typeof locate> }> {
  const where = locate(input);
  const octokit = createOctokit(token);
  const { data: run } = await octokit.rest.actions.getWorkflowRun({ owner: where.owner, repo: where.repo, run_id: input.runId }).catch((error: unknown) => {
    throw gitHubFailure(error, `run ${input.runId}`);
  });
  if (run.head_sha !== input.headSha) {
    throw new ConflictError(`This run now builds ${run.head_sha.slice(0, 7)}, not ${input.headSha.slice(0, 7)} as you reviewed. Look at it again.`);
  }
  if (run.status !== "waiting") throw new ConflictError(`Run #${run.run_number} is no longer waiting for approval (it is ${run.status}).`);
  const { data: pending } = await octokit.rest.actions.getPendingDeploymentsForRun({ owner: where.owner, repo: where.repo, run_id: input.runId }).catch((error: unknown) => {
    throw gitHubFailure(error, `the pending deployments of run ${input.runId}`);
  });
  const entry = pending.find((item) => item.environment.name === where.githubEnvironment);
  if (!entry?.environment.id) throw new ConflictError(`Run #${run.run_number} is not waiting for ${input.environment}.`);
  return { environmentId: entry.environment.id, required: where.env.requiredApprovals, runAttempt: run.run_attempt ?? 1, where };
}

async function reviewOnGitHub(options: { token: string; owner: string; repo: string; runId: number; environmentId: number; state: "approved" | "rejected"; comment: string }) {
  await createOctokit(options.token)
    .rest.actions.reviewPendingDeploymentsForRun({
      owner: options.owner,
      repo: options.repo,
      run_id: options.runId,
      environment_ids: [options.environmentId],
      state: options.state,
      comment: options.comment,
    })
    .catch((error: unknown) => {
      throw gitHubFailure(error, `your review of run ${options.runId}`);
    });
}

/**
 * Approves a release waiting on a protected environment, with the reviewer's own GitHub token so
 * GitHub records the real person. Four-eyes is enforced here, not only hidden in the UI. With
 * requiredApprovals = N, Flightdeck collects N distinct approvals (bound to the run's SHA and attempt,
 * so a re-run or another SHA starts from zero) and only the N-th approves on GitHub.
 */
export const approveRelease = defineCommand({
  name: "release.approve",
  input: reviewInput,
  audit: { action: "release.approve", successAction: "release.approved" },
  authorize: ({ actor, input }) => authorizeReview(actor, input),
  async effect({ actor, input }) {
    const token = await userGitHubToken(actor.id);
    const { environmentId, required, runAttempt, where } = await pendingEnvironmentId(input, token);
    const key = { runId: BigInt(input.runId), runAttempt, headSha: input.headSha };
    await db().releaseApproval.upsert({
      where: { runId_runAttempt_headSha_login: { ...key, login: actor.login } },
      create: { ...key, application: input.application, environment: input.environment, login: actor.login, comment: input.comment || null },
      update: {},
    });
    const approvers = (await db().releaseApproval.findMany({ where: key, orderBy: { createdAt: "asc" }, select: { login: true } })).map((row) => row.login);
    const approvedOnGitHub = approvers.length >= required;
    if (approvedOnGitHub) {
      const comment = [input.comment, required > 1 ? `Approved in Flightdeck by ${approvers.join(", ")}.` : ""].filter(Boolean).join("\n\n");
      await reviewOnGitHub({ token, owner: where.owner, repo: where.repo, runId: input.runId, environmentId, state: "approved", comment: comment || "Approved in Flightdeck." });
    }
    const result = { approvals: approvers.length, required, approvedOnGitHub };
    return { result, payload: { runId: input.runId, runAttempt, headSha: input.headSha, approvers, comment: input.comment || null, ...result } };
  },
});

/** Rejects a release waiting on a protected environment; GitHub ends the run without deploying. A reason is required. */
export const rejectRelease = defineCommand({
  name: "release.reject",
  input: reviewInput.extend({ comment: z.string().trim().min(3, "Say why the release is rejected.").max(1000) }),
  audit: { action: "release.reject", successAction: "release.rejected" },
  authorize: ({ actor, input }) => authorizeReview(actor, input),
  async effect({ actor, input }) {
    const token = await userGitHubToken(actor.id);
    const { environmentId, where } = await pendingEnvironmentId(input, token);
    await reviewOnGitHub({ token, owner: where.owner, repo: where.repo, runId: input.runId, environmentId, state: "rejected", comment: input.comment });
    return { result: { rejected: true }, payload: { runId: input.runId, headSha: input.headSha, comment: input.comment } };
  },
});
