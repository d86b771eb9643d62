// The read model end to end: the refresher fills Postgres from the in-process sandbox, then the page
// queries read it — and keep answering, with an upstream status, when GitHub fails.
import { afterAll, beforeAll, expect, test } from "vitest";
import { resetLiveHub } from "@/lib/live/hub";
import { publishLiveEvent } from "@/lib/live/publish";
import { pollEcs } from "@/lib/refresher/poll-ecs";
import { pollGithub } from "@/lib/refresher/poll-github";
import { pollHealth } from "@/lib/refresher/poll-health";
import { demoConfig, testRefresherContext } from "@/lib/refresher/test-context";
import { useTestDatabase as testDatabase } from "@/lib/testing/database";
import { control, signIn, startSandbox } from "@/sandbox/testing/sandbox-fixture";
import type { Sandbox } from "@/sandbox/server";
import { findWorkflowRuns, getEnvironmentPage, getOverview, getWorkflowRun } from "./queries";

const database = testDatabase("file");
let sandbox: Sandbox;
let token: string;
// Publishing for real: the pages read through the instance's page cache, which an event drops.
const context = () => ({ ...testRefresherContext({ prisma: database().prisma, config: demoConfig(sandbox.url), baseUrl: sandbox.url, token }), publish: publishLiveEvent });

beforeAll(async () => {
  sandbox = await startSandbox();
  process.env.DATABASE_URL = database().url;
  await resetLiveHub({ databaseUrl: database().url });
  // getConfig() reads flightdeck.config.yaml once, with ${SANDBOX_URL} from the environment.
  process.env.SANDBOX_URL = sandbox.url;
  token = await signIn(sandbox, "ada");
  const ctx = context();
  await pollEcs(ctx);
  await pollGithub(ctx);
  // The compare needs the snapshots' SHAs, which the first ECS pass wrote; a second GitHub pass is cheap (304s).
  await pollGithub(ctx);
  await pollHealth(ctx);
});
afterAll(async () => {
  await resetLiveHub({ databaseUrl: null });
  await sandbox.close();
});

