import "server-only";
import { createServiceOctokit } from "./service-client";

// GitHub's side of a custom deployment protection rule: the deployment_protection_rule webhook names
// a callback URL, and the App answers there with approved or rejected (and a comment GitHub shows on
// the run). See https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-deployments/creating-custom-deployment-protection-rules

export interface ProtectionCallback {
  owner: string;
  repo: string;
  runId: number;
}

/**
 * The run a callback URL points at, accepted only under the configured API URL and for the expected
 * repository: the App's token is never sent to a host or repository a payload merely names.
 */
export function parseProtectionCallback(url: unknown, apiUrl: string, expectedRepo: string): ProtectionCallback | null {
  if (typeof url !== "string" || !url.startsWith(`${apiUrl.replace(/\/+$/, "")}/repos/`)) return null;
  const match = /\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/deployment_protection_rule$/.exec(new URL(url).pathname);
  if (!match) return null;
  const [, owner, repo, runId] = match;
  if (`${owner}/${repo}`.toLowerCase() !== expectedRepo.toLowerCase()) return null;
  const id = Number(runId);
  return Number.isSafeInteger(id) && id > 0 ? { owner: owner!, repo: repo!, runId: id } : null;
}

/** Answers the rule on GitHub with the App's installation token; throws Octokit's error on refusal. */
export async function answerProtectionRule(options: {
  apiUrl: string;
  token: string;
  callback: ProtectionCallback;
  environmentName: string;
  state: "approved" | "rejected";
  comment: string;
}): Promise<void> {
  const octokit = createServiceOctokit(options.token, { baseUrl: options.apiUrl });
  await octokit.request("POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule", {
    owner: options.callback.owner,
    repo: options.callback.repo,
    run_id: options.callback.runId,
    environment_name: options.environmentName,
    state: options.state,
    comment: options.comment,
  });
}
