// The approvals inbox against a real Postgres and the in-process sandbox, whose webhooks reach the real
// endpoint (lib/webhooks/github, behind POST /api/webhooks/github) over HTTP: what a waiting release
// ships and who may review it; reviews given directly in GitHub — delivered by webhook, or noticed by the
// refresher when the delivery is lost — reach the inbox and the audit trail exactly once;
// Flightdeck-collected approvals do not carry over to a re-run or to a newer run.
import { randomUUID } from "node:crypto";
import type { Octokit } from "@octokit/rest";
import { describe, expect, test } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { runCommand } from "@/lib/commands/run-command";
import { pollEcs } from "@/lib/refresher/poll-ecs";
import { pollGithub } from "@/lib/refresher/poll-github";
import { demoConfig, testRefresherContext } from "@/lib/refresher/test-context";
import { approveRelease } from "@/lib/releases/review-release";
import { useTestDatabase } from "@/lib/testing/database";
import { useSandboxPeople } from "@/lib/testing/sandbox-people";
import { useWebhookReceiver } from "@/lib/testing/webhook-receiver";
import { control, octokit, signIn } from "@/sandbox/testing/sandbox-fixture";
import { findApprovalsInbox, findPendingReleases } from "./find-approvals-inbox";

const database = useTestDatabase("file");

// The sandbox delivers its webhooks to the real endpoint; the receiver starts first so its URL is known.
const webhookUrl = useWebhookReceiver();
const world = useSandboxPeople(
  database,
  { rita: ["viewer", "release_manager"], ravi: ["viewer", "release_manager"], dana: ["viewer", "deployer"], vera: ["viewer"] },
  undefined,
  () => ({ appWebhookUrl: webhookUrl() }),
);

const person = (login: string): CurrentUser => world().people[login]!;
const github = async (login: string): Promise<Octokit> => octokit(world().sandbox, await signIn(world().sandbox, login));
/** The refresher, for Wumbo only (a first pass over every demo repository's history takes long). */
async function refresher() {
  const config = demoConfig(world().sandbox.url);
  const wumbo = { ...config, applications: config.applications.filter((app) => app.slug === "wumbo") };
  return testRefresherContext({ prisma: database().prisma, config: wumbo, baseUrl: world().sandbox.url, token: await signIn(world().sandbox, "ada") });
}

interface Delivery {
  event: string;
  action: string | null;
  state: string;
  attempts: unknown[];
}
const deliveries = async () => (await control<{ deliveries: Delivery[] }>(world().sandbox, "GET", "/webhooks/deliveries")).deliveries;
/** Every delivery the sandbox sent has been answered by the route (none pending). */
const settled = async () => (await deliveries()).every((delivery) => delivery.state !== "pending");

async function dispatch(login: string, repo: string, workflow: string, inputs: Record<string, string>): Promise<{ runId: number; gh: Octokit }> {
  const gh = await github(login);
  const { data } = await gh.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", { owner: "skyward", repo, workflow_id: workflow, ref: "main", inputs, return_run_details: true });
  return { runId: (data as { workflow_run_id: number }).workflow_run_id, gh };
}

/** Moves the sandbox's clock until the run waits for its review, and its webhooks have been stored. */
async function untilWaiting(gh: Octokit, repo: string, runId: number) {
  let run = (await gh.rest.actions.getWorkflowRun({ owner: "skyward", repo, run_id: runId })).data;
  for (let step = 0; step < 60 && run.status !== "waiting"; step += 1) {
    await control(world().sandbox, "POST", "/clock/advance", { ms: 5_000 });
    run = (await gh.rest.actions.getWorkflowRun({ owner: "skyward", repo, run_id: runId })).data;
  }
  expect(run.status).toBe("waiting");
  await expect.poll(() => database().prisma.pendingApproval.count({ where: { runId: BigInt(runId), resolvedAt: null } }), { timeout: 15_000 }).toBe(1);
  return run;
}

async function reviewOnGithub(gh: Octokit, repo: string, runId: number, state: "approved" | "rejected", comment: string) {
  const pending = await gh.request("GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments", { owner: "skyward", repo, run_id: runId });
  await gh.request("POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments", { owner: "skyward", repo, run_id: runId, environment_ids: pending.data.map((entry) => Number(entry.environment.id!)), state, comment });
}

const reviewEvents = (runId: number) => database().prisma.auditEvent.findMany({ where: { action: { in: ["release.approved", "release.rejected"] }, target: String(runId), actorType: "github" }, orderBy: { id: "asc" } });
const approve = (input: { application: string; environment: string; runId: number; headSha: string }, login: string) =>
  runCommand(approveRelease, input, { idempotencyKey: randomUUID(), actor: person(login), request: { ip: "192.0.2.10", userAgent: "vitest" } });

/** Tests that run whole refresher passes (every Wumbo run and its jobs) get more time than the default 30 s. */
const REFRESHER_PASS_MS = 120_000;

