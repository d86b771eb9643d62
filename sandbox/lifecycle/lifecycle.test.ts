import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient } from "@aws-sdk/client-ecs";
import { Webhooks } from "@octokit/webhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { control, octokit, signIn, startSandbox } from "../testing/sandbox-fixture";
import { startReceiver, type WebhookReceiver } from "../testing/webhook-receiver";

const SECRET = "lifecycle-test-secret";
let sandbox: Sandbox;
let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startReceiver();
  sandbox = await startSandbox({ appWebhookUrl: receiver.url, webhookSecret: SECRET });
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});
beforeEach(async () => {
  await control(sandbox, "POST", "/reset");
  await control(sandbox, "POST", "/scenario", { name: "empty" });
  receiver.received.length = 0;
});

const repo = { owner: "skyward", repo: "wumbo" };
const advance = (ms: number) => control(sandbox, "POST", "/clock/advance", { ms });

async function serviceImage(service: string): Promise<string | undefined> {
  const client = new ECSClient({ region: "us-east-1", endpoint: sandbox.url, credentials: { accessKeyId: "AKIDSANDBOX", secretAccessKey: "sandbox" }, maxAttempts: 1 });
  const described = await client.send(new DescribeServicesCommand({ cluster: "wumbo-production", services: [service] }));
  const taskDefinition = described.services?.[0]?.taskDefinition;
  const td = await client.send(new DescribeTaskDefinitionCommand({ taskDefinition }));
  return td.taskDefinition?.containerDefinitions?.[0]?.image;
}

async function statusOf(call: Promise<unknown>): Promise<{ status: number; message?: string }> {
  try {
    await call;
  } catch (error) {
    const e = error as { status?: number; response?: { data?: { message?: string } } };
    if (typeof e.status === "number") return { status: e.status, message: e.response?.data?.message };
    throw error;
  }
  throw new Error("expected the call to fail");
}

/** Advances the clock in steps until the run reaches `status` (or 15 virtual minutes pass). */
async function until(gh: ReturnType<typeof octokit>, runId: number, status: string): Promise<Awaited<ReturnType<typeof gh.rest.actions.getWorkflowRun>>["data"]> {
  for (let i = 0; i < 90; i++) {
    const { data } = await gh.rest.actions.getWorkflowRun({ ...repo, run_id: runId });
    if (data.status === status) return data;
    await advance(10_000);
  }
  throw new Error(`run ${runId} never reached ${status}`);
}

async function dispatchProduction(token: string): Promise<number> {
  const gh = octokit(sandbox, token);
  const response = await gh.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", { ...repo, workflow_id: "deploy.yml", ref: "main", inputs: { environment: "production" }, return_run_details: true });
  expect(response.status).toBe(200);
  const data = response.data as unknown as { workflow_run_id: number; run_url: string; html_url: string };
  expect(data.run_url).toBe(`${sandbox.url}/api/v3/repos/skyward/wumbo/actions/runs/${data.workflow_run_id}`);
  return data.workflow_run_id;
}

