import "server-only";
import { DEPLOY_TAG_PREFIX } from "./deploy-tag";
import { z } from "zod";
import { permissionFor } from "@/lib/authz/policy";
import { defineCommand } from "@/lib/commands/define-command";
import { findEnvironment } from "@/lib/config";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { createOctokit } from "@/lib/github/client";
import { gitHubFailure } from "@/lib/github/errors";
import { userGitHubToken } from "@/lib/github/user-token";
import { dispatchInputsOf, validateDispatchInputs } from "./workflow-inputs";

const input = z.object({
  application: z.string().min(1),
  environment: z.string().min(1),
  // A branch, tag or SHA; git's ref rules, loosely: no spaces, no "..", no leading "-".
  ref: z.string().trim().min(1, "Choose what to deploy.").max(250).regex(/^(?!-)(?!.*\.\.)[^\s~^:?*[\\]+$/, "Not a valid branch, tag or SHA."),
  inputs: z.record(z.string(), z.union([z.string(), z.boolean()])).default({}),
});

function locate(application: string, environment: string) {
  const found = findEnvironment(application, environment);
  if (!found) throw new NotFoundError(`There is no environment ${application}/${environment}.`);
  const [owner = "", repo = ""] = found.app.repo.split("/");
  return { ...found, owner, repo, githubEnvironment: found.env.githubEnvironment ?? found.env.name };
}

/**
 * Dispatches the environment's deploy workflow (`workflow_dispatch`) with the person's own token, so
 * GitHub records them as the run's actor (and its own prevent_self_review applies). Inputs are
 * validated against the workflow file; an `environment` input is always this environment.
 */
export const dispatchDeploy = defineCommand({
  name: "deploy.dispatch",
  input,
  audit: { action: "deploy.requested", successAction: "deploy.dispatched" },
  authorize: ({ input: given }) => {
    const where = locate(given.application, given.environment);
    return {
      permission: permissionFor("deploy", where.env),
      scope: { application: given.application, environment: given.environment, targetType: "workflow", target: where.env.workflow },
    };
  },
  async effect({ actor, input: given }) {
    const where = locate(given.application, given.environment);
    const octokit = createOctokit(await userGitHubToken(actor.id));
    const path = `.github/workflows/${where.env.workflow}`;
    const file = await octokit.rest.repos.getContent({ owner: where.owner, repo: where.repo, path }).catch((error: unknown) => {
      throw gitHubFailure(error, `the workflow file ${path}`);
    });
    const content = !Array.isArray(file.data) && file.data.type === "file" && "content" in file.data ? Buffer.from(file.data.content, "base64").toString("utf8") : null;
    const declared = content === null ? null : dispatchInputsOf(content);
    if (declared === null) throw new ConflictError(`${where.env.workflow} cannot be started by hand (it has no workflow_dispatch trigger).`);

    const values = { ...given.inputs };
    if (declared.some((spec) => spec.name === "environment")) {
      if (values.environment !== undefined && values.environment !== where.githubEnvironment) {
        throw new InvalidInputError({ "inputs.environment": [`This deploy targets ${where.githubEnvironment}.`] });
      }
      values.environment = where.githubEnvironment;
    }
    const checked = validateDispatchInputs(declared, values);
    if (!checked.ok) throw new InvalidInputError(checked.fieldErrors);

    const ref = await dispatchableRef(octokit, where.owner, where.repo, given.ref);
    const response = await octokit
      .request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", {
        owner: where.owner,
        repo: where.repo,
        workflow_id: where.env.workflow,
        ref,
        inputs: checked.values,
        return_run_details: true,
      })
      .catch((error: unknown) => {
        // 422 on dispatch means GitHub rejected the ref or an input; say so next to the field.
        if ((error as { status?: number }).status === 422) {
          throw new InvalidInputError({ ref: [`GitHub could not start ${where.env.workflow} on "${given.ref}": no such branch, tag or SHA, or an input was refused.`] });
        }
        throw gitHubFailure(error, `starting ${where.env.workflow} on ${given.ref}`);
      });
    // GitHub answers 200 with the run when it supports return_run_details, 204 without (older GHES).
    const details = (response.status === 200 ? response.data : null) as { workflow_run_id?: number; html_url?: string } | null;
    const runId = details?.workflow_run_id ?? null;
    return {
      result: { runId, runUrl: details?.html_url ?? null },
      target: runId === null ? undefined : String(runId),
      payload: { workflow: where.env.workflow, ref: given.ref, ...(ref !== given.ref ? { dispatchedOn: ref } : {}), inputs: checked.values, runId },
    };
  },
});


/**
 * workflow_dispatch runs on a branch or a tag, never on a bare SHA. To deploy exactly a commit (the
 * "promote what runs in the previous environment" default), Flightdeck points a tag named after the
 * full SHA at it — with the person's own token, so GitHub shows who — and dispatches on that tag. The
 * name pins the SHA, so an existing tag of that name is reused as it is. Branches and tags pass through.
 */
async function dispatchableRef(octokit: ReturnType<typeof createOctokit>, owner: string, repo: string, ref: string): Promise<string> {
  if (!/^[0-9a-f]{7,40}$/i.test(ref)) return ref;
  // A short SHA is expanded by GitHub (a branch named like hex would win, as it does in git).
  const sha =
    ref.length === 40
      ? ref.toLowerCase()
      : await octokit.rest.repos.getCommit({ owner, repo, ref }).then(
          (answer) => answer.data.sha,
          (error: unknown) => {
            if ((error as { status?: number }).status === 422 || (error as { status?: number }).status === 404) throw new InvalidInputError({ ref: [`${ref} is not a commit, branch or tag of ${owner}/${repo}.`] });
            throw gitHubFailure(error, `finding commit ${ref}`);
          },
        );
  if (sha !== ref.toLowerCase() && ref.length < 40 && !sha.startsWith(ref.toLowerCase())) return ref;
  const tag = `${DEPLOY_TAG_PREFIX}${sha}`;
  await octokit.rest.git.createRef({ owner, repo, ref: `refs/tags/${tag}`, sha }).catch((error: unknown) => {
    const { status, message } = error as { status?: number; message?: string };
    if (status === 422 && /already exists/i.test(message ?? "")) return;
    if (status === 422) throw new InvalidInputError({ ref: [`${sha.slice(0, 7)} is not a commit of ${owner}/${repo}.`] });
    throw gitHubFailure(error, `tagging ${sha.slice(0, 7)} to deploy it`);
  });
  return tag;
}