test("the overview shows every application, environment and service with its release", async () => {
  const overview = await getOverview();
  expect(overview.applications.map((app) => app.slug)).toEqual(["wumbo", "dreamcatchr", "beacon"]);
  const wumbo = overview.applications[0]!;
  expect(wumbo.repoUrl).toBe(`${sandbox.url}/skyward/wumbo`);
  expect(wumbo.environments.map((env) => env.environment)).toEqual(["development", "staging", "production"]);
  const production = wumbo.environments[2]!;
  expect(production.protected).toBe(true);
  expect(production.pendingApprovals).toBe(1);
  expect(production.services.map((service) => service.service)).toEqual(["backend", "frontend", "worker"]);
  for (const service of production.services) {
    expect(service.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(service.commitUrl).toBe(`${sandbox.url}/skyward/wumbo/commit/${service.sha}`);
    expect(service.rollout.state).toBe("stable");
    expect(service.taskDefinition?.revision).toBeGreaterThan(0);
    expect(service.deployedAt).not.toBeNull();
  }
  expect(production.asOf).not.toBeNull();
  expect(production.health[0]).toMatchObject({ name: "backend", ok: true, status: 200 });
  // Production is behind staging in the demo.
  expect(production.behind?.environment).toBe("staging");
  expect(production.behind?.commits).toBeGreaterThan(0);
  expect(wumbo.environments[0]!.behind).toBeNull();
  // Seeded history names the runs that deployed what runs now.
  expect(overview.applications.flatMap((app) => app.environments.flatMap((env) => env.services)).some((service) => service.deployedBy.cause === "workflow_run" && service.deployedBy.runUrl)).toBe(true);
  expect(overview.upstream).toEqual([
    expect.objectContaining({ system: "GitHub", ok: true }),
    expect.objectContaining({ system: "ECS", ok: true }),
  ]);
});

test("the environment page has history, not-yet-here, runs and the pending approval", async () => {
  const page = await getEnvironmentPage({ application: "wumbo", environment: "production" });
  expect(page).not.toBeNull();
  expect(page!.history.length).toBeGreaterThanOrEqual(3);
  expect(page!.history[0]!.toRevision).toBeGreaterThan(0);
  expect(page!.notYetHere?.total).toBe(page!.status.behind?.commits);
  expect(page!.notYetHere?.commits.length).toBeGreaterThan(0);
  expect(page!.notYetHere?.commits[0]!.url).toContain("/commit/");
  expect(page!.recentRuns.every((run) => run.environment === "production")).toBe(true);
  expect(page!.pendingApprovals).toHaveLength(1);
  expect(page!.pendingApprovals[0]).toMatchObject({ application: "wumbo", environment: "production", startedBy: { login: "rita" } });
  expect(await getEnvironmentPage({ application: "wumbo", environment: "nope" })).toBeNull();
  expect(await getEnvironmentPage({ application: "nope", environment: "production" })).toBeNull();
});

test("runs can be filtered and paged; a run shows its jobs and steps", async () => {
  const all = await findWorkflowRuns({ application: "wumbo", filters: {}, page: 1, perPage: 10 });
  expect(all!.runs).toHaveLength(10);
  expect(all!.total).toBeGreaterThan(10);
  expect(all!.workflows.length).toBeGreaterThan(0);
  const failed = await findWorkflowRuns({ application: "wumbo", filters: { status: "failure" }, page: 1, perPage: 50 });
  expect(failed!.runs.every((run) => run.conclusion === "failure")).toBe(true);
  const waiting = await findWorkflowRuns({ application: "wumbo", filters: { status: "waiting" }, page: 1, perPage: 50 });
  expect(waiting!.runs).toHaveLength(1);

  const detail = await getWorkflowRun({ application: "wumbo", runId: waiting!.runs[0]!.id });
  expect(detail!.jobs.length).toBeGreaterThan(0);
  expect(detail!.jobs.some((job) => job.steps.length > 0)).toBe(true);
  expect(detail!.pending?.environment).toBe("production");
  // Scoped by application: another application's run id is simply not found.
  expect(await getWorkflowRun({ application: "beacon", runId: waiting!.runs[0]!.id })).toBeNull();
  expect(await findWorkflowRuns({ application: "nope", filters: {}, page: 1, perPage: 10 })).toBeNull();
});

test("viewers cost no GitHub or ECS requests: 50 concurrent overviews read only Postgres", async () => {
  await control(sandbox, "DELETE", "/requests");
  const pages = await Promise.all(Array.from({ length: 50 }, () => getOverview()));
  expect(pages.every((page) => page.applications.length === 3)).toBe(true);
  await Promise.all([getEnvironmentPage({ application: "wumbo", environment: "staging" }), findWorkflowRuns({ application: "beacon", filters: {}, page: 1, perPage: 20 })]);
  expect((await control<{ total: number }>(sandbox, "GET", "/requests")).total).toBe(0);
});

test("with GitHub failing, pages still render from what is stored and say what is unavailable", async () => {
  await control(sandbox, "POST", "/faults", { status: 503, count: 100 });
  try {
    await pollGithub(context());
  } finally {
    await control(sandbox, "DELETE", "/faults");
  }
  const overview = await getOverview();
  expect(overview.upstream[0]).toMatchObject({ system: "GitHub", ok: false, message: "GitHub answered 503" });
  expect(overview.upstream[0]!.lastSuccessAt).not.toBeNull();
  expect(overview.applications[0]!.environments[2]!.services[0]!.sha).toMatch(/^[0-9a-f]{40}$/);
  const runs = await findWorkflowRuns({ application: "wumbo", filters: {}, page: 1, perPage: 5 });
  expect(runs!.runs).toHaveLength(5);
  expect(runs!.upstream[0]!.ok).toBe(false);
});