describe("the approvals inbox", () => {
  test("lists the demo's waiting release with what it ships, its checks and its starter; controls follow the viewer's role and four-eyes", async () => {
    const ctx = await refresher();
    await pollEcs(ctx);
    expect((await pollGithub(ctx)).ok).toBe(true);

    const inbox = await findApprovalsInbox({ viewer: person("ravi") });
    const release = inbox.pending.find((entry) => entry.application === "wumbo" && entry.environment === "production");
    expect(release).toMatchObject({ applicationName: "Wumbo", startedBy: { login: "rita" }, approvals: { required: 1, collected: [] }, viewer: { approve: null, reject: null } });

    // What it ships is exactly GitHub's compare of what production runs with the run's SHA.
    const production = await database().prisma.serviceSnapshot.findFirstOrThrow({ where: { application: "wumbo", environment: "production", service: "backend" } });
    expect(release!.running?.sha).toBe(production.sha);
    const { data: compare } = await (await github("vera")).rest.repos.compareCommitsWithBasehead({ owner: "skyward", repo: "wumbo", basehead: `${production.sha}...${release!.headSha}` });
    expect(compare.ahead_by).toBeGreaterThan(0);
    expect(release!.ships).toMatchObject({ status: compare.status, aheadBy: compare.ahead_by, behindBy: compare.behind_by });
    expect(release!.ships!.commits.map((commit) => commit.sha)).toEqual(compare.commits.map((commit) => commit.sha).reverse());

    // Its own test and build jobs passed before it stopped to wait; the deploy job waits for this review.
    expect(release!.jobs.map((job) => [job.name, job.status])).toEqual(expect.arrayContaining([["deploy", "waiting"]]));
    expect(release!.jobs.some((job) => job.status === "completed" && job.conclusion === "success")).toBe(true);
    expect(release!.verdict).toBe("passing");

    const as = async (login: string) => (await findPendingReleases({ application: "wumbo", environment: "production", viewer: person(login) }))[0]?.viewer;
    expect(await as("rita")).toEqual({ approve: expect.stringContaining("You started this release"), reject: expect.stringContaining("You started this release") });
    expect(await as("vera")).toBeNull();
    expect(await as("dana")).toBeNull();

    // A second pass fetches no compare again: a base...head pair never changes.
    await control(world().sandbox, "DELETE", "/requests");
    await pollGithub(ctx);
    const counts = await control<{ endpoints: { endpoint: string; count: number; byStatus: Record<string, number> }[] }>(world().sandbox, "GET", "/requests");
    const compares = counts.endpoints.find((entry) => entry.endpoint.includes("/compare/"));
    expect(compares?.byStatus["200"] ?? 0).toBe(0);
  }, REFRESHER_PASS_MS);

  test("a rejection given directly in GitHub reaches the inbox and the audit trail once, whoever sees it first", async () => {
    const { runId, gh } = await dispatch("dana", "wumbo", "deploy.yml", { environment: "production" });
    await untilWaiting(gh, "wumbo", runId);
    expect((await findPendingReleases({ viewer: person("ravi") })).map((entry) => entry.runId)).toContain(runId);

    await reviewOnGithub(await github("ravi"), "wumbo", runId, "rejected", "Not during the freeze");
    await expect.poll(async () => (await reviewEvents(runId)).length, { timeout: 15_000 }).toBe(1);
    expect((await reviewEvents(runId))[0]).toMatchObject({ action: "release.rejected", actorLogin: "ravi", application: "wumbo", environment: "production", payload: expect.objectContaining({ seenBy: "webhook", comment: "Not during the freeze" }) });

    const inbox = await findApprovalsInbox({ viewer: person("rita") });
    expect(inbox.pending.map((entry) => entry.runId)).not.toContain(runId);
    expect(inbox.decided.find((entry) => entry.runId === runId)).toMatchObject({ decision: "rejected", by: { login: "ravi" }, via: "github", comment: "Not during the freeze" });

    // The refresher then reads the same run: nothing is recorded twice.
    await expect.poll(settled, { timeout: 15_000 }).toBe(true);
    await pollGithub(await refresher());
    expect(await reviewEvents(runId)).toHaveLength(1);
    expect(await database().prisma.deploymentReview.count({ where: { runId: BigInt(runId) } })).toBe(1);
  }, REFRESHER_PASS_MS);

  test("an approval in GitHub whose webhook was lost is noticed by the refresher, and the late redelivery adds nothing", async () => {
    const { runId, gh } = await dispatch("dana", "wumbo", "deploy.yml", { environment: "production" });
    await untilWaiting(gh, "wumbo", runId);
    const ctx = await refresher();
    await pollGithub(ctx);
    await expect.poll(settled, { timeout: 15_000 }).toBe(true);

    // The next delivery (the deployment_review) fails; GitHub would retry it 10 s later.
    await control(world().sandbox, "POST", "/faults", { webhooks: "fail", count: 1 });
    await reviewOnGithub(await github("ravi"), "wumbo", runId, "approved", "ship it");
    // Everything else is delivered; the review waits for its retry.
    await expect
      .poll(async () => (await deliveries()).filter((delivery) => delivery.state === "pending").map((delivery) => [delivery.event, delivery.action, delivery.attempts.length]), { timeout: 15_000 })
      .toEqual([["deployment_review", "approved", 1]]);
    expect(await reviewEvents(runId)).toHaveLength(0);

    await pollGithub(ctx);
    const [event] = await reviewEvents(runId);
    expect(event).toMatchObject({ action: "release.approved", actorLogin: "ravi", environment: "production", payload: expect.objectContaining({ seenBy: "refresher", comment: "ship it" }) });
    expect(ctx.published).toContainEqual(expect.objectContaining({ type: "approval.changed", application: "wumbo", environment: "production" }));
    const inbox = await findApprovalsInbox({ viewer: person("rita") });
    expect(inbox.pending.map((entry) => entry.runId)).not.toContain(runId);
    expect(inbox.decided.find((entry) => entry.runId === runId)).toMatchObject({ decision: "approved", by: { login: "ravi" }, via: "github" });

    // GitHub's retry arrives: acknowledged, and the trail still has one event for this review.
    await control(world().sandbox, "POST", "/clock/advance", { ms: 10_000 });
    await expect.poll(async () => (await deliveries()).find((delivery) => delivery.event === "deployment_review" && delivery.action === "approved")?.state, { timeout: 15_000 }).toBe("delivered");
    await expect.poll(settled, { timeout: 15_000 }).toBe(true);
    expect(await reviewEvents(runId)).toHaveLength(1);
  }, REFRESHER_PASS_MS);
});