describe("a production release", () => {
  it("runs, waits for a release manager, refuses others, and rolls ECS to the run's SHA", async () => {
    const [rita, ravi, dana] = [await signIn(sandbox, "rita"), await signIn(sandbox, "ravi"), await signIn(sandbox, "dana")];
    const gh = octokit(sandbox, rita);
    const before = await serviceImage("wumbo-prod-backend");
    const runId = await dispatchProduction(rita);

    const queued = (await gh.rest.actions.getWorkflowRun({ ...repo, run_id: runId })).data;
    expect(queued).toMatchObject({ status: "queued", event: "workflow_dispatch", head_branch: "main", actor: { login: "rita" }, path: ".github/workflows/deploy.yml" });
    await advance(10_000);
    expect((await gh.rest.actions.getWorkflowRun({ ...repo, run_id: runId })).data.status).toBe("in_progress");
    const waiting = await until(gh, runId, "waiting");
    const jobs = (await gh.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: runId })).data.jobs;
    expect(jobs.map((job) => [job.name, job.status, job.conclusion])).toEqual([
      ["test", "completed", "success"],
      ["build-and-push", "completed", "success"],
      ["deploy", "waiting", null],
    ]);
    expect(jobs[0]?.steps?.every((step) => step.completed_at !== null)).toBe(true);

    const pendingForRavi = (await octokit(sandbox, ravi).rest.actions.getPendingDeploymentsForRun({ ...repo, run_id: runId })).data;
    expect(pendingForRavi).toHaveLength(1);
    expect(pendingForRavi[0]).toMatchObject({ environment: { name: "production" }, current_user_can_approve: true, reviewers: [{ type: "Team", reviewer: { slug: "release-managers" } }] });
    const envId = pendingForRavi[0]?.environment.id ?? 0;
    expect((await gh.rest.actions.getPendingDeploymentsForRun({ ...repo, run_id: runId })).data[0]?.current_user_can_approve).toBe(false);

    const review = (token: string, state: "approved" | "rejected") => octokit(sandbox, token).rest.actions.reviewPendingDeploymentsForRun({ ...repo, run_id: runId, environment_ids: [envId], state, comment: "LGTM" });
    expect(await statusOf(review(dana, "approved"))).toMatchObject({ status: 422, message: expect.stringContaining("not a required reviewer") });
    expect(await statusOf(review(rita, "approved"))).toMatchObject({ status: 422, message: expect.stringContaining("Self-review") });
    const { token: appToken } = await control<{ token: string }>(sandbox, "POST", "/tokens", { app: true });
    expect(await statusOf(review(appToken, "approved"))).toMatchObject({ status: 403 });
    const approved = await review(ravi, "approved");
    expect(approved.data).toHaveLength(1);
    expect(approved.data[0]).toMatchObject({ environment: "production", sha: waiting.head_sha, creator: { login: "github-actions[bot]" } });
    const approvals = (await gh.rest.actions.getReviewsForRun({ ...repo, run_id: runId })).data;
    expect(approvals).toMatchObject([{ state: "approved", user: { login: "ravi" }, comment: "LGTM", environments: [{ name: "production" }] }]);

    const done = await until(gh, runId, "completed");
    expect(done.conclusion).toBe("success");
    for (const service of ["wumbo-prod-backend", "wumbo-prod-frontend", "wumbo-prod-worker"]) {
      expect(await serviceImage(service)).toMatch(new RegExp(`^123456789012\\.dkr\\.ecr\\.us-east-1\\.amazonaws\\.com/wumbo-\\w+:${waiting.head_sha}$`));
    }
    expect(before).not.toBe(await serviceImage("wumbo-prod-backend"));
    const health = await fetch(`${sandbox.url}/health/wumbo/production`);
    expect(await health.json()).toMatchObject({ status: "ok", sha: waiting.head_sha });

    const deployments = (await gh.rest.repos.listDeployments({ ...repo, environment: "production" })).data;
    const statuses = (await gh.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: deployments[0]?.id ?? 0 })).data;
    expect(statuses.map((status) => status.state)).toEqual(["success", "in_progress", "queued"]);

    // Webhooks: signed, in order of the lifecycle.
    const timeout = Date.now() + 5_000;
    while (!receiver.received.some((hook) => hook.event === "workflow_run" && hook.body.action === "completed") && Date.now() < timeout) await new Promise((r) => setTimeout(r, 20));
    for (const hook of receiver.received) {
      expect(await new Webhooks({ secret: SECRET }).verify(hook.raw, hook.signature)).toBe(true);
      expect(hook.userAgent).toMatch(/^GitHub-Hookshot\//);
      expect(hook.delivery).toMatch(/^[0-9a-f-]{36}$/);
    }
    const seen = receiver.received.map((hook) => `${hook.event}.${String(hook.body.action)}`);
    for (const expected of ["workflow_run.requested", "workflow_run.in_progress", "workflow_job.waiting", "deployment_review.requested", "deployment_review.approved", "deployment.created", "deployment_status.created", "workflow_run.completed"]) {
      expect(seen).toContain(expected);
    }
    expect(seen.indexOf("deployment_review.requested")).toBeLessThan(seen.indexOf("deployment_review.approved"));
  });

  it("a rejection fails the run and leaves ECS untouched", async () => {
    const [rita, ravi] = [await signIn(sandbox, "rita"), await signIn(sandbox, "ravi")];
    const before = await serviceImage("wumbo-prod-backend");
    const runId = await dispatchProduction(rita);
    const gh = octokit(sandbox, ravi);
    await until(gh, runId, "waiting");
    const [pending] = (await gh.rest.actions.getPendingDeploymentsForRun({ ...repo, run_id: runId })).data;
    await gh.rest.actions.reviewPendingDeploymentsForRun({ ...repo, run_id: runId, environment_ids: [pending?.environment.id ?? 0], state: "rejected", comment: "Not during the freeze" });
    const run = (await gh.rest.actions.getWorkflowRun({ ...repo, run_id: runId })).data;
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    await advance(120_000);
    expect(await serviceImage("wumbo-prod-backend")).toBe(before);
    expect((await gh.rest.repos.listDeployments({ ...repo, environment: "production" })).data).toEqual([]);
  });

  it("cancels with 202, then 409 once completed", async () => {
    const gh = octokit(sandbox, await signIn(sandbox, "dana"));
    await gh.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: "deploy.yml", ref: "development", inputs: { environment: "development" } });
    const [run] = (await gh.rest.actions.listWorkflowRuns({ ...repo, workflow_id: "deploy.yml" })).data.workflow_runs;
    expect(run?.status).toBe("queued");
    expect((await gh.rest.actions.cancelWorkflowRun({ ...repo, run_id: run?.id ?? 0 })).status).toBe(202);
    expect((await gh.rest.actions.getWorkflowRun({ ...repo, run_id: run?.id ?? 0 })).data).toMatchObject({ status: "completed", conclusion: "cancelled" });
    expect(await statusOf(gh.rest.actions.cancelWorkflowRun({ ...repo, run_id: run?.id ?? 0 }))).toEqual({ status: 409, message: "Cannot cancel a workflow run that is completed." });
    const rerun = await gh.rest.actions.reRunWorkflow({ ...repo, run_id: run?.id ?? 0 });
    expect(rerun.status).toBe(201);
    expect((await gh.rest.actions.getWorkflowRun({ ...repo, run_id: run?.id ?? 0 })).data).toMatchObject({ status: "queued", run_attempt: 2 });
  });
});
