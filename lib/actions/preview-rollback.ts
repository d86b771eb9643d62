"use server";

import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/current-user";
import { hasPermission } from "@/lib/authz/policy";
import { getConfig } from "@/lib/config";
import { ecsClient } from "@/lib/ecs/client";
import { createOctokit } from "@/lib/github/client";
import { userGitHubToken } from "@/lib/github/user-token";
import { log } from "@/lib/log";
import type { CommitSummary } from "@/lib/overview/types";
import { compareCommits, type CompareCommit } from "@/lib/refresher/compare-mapping";
import { ecsFailure, locate } from "@/lib/releases/roll-back";
import { diffTaskDefinitions, planRollback, type TaskDefinitionDiff } from "@/lib/releases/rollback-plan";
import { ExpectedError } from "@/lib/errors";

export interface RollbackPreview {
  services: { service: string; fromRevision: number; toRevision: number; fromSha: string | null; toSha: string | null; diff: TaskDefinitionDiff }[];
  /** Commits that run now and will not after the rollback; null when GitHub could not be asked. */
  reverted: { commits: CommitSummary[]; total: number } | null;
  compareUrl: string | null;
}

const input = z.object({
  application: z.string().min(1),
  environment: z.string().min(1),
  service: z.string().min(1).optional(),
  sha: z.string().trim().toLowerCase().regex(/^[0-9a-f]{7,40}$/),
});

/**
 * What a rollback to `sha` would change, for the dialog: per service the revisions and the
 * task-definition difference (image, variable names, CPU/memory) read from ECS, and the commits
 * being reverted from GitHub's compare (with the person's own token; optional — a rollback needs
 * only ECS). Read-only: nothing is recorded.
 */
export async function previewRollbackAction(given: z.input<typeof input>): Promise<{ ok: true; preview: RollbackPreview } | { ok: false; message: string }> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, message: "Your session has ended. Sign in again." };
  if (!hasPermission(user, "service.rollback")) return { ok: false, message: "On-call engineers and release managers roll back." };
  const parsed = input.safeParse(given);
  if (!parsed.success) return { ok: false, message: "Choose the release to roll back to." };
  const { application, environment, service, sha } = parsed.data;
  try {
    const where = locate(application, environment, service);
    const plan = await planRollback(ecsClient(where.env.ecs.region), where.env.ecs.cluster, where.services, sha).catch((error: unknown) => {
      throw ecsFailure(error);
    });
    const services = plan.map((step) => ({
      service: step.service,
      fromRevision: step.current.revision,
      toRevision: step.target.revision,
      fromSha: step.current.sha,
      toSha: step.target.sha,
      diff: diffTaskDefinitions(step.current, step.target),
    }));
    const head = plan.find((step) => step.current.sha)?.current.sha ?? null;
    const repoUrl = `${getConfig().github.webUrl}/${where.app.repo}`;
    const compareUrl = head ? `${repoUrl}/compare/${sha}...${head}` : null;
    return { ok: true, preview: { services, reverted: head ? await revertedCommits(user.id, where.app.repo, sha, head, repoUrl) : null, compareUrl } };
  } catch (error) {
    if (error instanceof ExpectedError) {
      const fields = (error as { fieldErrors?: Record<string, string[]> }).fieldErrors;
      return { ok: false, message: fields ? Object.values(fields).flat().join(" ") : error.message };
    }
    log.error("rollback.preview_failed", { error });
    return { ok: false, message: "The preview failed; the rollback itself may still work." };
  }
}

async function revertedCommits(userId: string, repo: string, base: string, head: string, repoUrl: string): Promise<RollbackPreview["reverted"]> {
  try {
    const [owner = "", name = ""] = repo.split("/");
    const { data } = await createOctokit(await userGitHubToken(userId)).request("GET /repos/{owner}/{repo}/compare/{basehead}", { owner, repo: name, basehead: `${base}...${head}` });
    const answer = data as { ahead_by: number; commits: CompareCommit[] };
    return { commits: compareCommits(answer.commits, repoUrl), total: answer.ahead_by };
  } catch (error) {
    log.warn("rollback.preview_compare_failed", { error });
    return null;
  }
}
