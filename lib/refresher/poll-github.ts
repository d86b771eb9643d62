import "server-only";
import { DEPLOY_TAG_PREFIX } from "@/lib/deploy/deploy-tag";
import type { ApplicationConfig } from "@/lib/config";
import { conditionalGet } from "@/lib/github/conditional";
import { upsertDeployment, upsertJob, upsertPendingApprovals, upsertRun, type DeploymentPayload, type JobPayload, type PendingPayload, type RunPayload } from "@/lib/github/ingest";
import type { GithubAccess } from "@/lib/github/service-client";
import { log } from "@/lib/log";
import type { RefresherContext } from "./context";
import { backfillHistoryCauses } from "./backfill-causes";
import { refreshCompares } from "./poll-compare";
import { refreshReleaseCompares } from "./release-compares";
import { recordMissedReviews } from "./resolved-reviews";
import { describeGithubFailure, markUpstreamFailing, markUpstreamOk } from "./upstream";

// One GitHub pass per application: the latest runs (and the jobs of runs that changed), pending
// deployments of waiting runs, deployments, tags and the "not yet here" compares. Every list is a
// conditional request, so an idle repository costs 304s, which GitHub does not count against the limit.
// Webhooks deliver the same changes sooner; this pass repairs whatever a missed delivery left behind.

const RUNS_PER_PAGE = 50;

export async function pollGithub(ctx: RefresherContext): Promise<{ ok: boolean; noToken?: boolean }> {
  const now = ctx.now();
  let access: GithubAccess | null = null;
  try {
    access = await ctx.github();
  } catch (error) {
    log.warn("refresher.github_token_failed", { error });
  }
  if (!access) {
    if (await markUpstreamFailing(ctx.prisma, "GitHub", "no token", now)) await ctx.publish({ type: "upstream.changed", data: { system: "GitHub" } });
    return { ok: false, noToken: true };
  }
  try {
    for (const app of ctx.config.applications) {
      if (await syncApplication(ctx, access, app)) await ctx.publish({ type: "github.changed", application: app.slug });
    }
  } catch (error) {
    log.warn("refresher.github_failed", { status: (error as { status?: unknown }).status, identity: access.identity });
    if (await markUpstreamFailing(ctx.prisma, "GitHub", describeGithubFailure(error), ctx.now())) {
      await ctx.publish({ type: "upstream.changed", data: { system: "GitHub" } });
    }
    return { ok: false };
  }
  if (await markUpstreamOk(ctx.prisma, "GitHub", ctx.now())) await ctx.publish({ type: "upstream.changed", data: { system: "GitHub" } });
  return { ok: true };
}

function repoParams(app: ApplicationConfig) {
  const [owner, repo] = app.repo.split("/") as [string, string];
  return { owner, repo };
}

/** Returns true when anything a page shows changed. */
async function syncApplication(ctx: RefresherContext, access: GithubAccess, app: ApplicationConfig): Promise<boolean> {
  const { prisma } = ctx;
  const { octokit } = access;
  const repo = repoParams(app);
  let changed = false;

  const deployments = await conditionalGet<DeploymentPayload[]>(prisma, octokit, "GET /repos/{owner}/{repo}/deployments", { ...repo, per_page: 50 });
  if (!deployments.notModified) {
    // Oldest first, so a run deployed twice ends up with its latest environment.
    for (const deployment of [...deployments.data].reverse()) await upsertDeployment(prisma, app, deployment);
    changed = true;
  }

  const runs = await conditionalGet<{ workflow_runs: RunPayload[] }>(prisma, octokit, "GET /repos/{owner}/{repo}/actions/runs", { ...repo, per_page: RUNS_PER_PAGE });
  if (!runs.notModified) {
    for (const run of runs.data.workflow_runs) {
      const { before, stale } = await upsertRun(prisma, app, run);
      // A webhook told us more recently than this list page was read: nothing here to act on.
      if (stale) continue;
      const updatedAt = run.updated_at ? new Date(run.updated_at).getTime() : 0;
      if (before === null || before.getTime() !== updatedAt || run.status !== "completed") {
        await syncJobs(ctx, access, app, run);
        changed = true;
      }
      if (run.status === "waiting") await syncPending(ctx, access, app, run);
    }
  }
  // Approvals inbox: a review whose webhook never arrived is read from its run (lib/refresher/resolved-reviews.ts).
  if ((await recordMissedReviews(ctx, access, app)) > 0) changed = true;

  if (changed && (await backfillHistoryCauses(prisma, app.slug)) > 0) changed = true;

  const tags = await conditionalGet<{ name: string; commit: { sha: string } }[]>(prisma, octokit, "GET /repos/{owner}/{repo}/tags", { ...repo, per_page: 100 });
  if (!tags.notModified) {
    await prisma.$transaction([
      prisma.repoTag.deleteMany({ where: { repo: app.repo } }),
      prisma.repoTag.createMany({ data: tags.data.filter((tag) => !tag.name.startsWith(DEPLOY_TAG_PREFIX)).map((tag) => ({ repo: app.repo, name: tag.name, sha: tag.commit.sha })), skipDuplicates: true }),
    ]);
    changed = true;
  }

  if (await refreshCompares(ctx, access, app)) changed = true;
  // Approvals inbox: what each waiting release would ship (lib/refresher/release-compares.ts).
  if (await refreshReleaseCompares(ctx, access, app)) changed = true;
  return changed;
}

async function syncJobs(ctx: RefresherContext, access: GithubAccess, app: ApplicationConfig, run: RunPayload): Promise<void> {
  const jobs = await conditionalGet<{ jobs: JobPayload[] }>(ctx.prisma, access.octokit, "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs", {
    ...repoParams(app),
    run_id: run.id,
    filter: "latest",
    per_page: 100,
  });
  if (!jobs.notModified) for (const job of jobs.data.jobs) await upsertJob(ctx.prisma, job);
}

async function syncPending(ctx: RefresherContext, access: GithubAccess, app: ApplicationConfig, run: RunPayload): Promise<void> {
  try {
    const pending = await conditionalGet<PendingPayload[]>(ctx.prisma, access.octokit, "GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments", {
      ...repoParams(app),
      run_id: run.id,
    });
    await upsertPendingApprovals(ctx.prisma, app, run, pending.data);
  } catch (error) {
    // Some tokens (a GitHub App's) may not read pending deployments; the deployment_review webhook
    // still reports them, so this is not an outage.
    const status = (error as { status?: unknown }).status;
    if (status === 403 || status === 404) {
      log.warn("refresher.pending_deployments_refused", { runId: run.id, status });
      return;
    }
    throw error;
  }
}
