// The metrics' history against a real Postgres and the in-process sandbox: the refresher's history task
// fills what the regular pass leaves out (older runs and deployments, final statuses, commit ranges,
// approvals) once, and the Postgres reads turn it into the demo's incidents and an environment timeline.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { recordEvent, recordExternalEvent } from "@/lib/audit/record";
import { control, octokit, signIn, startSandbox } from "@/sandbox/testing/sandbox-fixture";
import type { Sandbox } from "@/sandbox/server";
import { useTestDatabase as testDatabase } from "@/lib/testing/database";
import { pollEcs } from "@/lib/refresher/poll-ecs";
import { pollGithub } from "@/lib/refresher/poll-github";
import { syncHistory } from "@/lib/refresher/sync-history";
import { demoConfig, testRefresherContext } from "@/lib/refresher/test-context";
import { applyGithubEvent } from "@/lib/webhooks/apply-github-event";
import { leadTimePairs } from "./dora";
import { historyHorizon, loadCommitRanges, loadReleases, loadRuns } from "./load";
import { readEnvironmentTimeline } from "./read-timeline";
import { computeMetrics } from "./report";

const database = testDatabase("file");
let sandbox: Sandbox;
let token: string;
const NOW = new Date("2026-03-02T09:00:00Z"); // the sandbox fixture's clock

interface Counts { endpoints: { endpoint: string; count: number }[] }
const requests = async (endpoint: string) => (await control<Counts>(sandbox, "GET", "/requests")).endpoints.find((entry) => entry.endpoint === endpoint)?.count ?? 0;
const context = () => {
  const ctx = testRefresherContext({ prisma: database().prisma, config: demoConfig(sandbox.url), baseUrl: sandbox.url, token });
  return { ...ctx, now: () => NOW };
};

async function report(application: string, days: 7 | 30 | 90 = 30) {
  const prisma = database().prisma;
  const releases = await loadReleases(prisma, { applications: [application], environment: "production", since: historyHorizon(NOW) });
  const ranges = await loadCommitRanges(prisma, leadTimePairs(releases));
  const runs = await loadRuns(prisma, { applications: [application], since: new Date(NOW.getTime() - 2 * days * 86_400_000) });
  return computeMetrics({ releases, ranges, runs, now: NOW, days });
}

beforeAll(async () => {
  sandbox = await startSandbox();
  token = await signIn(sandbox, "ada");
  const ctx = context();
  await pollGithub(ctx);
  await pollEcs(ctx);
  // Bounded per pass: a few passes finish the backfill.
  for (let pass = 0; pass < 5 && (await syncHistory(ctx)).pending; pass++);
}, 240_000);
afterAll(async () => {
  await sandbox.close();
});

describe("the history task", () => {
  test("stores every run and the final outcome of every deployment the sandbox has", { timeout: 60_000 }, async () => {
    const gh = octokit(sandbox, token);
    const prisma = database().prisma;
    const runs = await gh.paginate(gh.rest.actions.listWorkflowRunsForRepo, { owner: "skyward", repo: "dreamcatchr", per_page: 100 });
    expect(runs.length).toBeGreaterThan(50); // more than the regular pass's first page
    expect(await prisma.workflowRun.count({ where: { application: "dreamcatchr" } })).toBe(runs.length);

    const deployments = await gh.paginate(gh.rest.repos.listDeployments, { owner: "skyward", repo: "dreamcatchr", environment: "production", per_page: 100 });
    const outcomes = await prisma.deploymentOutcome.findMany({ where: { deploymentId: { in: deployments.map((deployment) => BigInt(deployment.id)) } } });
    expect(outcomes).toHaveLength(deployments.length);
    for (const deployment of deployments) {
      const statuses = (await gh.rest.repos.listDeploymentStatuses({ owner: "skyward", repo: "dreamcatchr", deployment_id: deployment.id })).data;
      const final = statuses.find((status) => ["success", "failure", "error"].includes(status.state));
      expect(outcomes.find((outcome) => outcome.deploymentId === BigInt(deployment.id))).toMatchObject({ state: final!.state, finishedAt: new Date(final!.created_at) });
    }
  });

  test("asks GitHub for nothing more once the history is complete", { timeout: 60_000 }, async () => {
    const before = { compare: await requests("GET /api/v3/repos/{owner}/{repo}/compare/{basehead}"), runs: await requests("GET /api/v3/repos/{owner}/{repo}/actions/runs"), approvals: await requests("GET /api/v3/repos/{owner}/{repo}/actions/runs/{run_id}/approvals") };
    expect(before.compare).toBeGreaterThan(0);
    expect(await syncHistory(context())).toEqual({ pending: false });
    expect(await requests("GET /api/v3/repos/{owner}/{repo}/compare/{basehead}")).toBe(before.compare);
    expect(await requests("GET /api/v3/repos/{owner}/{repo}/actions/runs")).toBe(before.runs);
    expect(await requests("GET /api/v3/repos/{owner}/{repo}/actions/runs/{run_id}/approvals")).toBe(before.approvals);
  });

  test("a deployment_status webhook records the outcome at once", async () => {
    const prisma = database().prisma;
    const payload = {
      repository: { full_name: "skyward/wumbo" },
      deployment: { id: 987654, sha: "f".repeat(40), ref: "main", environment: "production", created_at: "2026-03-02T08:00:00Z", updated_at: "2026-03-02T08:05:00Z" },
      deployment_status: { state: "failure", created_at: "2026-03-02T08:05:00Z" },
    };
    await applyGithubEvent({ prisma, config: demoConfig(sandbox.url), event: "deployment_status", action: "created", payload, audit: (input) => recordExternalEvent(input, { db: prisma }), appToken: async () => null });
    expect(await prisma.deploymentOutcome.findUnique({ where: { deploymentId: 987654n } })).toMatchObject({ state: "failure", finishedAt: new Date("2026-03-02T08:05:00Z") });
    await prisma.githubDeployment.delete({ where: { id: 987654n } });
    await prisma.deploymentOutcome.delete({ where: { deploymentId: 987654n } });
  });
});

