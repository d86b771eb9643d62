import "server-only";
import { z } from "zod";
import { defineCommand } from "@/lib/commands/define-command";
import { findApplication } from "@/lib/config";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { createOctokit } from "@/lib/github/client";
import { gitHubFailure } from "@/lib/github/errors";
import { userGitHubToken } from "@/lib/github/user-token";

const runInput = z.object({ application: z.string().min(1), runId: z.coerce.number().int().positive() });

function repoOf(application: string) {
  const app = findApplication(application);
  if (!app) throw new NotFoundError(`There is no application ${application}.`);
  const [owner = "", repo = ""] = app.repo.split("/");
  return { owner, repo };
}

const scopeOf = (input: { application: string; runId: number }) => ({ application: input.application, targetType: "run", target: String(input.runId) });

/** Cancels a queued or running workflow run (GitHub attributes it to the person's token). */
export const cancelRun = defineCommand({
  name: "run.cancel",
  input: runInput,
  audit: { action: "run.cancel", successAction: "run.cancelled" },
  authorize: ({ input }) => {
    repoOf(input.application);
    return { permission: "run.cancel", scope: scopeOf(input) };
  },
  async effect({ actor, input }) {
    const { owner, repo } = repoOf(input.application);
    await createOctokit(await userGitHubToken(actor.id))
      .rest.actions.cancelWorkflowRun({ owner, repo, run_id: input.runId })
      .catch((error: unknown) => {
        if ((error as { status?: number }).status === 409) throw new ConflictError(`Run ${input.runId} has already finished; there is nothing to cancel.`);
        throw gitHubFailure(error, `cancelling run ${input.runId}`);
      });
    return { result: { cancelled: true } };
  },
});

/** Re-runs a finished workflow run, all jobs or only the failed ones, as a new attempt of the same run. */
export const rerunRun = defineCommand({
  name: "run.rerun",
  input: runInput.extend({ failedOnly: z.union([z.boolean(), z.enum(["true", "false", "on"])]).default(false).transform((value) => value === true || value === "true" || value === "on") }),
  audit: { action: "run.rerun_requested", successAction: "run.rerun" },
  authorize: ({ input }) => {
    repoOf(input.application);
    return { permission: "run.rerun", scope: scopeOf(input) };
  },
  async effect({ actor, input }) {
    const { owner, repo } = repoOf(input.application);
    const octokit = createOctokit(await userGitHubToken(actor.id));
    const call = input.failedOnly
      ? octokit.rest.actions.reRunWorkflowFailedJobs({ owner, repo, run_id: input.runId })
      : octokit.rest.actions.reRunWorkflow({ owner, repo, run_id: input.runId });
    await call.catch((error: unknown) => {
      if ((error as { status?: number }).status === 403 || (error as { status?: number }).status === 409) {
        throw new ConflictError(`Run ${input.runId} cannot be re-run now (it may still be running).`);
      }
      throw gitHubFailure(error, `re-running run ${input.runId}`);
    });
    return { result: { rerun: true, failedOnly: input.failedOnly } };
  },
});
