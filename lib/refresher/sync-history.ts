import "server-only";
import type { ApplicationConfig } from "@/lib/config";
import { conditionalGet } from "@/lib/github/conditional";
import { recordGithubReview } from "@/lib/approvals/record-github-review";
import { upsertDeployment, upsertRun, type DeploymentPayload, type RunPayload } from "@/lib/github/ingest";
import { githubEnvironmentName } from "@/lib/github/ingest-mapping";
import type { GithubAccess } from "@/lib/github/service-client";
import { log } from "@/lib/log";
import { leadTimePairs, pairKey } from "@/lib/metrics/dora";
import { historyHorizon, loadReleases } from "@/lib/metrics/load";
import { finalStatus, recordDeploymentOutcome, type StatusPayload } from "@/lib/metrics/outcomes";
import type { RefresherContext } from "./context";

// The history the metrics and the environment timeline need, which the regular GitHub pass (the newest 50
// runs and deployments) does not keep: once per application, the runs and deployments of the last
// HISTORY_DAYS; then, for every deployment, how it ended (its statuses); for every succeeded deploy, the
// commits it brought (one compare from the previous deploy's SHA); for every run that deployed to a
// protected environment, its approvals. All of these are immutable once complete, so each is fetched
// once; the work is bounded per pass and resumes at the next one.

const PAGE = 100;
const MAX_PAGES = 10; // GitHub lists at most 1,000 runs for a filtered query anyway
const STATUSES_PER_PASS = 100;
const RANGES_PER_PASS = 60;
const APPROVALS_PER_PASS = 50;
/** A deployment with no final status a day after it was created never got one (cancelled, abandoned). */
const UNFINISHED_AFTER_MS = 24 * 60 * 60_000;

export interface HistorySyncResult {
  /** Work is left (backfill not finished, a limit reached, a deployment still running, no token): come back soon. */
  pending: boolean;
}

export async function syncHistory(ctx: RefresherContext): Promise<HistorySyncResult> {
  let access: GithubAccess | null = null;
  try {
    access = await ctx.github();
  } catch (error) {
    log.warn("refresher.history_token_failed", { error });
  }
  if (!access) return { pending: true };
  let pending = false;
  for (const app of ctx.config.applications) {
    try {
      const result = await syncApplication(ctx, access, app);
      if (result.changed) await ctx.publish({ type: "github.changed", application: app.slug });
      pending ||= result.pending;
    } catch (error) {
      // GitHub's outage is reported by the regular pass (upstream banner); here it only means "later".
      log.warn("refresher.history_failed", { application: app.slug, status: (error as { status?: unknown }).status ?? null });
      pending = true;
    }
  }
  return { pending };
}

function repoParams(app: ApplicationConfig) {
  const [owner, repo] = app.repo.split("/") as [string, string];
  return { owner, repo };
}

async function isMarked(ctx: RefresherContext, key: string): Promise<boolean> {
  return (await ctx.prisma.historySyncMark.count({ where: { key } })) > 0;
}

async function mark(ctx: RefresherContext, keys: string[]): Promise<void> {
  if (keys.length > 0) await ctx.prisma.historySyncMark.createMany({ data: keys.map((key) => ({ key, doneAt: ctx.now() })), skipDuplicates: true });
}

async function syncApplication(ctx: RefresherContext, access: GithubAccess, app: ApplicationConfig): Promise<{ changed: boolean; pending: boolean }> {
  const horizon = historyHorizon(ctx.now());
  let changed = false;
  let pending = false;
  const step = (result: { changed: boolean; pending: boolean }) => {
    changed ||= result.changed;
    pending ||= result.pending;
  };
  step(await backfillRuns(ctx, access, app, horizon));
  step(await backfillDeployments(ctx, access, app, horizon));
  step(await fetchOutcomes(ctx, access, app, horizon));
  step(await fetchApprovals(ctx, access, app, horizon));
  step(await fetchCommitRanges(ctx, access, app, horizon));
  return { changed, pending };
}

