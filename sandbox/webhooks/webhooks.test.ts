import { Webhooks } from "@octokit/webhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { webhookValidator } from "../testing/openapi-validator";
import { control, octokit, signIn, startSandbox } from "../testing/sandbox-fixture";
import { startReceiver, type WebhookReceiver } from "../testing/webhook-receiver";
import type { Delivery } from "./sender";

const SECRET = "webhook-test-secret";
// Registered at start-up (SANDBOX_APP_INSTALLATION_TOKEN) and kept across the resets before each test.
const APP_TOKEN = "ghs_configuredAtStartup0000000000000";
let sandbox: Sandbox;
let receiver: WebhookReceiver;
let validate: (event: string, action: string, body: unknown) => void;
beforeAll(async () => {
  validate = webhookValidator();
  receiver = await startReceiver();
  sandbox = await startSandbox({ appWebhookUrl: receiver.url, webhookSecret: SECRET, appInstallationToken: APP_TOKEN });
}, 60_000);
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});
beforeEach(async () => {
  await control(sandbox, "POST", "/reset");
  receiver.received.length = 0;
});

const advance = (ms: number) => control(sandbox, "POST", "/clock/advance", { ms });
const deliveries = async () => (await control<{ deliveries: Delivery[] }>(sandbox, "GET", "/webhooks/deliveries")).deliveries;
async function settle(predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!predicate() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("webhooks", () => {
  it("sends signed payloads that match GitHub's webhook schemas through a whole release", async () => {
    const gh = octokit(sandbox, await signIn(sandbox, "ravi"));
    const [run] = (await gh.rest.actions.listWorkflowRunsForRepo({ owner: "skyward", repo: "wumbo", status: "waiting" })).data.workflow_runs;
    const [pending] = (await gh.rest.actions.getPendingDeploymentsForRun({ owner: "skyward", repo: "wumbo", run_id: run?.id ?? 0 })).data;
    await gh.rest.actions.reviewPendingDeploymentsForRun({ owner: "skyward", repo: "wumbo", run_id: run?.id ?? 0, environment_ids: [pending?.environment.id ?? 0], state: "approved", comment: "ship it" });
    await gh.rest.actions.createWorkflowDispatch({ owner: "skyward", repo: "beacon", workflow_id: "04-deploy.yml", ref: "main", inputs: { environment: "production" } });
    for (let i = 0; i < 30; i++) await advance(10_000);
    await settle(() => receiver.received.some((hook) => hook.event === "deployment_protection_rule"));

    const webhooks = new Webhooks({ secret: SECRET });
    const kinds = new Set<string>();
    for (const hook of receiver.received) {
      expect(await webhooks.verify(hook.raw, hook.signature)).toBe(true);
      expect(hook.contentType).toBe("application/json");
      validate(hook.event, String(hook.body.action), hook.body);
      kinds.add(`${hook.event}.${String(hook.body.action)}`);
    }
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining(["deployment.created", "deployment_protection_rule.requested", "deployment_review.approved", "deployment_review.requested", "deployment_status.created", "workflow_job.completed", "workflow_job.in_progress", "workflow_job.queued", "workflow_job.waiting", "workflow_run.completed", "workflow_run.in_progress", "workflow_run.requested"]),
    );
    expect(new Set(receiver.received.map((hook) => hook.delivery)).size).toBe(receiver.received.length);
    // A whole release (30 clock steps, every payload schema-checked) takes ~3 s alone and over 5 s (the
    // unit default) on a loaded 2-core machine.
  }, 30_000);

  it("lets the App pass a custom deployment protection rule with an installation token", async () => {
    const dana = octokit(sandbox, await signIn(sandbox, "dana"));
    await dana.rest.actions.createWorkflowDispatch({ owner: "skyward", repo: "beacon", workflow_id: "04-deploy.yml", ref: "main", inputs: { environment: "production" } });
    for (let i = 0; i < 12; i++) await advance(10_000);
    const [run] = (await dana.rest.actions.listWorkflowRunsForRepo({ owner: "skyward", repo: "beacon", status: "waiting" })).data.workflow_runs;
    const url = `${sandbox.url}/api/v3/repos/skyward/beacon/actions/runs/${run?.id ?? 0}/deployment_protection_rule`;
    const body = JSON.stringify({ environment_name: "production", state: "approved", comment: "Flightdeck checks passed" });
    const asUser = await fetch(url, { method: "POST", headers: { authorization: `token ${await signIn(sandbox, "ravi")}` }, body });
    expect(asUser.status).toBe(403);
    const { token } = await control<{ token: string }>(sandbox, "POST", "/tokens", { app: true });
    expect(token).toMatch(/^ghs_/);
    expect((await fetch(url, { method: "POST", headers: { authorization: `token ${token}` }, body })).status).toBe(204);
    // Still waiting: the required reviewers have not approved yet.
    expect((await dana.rest.actions.getWorkflowRun({ owner: "skyward", repo: "beacon", run_id: run?.id ?? 0 })).data.status).toBe("waiting");
    expect(await control(sandbox, "GET", `/runs/${run?.id ?? 0}`)).toMatchObject({ status: "waiting", protectionAnswers: [{ environment: "production", state: "approved", comment: "Flightdeck checks passed" }] });
  });

  it("ends the run when the App rejects it (with the token configured at start-up), keeping the App's comment on the run", async () => {
    const dana = octokit(sandbox, await signIn(sandbox, "dana"));
    await dana.rest.actions.createWorkflowDispatch({ owner: "skyward", repo: "beacon", workflow_id: "04-deploy.yml", ref: "main", inputs: { environment: "production" } });
    for (let i = 0; i < 12; i++) await advance(10_000);
    const [run] = (await dana.rest.actions.listWorkflowRunsForRepo({ owner: "skyward", repo: "beacon", status: "waiting" })).data.workflow_runs;
    const url = `${sandbox.url}/api/v3/repos/skyward/beacon/actions/runs/${run?.id ?? 0}/deployment_protection_rule`;
    const body = JSON.stringify({ environment_name: "production", state: "rejected", comment: "production is locked: INC-9" });
    expect((await fetch(url, { method: "POST", headers: { authorization: `Bearer ${APP_TOKEN}` }, body })).status).toBe(204);
    expect(await control(sandbox, "GET", `/runs/${run?.id ?? 0}`)).toMatchObject({
      status: "completed",
      conclusion: "failure",
      failure: "rejected",
      protectionAnswers: [{ environment: "production", state: "rejected", comment: "production is locked: INC-9" }],
    });
  });

  it("retries failed deliveries with backoff and records every attempt", async () => {
    await control(sandbox, "POST", "/faults", { webhooks: "fail", count: 1 });
    receiver.failNext(1, 502);
    const gh = octokit(sandbox, await signIn(sandbox, "dana"));
    await gh.rest.actions.createWorkflowDispatch({ owner: "skyward", repo: "wumbo", workflow_id: "deploy.yml", ref: "development", inputs: { environment: "development" } });
    for (let i = 0; i < 100 && !(await deliveries()).every((delivery) => delivery.attempts.length > 0); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    const first = (await deliveries()).filter((delivery) => delivery.event === "workflow_run" && delivery.action === "requested")[0];
    expect(first?.attempts[0]).toMatchObject({ status: null, error: "injected failure" });
    await advance(10_000);
    await settle(() => receiver.received.some((hook) => hook.event === "workflow_run" && hook.body.action === "requested"));
    const after = (await deliveries()).find((delivery) => delivery.id === first?.id);
    expect(after?.state).toBe("delivered");
    expect(after?.attempts.length).toBe(2);
    const refused = (await deliveries()).find((delivery) => delivery.attempts[0]?.status === 502);
    expect(refused?.attempts.at(-1)?.status).toBe(204);
  });
});
