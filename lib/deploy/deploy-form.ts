import "server-only";
import { findEnvironment } from "@/lib/config";
import { createOctokit } from "@/lib/github/client";
import { userGitHubToken } from "@/lib/github/user-token";
import { dispatchInputsOf, type DispatchInput } from "./workflow-inputs";

export interface DeployForm {
  workflow: string;
  defaultRef: string;
  /** Inputs the person fills in (the `environment` input is fixed to this environment and left out). */
  inputs: DispatchInput[];
  dispatchable: boolean;
}

// Workflow files change rarely and every deploy dialog needs one: a short per-process cache keeps
// opening dialogs from costing a GitHub call each (the dispatch itself re-reads the file).
const TTL_MS = 60_000;
const cache = new Map<string, { at: number; inputs: DispatchInput[] | null }>();

/** What the Deploy dialog shows for an environment; null when GitHub cannot be asked right now. */
export async function getDeployForm(options: { application: string; environment: string; userId: string }): Promise<DeployForm | null> {
  const found = findEnvironment(options.application, options.environment);
  if (!found) return null;
  const { app, env } = found;
  const key = `${app.repo}:${env.workflow}`;
  let entry = cache.get(key);
  if (!entry || Date.now() - entry.at > TTL_MS) {
    try {
      const [owner = "", repo = ""] = app.repo.split("/");
      const octokit = createOctokit(await userGitHubToken(options.userId));
      const { data } = await octokit.rest.repos.getContent({ owner, repo, path: `.github/workflows/${env.workflow}` });
      const text = !Array.isArray(data) && data.type === "file" && "content" in data ? Buffer.from(data.content, "base64").toString("utf8") : "";
      entry = { at: Date.now(), inputs: dispatchInputsOf(text) };
      cache.set(key, entry);
    } catch {
      return null;
    }
  }
  return {
    workflow: env.workflow,
    defaultRef: env.ref,
    inputs: (entry.inputs ?? []).filter((input) => input.name !== "environment"),
    dispatchable: entry.inputs !== null,
  };
}