async function backfillRuns(ctx: RefresherContext, access: GithubAccess, app: ApplicationConfig, horizon: Date) {
  const key = `runs:${app.slug}`;
  if (await isMarked(ctx, key)) return { changed: false, pending: false };
  let stored = 0;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await access.octokit.request("GET /repos/{owner}/{repo}/actions/runs", { ...repoParams(app), per_page: PAGE, page, created: `>=${horizon.toISOString().slice(0, 10)}` });
    const runs = data.workflow_runs as RunPayload[];
    for (const run of runs) await upsertRun(ctx.prisma, app, run);
    stored += runs.length;
    if (runs.length < PAGE) break;
  }
  await mark(ctx, [key]);
  return { changed: stored > 0, pending: false };
}

async function backfillDeployments(ctx: RefresherContext, access: GithubAccess, app: ApplicationConfig, horizon: Date) {
  const key = `deployments:${app.slug}`;
  if (await isMarked(ctx, key)) return { changed: false, pending: false };
  let stored = 0;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await access.octokit.request("GET /repos/{owner}/{repo}/deployments", { ...repoParams(app), per_page: PAGE, page });
    const deployments = data as DeploymentPayload[];
    // Oldest first, so a run deployed twice ends up with its latest environment (as the regular pass does).
    for (const deployment of [...deployments].reverse()) await upsertDeployment(ctx.prisma, app, deployment);
    stored += deployments.length;
    const oldest = deployments.at(-1);
    if (deployments.length < PAGE || (oldest && new Date(oldest.created_at) < horizon)) break;
  }
  await mark(ctx, [key]);
  return { changed: stored > 0, pending: false };
}

/** Deployments of the last HISTORY_DAYS whose final status is not stored yet, newest first. */
async function fetchOutcomes(ctx: RefresherContext, access: GithubAccess, app: ApplicationConfig, horizon: Date) {
  const [deployments, known] = await Promise.all([
    ctx.prisma.githubDeployment.findMany({ where: { application: app.slug, createdAt: { gte: horizon } }, orderBy: { createdAt: "desc" }, select: { id: true, createdAt: true } }),
    ctx.prisma.deploymentOutcome.findMany({ where: { application: app.slug }, select: { deploymentId: true } }),
  ]);
  const done = new Set(known.map((row) => row.deploymentId));
  const open = deployments.filter((row) => !done.has(row.id));
  let changed = false;
  let waiting = false;
  for (const deployment of open.slice(0, STATUSES_PER_PASS)) {
    // Conditional: a deployment still rolling out costs a free 304 per pass until its status changes.
    const { data } = await conditionalGet<StatusPayload[]>(ctx.prisma, access.octokit, "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses", {
      ...repoParams(app),
      deployment_id: Number(deployment.id),
      per_page: PAGE,
    });
    const final = finalStatus(data);
    if (final) {
      await recordDeploymentOutcome(ctx.prisma, { application: app.slug, deploymentId: deployment.id, state: final.state, at: final.at });
      changed = true;
    } else if (ctx.now().getTime() - deployment.createdAt.getTime() > UNFINISHED_AFTER_MS) {
      await recordDeploymentOutcome(ctx.prisma, { application: app.slug, deploymentId: deployment.id, state: "unknown", at: deployment.createdAt });
    } else {
      waiting = true;
    }
  }
  return { changed, pending: waiting || open.length > STATUSES_PER_PASS };
}

interface ApprovalPayload {
  state: string;
  comment?: string | null;
  user?: { login: string; avatar_url?: string | null } | null;
  environments?: { name?: string | null }[];
}

/**
 * Reviews of completed runs that deployed to a protected environment (the deployment_review webhook only
 * reports those made while Flightdeck was listening). GitHub's approvals list has no time: the review is
 * dated when the environment's deployment was created (the job starts right after it), else when the run ended.
 */