describe("the demo's production incidents", () => {
  test("Wumbo: a release rolled back on ECS is a failed change, restored by the rollback", async () => {
    const result = await report("wumbo");
    expect(result.deploymentFrequency.current.rollbacks).toBe(1);
    expect(result.changeFailureRate.current.byReason.rolled_back).toBe(1);
    expect(result.timeToRestore.current.restored).toBe(1);
    expect(result.timeToRestore.current.medianMs).toBeGreaterThan(0);
    expect(result.timeToRestore.current.medianMs).toBeLessThan(75 * 60_000);
  });

  test("DreamCatchr: a failed rollout five weeks ago, restored by the same commit two hours later", async () => {
    const result = await report("dreamcatchr", 90);
    expect(result.changeFailureRate.current.byReason.failed_rollout).toBeGreaterThanOrEqual(1);
    expect(result.deploymentFrequency.current.failedRollouts).toBeGreaterThanOrEqual(1);
    const restores = result.timeToRestore.series.filter((incident) => !incident.open).map((incident) => incident.hours);
    expect(restores.some((hours) => hours > 1.5 && hours < 2.5)).toBe(true);
  });

  test("Beacon: a release followed by a hotfix from a hotfix/ branch", async () => {
    const releases = await loadReleases(database().prisma, { applications: ["beacon"], environment: "production", since: historyHorizon(NOW) });
    expect(releases.some((release) => release.ref === "hotfix/api-timeouts" && release.outcome === "succeeded")).toBe(true);
    const result = await report("beacon");
    expect(result.changeFailureRate.current.byReason.hotfix + result.changeFailureRate.previous.byReason.hotfix).toBe(1);
  });

  test("every succeeded production deploy has its commits, so lead time is complete", async () => {
    for (const application of ["wumbo", "dreamcatchr", "beacon"]) {
      const result = await report(application);
      expect(result.leadTime.current.pendingDeploys).toBe(0);
      expect(result.leadTime.current.commits).toBeGreaterThan(result.deploymentFrequency.current.deploys);
      expect(result.leadTime.current.p90Ms!).toBeGreaterThanOrEqual(result.leadTime.current.medianMs!);
    }
  });
});

describe("the environment timeline", () => {
  test("deploys, the rollback and approvals of Wumbo production, then a lock as it happens, newest first", async () => {
    const prisma = database().prisma;
    const before = await readEnvironmentTimeline({ application: "wumbo", environment: "production", now: NOW }, prisma);
    const kinds = new Set(before.map((entry) => entry.kind));
    expect(kinds).toEqual(new Set(["deploy", "rollback", "approval"]));
    expect([...before].sort((a, b) => b.at.localeCompare(a.at))).toEqual(before);
    await recordEvent({ actor: { type: "user", id: null, login: "oscar" }, action: "env.locked", outcome: "succeeded", application: "wumbo", environment: "production", targetType: "environment", target: "wumbo/production", payload: { before: null, after: { lockedBy: "oscar", reason: "incident 7" } } }, { db: prisma });
    const after = await readEnvironmentTimeline({ application: "wumbo", environment: "production", now: NOW }, prisma);
    expect(after[0]).toMatchObject({ kind: "lock", actor: "oscar", detail: "incident 7" });
    // Another environment's lock is not this one's.
    const staging = await readEnvironmentTimeline({ application: "wumbo", environment: "staging", now: NOW }, prisma);
    expect(staging.some((entry) => entry.kind === "lock")).toBe(false);
  });
});