describe("approvals collected in Flightdeck (DreamCatchr production needs two)", () => {
  test("are bound to the run attempt and SHA: a re-run and a newer run each start from zero", async () => {
    const { runId, gh } = await dispatch("dana", "dreamcatchr", "production-deploy.yml", {});
    const run = await untilWaiting(gh, "dreamcatchr", runId);
    const target = { application: "dreamcatchr", environment: "production", runId, headSha: run.head_sha };
    expect(await approve(target, "rita")).toEqual({ ok: true, result: { approvals: 1, required: 2, approvedOnGitHub: false } });
    const [collected] = await findPendingReleases({ application: "dreamcatchr", environment: "production", viewer: person("ravi") });
    expect(collected).toMatchObject({ runId, approvals: { required: 2, collected: [{ person: { login: "rita" } }] }, viewer: { approve: null } });
    // rita may not approve twice: the inbox says so, and the command counts her once.
    expect((await findPendingReleases({ application: "dreamcatchr", environment: "production", viewer: person("rita") }))[0]?.viewer?.approve).toContain("needs 1 more approval");
    expect(await approve(target, "rita")).toEqual({ ok: true, result: { approvals: 1, required: 2, approvedOnGitHub: false } });

    // A newer run to the same environment (superseding this one) has none of them.
    const newer = await dispatch("dana", "dreamcatchr", "production-deploy.yml", {});
    const newerRun = await untilWaiting(newer.gh, "dreamcatchr", newer.runId);
    const both = await findPendingReleases({ application: "dreamcatchr", environment: "production", viewer: person("ravi") });
    expect(both.find((entry) => entry.runId === newer.runId)?.approvals.collected).toEqual([]);
    expect(await approve({ ...target, runId: newer.runId, headSha: newerRun.head_sha }, "ravi")).toEqual({ ok: true, result: { approvals: 1, required: 2, approvedOnGitHub: false } });

    // The first run is cancelled and re-run on the same SHA: its second attempt waits again, from zero.
    await gh.rest.actions.cancelWorkflowRun({ owner: "skyward", repo: "dreamcatchr", run_id: runId });
    await expect.poll(async () => (await database().prisma.workflowRun.findUnique({ where: { id: BigInt(runId) } }))?.status, { timeout: 15_000 }).toBe("completed");
    await gh.rest.actions.reRunWorkflow({ owner: "skyward", repo: "dreamcatchr", run_id: runId });
    const again = await untilWaiting(gh, "dreamcatchr", runId);
    expect(again).toMatchObject({ run_attempt: 2, head_sha: run.head_sha });
    const rerun = (await findPendingReleases({ application: "dreamcatchr", environment: "production", viewer: person("ravi") })).find((entry) => entry.runId === runId);
    expect(rerun).toMatchObject({ runAttempt: 2, approvals: { required: 2, collected: [] } });
    // So ravi's approval is the first of two again — rita's from attempt 1 does not make it two.
    expect(await approve(target, "ravi")).toEqual({ ok: true, result: { approvals: 1, required: 2, approvedOnGitHub: false } });
    expect((await gh.rest.actions.getWorkflowRun({ owner: "skyward", repo: "dreamcatchr", run_id: runId })).data.status).toBe("waiting");
    const outcome = await database().prisma.auditEvent.findFirst({ where: { action: "release.approved", actorType: "user", target: String(runId) }, orderBy: { id: "desc" } });
    expect(outcome?.payload).toMatchObject({ runAttempt: 2, approvers: ["ravi"], approvedOnGitHub: false });
  });
});