async function fetchApprovals(ctx: RefresherContext, access: GithubAccess, app: ApplicationConfig, horizon: Date) {
  const protectedEnvironments = app.environments.filter((env) => env.protected).map((env) => env.name);
  if (protectedEnvironments.length === 0) return { changed: false, pending: false };
  const runs = await ctx.prisma.workflowRun.findMany({
    where: { application: app.slug, environment: { in: protectedEnvironments }, status: "completed", createdAt: { gte: horizon } },
    orderBy: { createdAt: "desc" },
    select: { id: true, headSha: true, runAttempt: true, updatedAt: true },
  });
  const marks = new Set((await ctx.prisma.historySyncMark.findMany({ where: { key: { in: runs.map((run) => `approvals:${run.id}`) } }, select: { key: true } })).map((row) => row.key));
  const todo = runs.filter((run) => !marks.has(`approvals:${run.id}`));
  let changed = false;
  for (const run of todo.slice(0, APPROVALS_PER_PASS)) {
    const { data } = await access.octokit.request("GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals", { ...repoParams(app), run_id: Number(run.id) });
    const deployments = await ctx.prisma.githubDeployment.findMany({ where: { runId: run.id }, orderBy: { createdAt: "asc" }, select: { environment: true, createdAt: true } });
    for (const approval of data as ApprovalPayload[]) {
      if (!approval.user?.login || (approval.state !== "approved" && approval.state !== "rejected")) continue;
      for (const named of approval.environments ?? []) {
        const environment = named.name ? githubEnvironmentName(app, named.name) : null;
        if (!environment) continue;
        const at = deployments.find((deployment) => deployment.environment === environment)?.createdAt ?? run.updatedAt;
        // History that predates Flightdeck is stored for the metrics, not audited again as news: the
        // webhook and the refresher's pending-approval check audit the reviews that happen from now on.
        const review = { runId: Number(run.id), runAttempt: run.runAttempt, headSha: run.headSha, application: app.slug, environment, githubEnvironment: named.name ?? environment, reviewer: approval.user, state: approval.state as "approved" | "rejected", comment: approval.comment || null, at, seenBy: "refresher" as const };
        if (await recordGithubReview(ctx.prisma, async () => {}, review)) changed = true;
      }
    }
    await mark(ctx, [`approvals:${run.id}`]);
  }
  return { changed, pending: todo.length > APPROVALS_PER_PASS };
}

interface CommitPayload {
  sha: string;
  author?: { login: string } | null;
  commit: { message: string; author?: { date?: string | null } | null; committer?: { date?: string | null } | null };
}

function commitFacts(commits: readonly CommitPayload[]) {
  return commits.map((commit) => ({
    sha: commit.sha,
    authoredAt: commit.commit.author?.date ?? commit.commit.committer?.date ?? new Date(0).toISOString(),
    message: commit.commit.message.split("\n")[0] ?? "",
    author: commit.author?.login ?? null,
  }));
}

/** The commits each succeeded deploy brought: compare previous deploy...this one (the first known: its head commit alone). */
async function fetchCommitRanges(ctx: RefresherContext, access: GithubAccess, app: ApplicationConfig, horizon: Date) {
  const releases = await loadReleases(ctx.prisma, { applications: [app.slug], since: horizon });
  const pairs = leadTimePairs(releases);
  if (pairs.length === 0) return { changed: false, pending: false };
  const stored = await ctx.prisma.deployCommitRange.findMany({ where: { application: app.slug, head: { in: [...new Set(pairs.map((pair) => pair.head))] } }, select: { base: true, head: true } });
  const have = new Set(stored.map((row) => pairKey(app.slug, row.base, row.head)));
  const missing = [...new Map(pairs.filter((pair) => !have.has(pairKey(app.slug, pair.base, pair.head))).map((pair) => [pairKey(app.slug, pair.base, pair.head), pair])).values()];
  for (const pair of missing.slice(0, RANGES_PER_PASS)) {
    let commits: ReturnType<typeof commitFacts> = [];
    let total = -1;
    try {
      if (pair.base === "") {
        const { data } = await access.octokit.request("GET /repos/{owner}/{repo}/commits/{ref}", { ...repoParams(app), ref: pair.head });
        commits = commitFacts([data as CommitPayload]);
        total = 1;
      } else {
        const { data } = await access.octokit.request("GET /repos/{owner}/{repo}/compare/{basehead}", { ...repoParams(app), basehead: `${pair.base}...${pair.head}`, per_page: 250 });
        commits = commitFacts(data.commits as CommitPayload[]);
        total = data.total_commits;
      }
    } catch (error) {
      // A SHA GitHub does not know (force-pushed away, another repository's image): remember, do not ask again.
      const status = (error as { status?: unknown }).status;
      if (status !== 404 && status !== 422) throw error;
    }
    await ctx.prisma.deployCommitRange.createMany({ data: [{ application: app.slug, base: pair.base, head: pair.head, commits, total, fetchedAt: ctx.now() }], skipDuplicates: true });
  }
  return { changed: missing.length > 0, pending: missing.length > RANGES_PER_PASS };
}
