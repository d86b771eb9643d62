// POST /api/webhooks/github against a real Postgres: signatures, delivery de-duplication, and real
// deliveries from the in-process sandbox (signed with the development secret both sides default to).
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { signWebhookBody } from "@/lib/github/webhook-signature";
import { useTestDatabase as testDatabase } from "@/lib/testing/database";
import { control, octokit, signIn, startSandbox } from "@/sandbox/testing/sandbox-fixture";
import type { Sandbox } from "@/sandbox/server";
import { POST } from "./route";

const SECRET = "flightdeck-dev-webhook-secret";
const database = testDatabase("file");

beforeAll(() => {
  // lib/db reads DATABASE_URL at its first call: the route must write into this file's database.
  process.env.DATABASE_URL = database().url;
});

const runPayload = (id: number, status = "completed") => ({
  action: status === "completed" ? "completed" : "in_progress",
  repository: { full_name: "skyward/wumbo" },
  sender: { login: "dana" },
  workflow_run: {
    id, name: "Deploy", path: ".github/workflows/deploy.yml", workflow_id: 1, run_number: 7, run_attempt: 1, display_title: "Deploy staging",
    event: "push", head_branch: "staging", head_sha: "a".repeat(40), status, conclusion: status === "completed" ? "success" : null,
    actor: { login: "dana", avatar_url: null }, html_url: `https://github.example/skyward/wumbo/actions/runs/${id}`,
    created_at: "2026-03-02T09:00:00Z", updated_at: "2026-03-02T09:05:00Z",
  },
});

function delivery(body: string, headers: Record<string, string | null>): Request {
  const all: Record<string, string> = { "content-type": "application/json", "x-github-event": "workflow_run", "x-github-delivery": randomUUID() };
  for (const [name, value] of Object.entries(headers)) {
    if (value === null) delete all[name];
    else all[name] = value;
  }
  return new Request("http://localhost/api/webhooks/github", { method: "POST", headers: all, body });
}

describe("signatures", () => {
  test("a missing or wrong signature is refused with 401 and nothing is stored", async () => {
    const body = JSON.stringify(runPayload(101));
    const missing = await POST(delivery(body, {}));
    const wrongSecret = await POST(delivery(body, { "x-hub-signature-256": signWebhookBody("not-the-secret", body) }));
    const tampered = await POST(delivery(body.replace("dana", "mallory"), { "x-hub-signature-256": signWebhookBody(SECRET, body) }));
    expect([missing.status, wrongSecret.status, tampered.status]).toEqual([401, 401, 401]);
    const prisma = database().prisma;
    expect(await prisma.webhookDelivery.count()).toBe(0);
    expect(await prisma.workflowRun.count()).toBe(0);
  });

  test("a signed delivery is stored and answered 200", async () => {
    const body = JSON.stringify(runPayload(102));
    const response = await POST(delivery(body, { "x-hub-signature-256": signWebhookBody(SECRET, body) }));
    expect(response.status).toBe(200);
    const run = await database().prisma.workflowRun.findUniqueOrThrow({ where: { id: 102n } });
    expect(run).toMatchObject({ application: "wumbo", environment: "staging", status: "completed", conclusion: "success", actorLogin: "dana" });
  });
});

describe("de-duplication", () => {
  test("a repeated X-GitHub-Delivery is acknowledged and ignored", async () => {
    const id = randomUUID();
    const first = JSON.stringify(runPayload(103, "in_progress"));
    expect((await POST(delivery(first, { "x-github-delivery": id, "x-hub-signature-256": signWebhookBody(SECRET, first) }))).status).toBe(200);
    // Same delivery id, different (validly signed) content: must not be applied.
    const again = JSON.stringify(runPayload(103, "completed"));
    const response = await POST(delivery(again, { "x-github-delivery": id, "x-hub-signature-256": signWebhookBody(SECRET, again) }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "duplicate" });
    expect((await database().prisma.workflowRun.findUniqueOrThrow({ where: { id: 103n } })).status).toBe("in_progress");
    expect(await database().prisma.webhookDelivery.count({ where: { deliveryId: id } })).toBe(1);
  });

  test("a delivery for a repository Flightdeck does not show is acknowledged, not stored", async () => {
    const body = JSON.stringify({ ...runPayload(104), repository: { full_name: "elsewhere/other" } });
    const response = await POST(delivery(body, { "x-hub-signature-256": signWebhookBody(SECRET, body) }));
    expect(response.status).toBe(202);
    expect(await database().prisma.workflowRun.findUnique({ where: { id: 104n } })).toBeNull();
  });
});

describe("deliveries from the sandbox", () => {
  let sandbox: Sandbox;
  let server: http.Server;

  beforeAll(async () => {
    // Node request → web Request → the route, as Next does.
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", async () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
        const response = await POST(new Request("http://localhost/api/webhooks/github", { method: "POST", headers, body: Buffer.concat(chunks) }));
        res.writeHead(response.status).end(await response.text());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    sandbox = await startSandbox({ appWebhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/github` });
  });
  afterAll(async () => {
    await sandbox.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test("an approval given on GitHub is stored, audited as GitHub's, and the run moves on", async () => {
    const ravi = octokit(sandbox, await signIn(sandbox, "ravi"));
    const { data } = await ravi.request("GET /repos/{owner}/{repo}/actions/runs", { owner: "skyward", repo: "wumbo", status: "waiting" });
    const run = data.workflow_runs[0]!;
    const pending = await ravi.request("GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments", { owner: "skyward", repo: "wumbo", run_id: Number(run.id) });
    await ravi.request("POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments", {
      owner: "skyward", repo: "wumbo", run_id: Number(run.id), environment_ids: pending.data.map((entry) => Number(entry.environment.id!)), state: "approved", comment: "ship it",
    });
    const prisma = database().prisma;
    await expect.poll(() => prisma.deploymentReview.count({ where: { runId: BigInt(run.id) } }), { timeout: 5_000 }).toBe(1);
    expect(await prisma.deploymentReview.findFirst({ where: { runId: BigInt(run.id) } })).toMatchObject({ reviewerLogin: "ravi", state: "approved", comment: "ship it", environment: "production" });
    // The audit event is written after the review, within the same delivery.
    await expect.poll(() => prisma.auditEvent.count({ where: { action: "release.approved", target: String(run.id) } }), { timeout: 5_000 }).toBe(1);
    const audit = await prisma.auditEvent.findFirst({ where: { action: "release.approved", target: String(run.id) } });
    expect(audit).toMatchObject({ actorType: "github", actorLogin: "ravi", application: "wumbo", environment: "production" });

    // The run deploys on the sandbox's clock: deployments and the run's completion arrive as webhooks.
    await control(sandbox, "POST", "/clock/advance", { ms: 10 * 60_000 });
    await expect.poll(() => prisma.githubDeployment.count({ where: { runId: BigInt(run.id), environment: "production" } }), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await prisma.workflowRun.findUnique({ where: { id: BigInt(run.id) } }))?.status, { timeout: 10_000 }).toBe("completed");
    const stored = await prisma.workflowRun.findUniqueOrThrow({ where: { id: BigInt(run.id) } });
    expect(stored.environment).toBe("production");
    expect(await prisma.workflowJob.count({ where: { runId: BigInt(run.id) } })).toBeGreaterThan(0);
    // Every delivery was accepted on its first attempt (a 401 or 500 would show as failed or retried).
    const states = async () => (await control<{ deliveries: { state: string }[] }>(sandbox, "GET", "/webhooks/deliveries")).deliveries.map((entry) => entry.state);
    await expect.poll(async () => (await states()).every((state) => state === "delivered"), { timeout: 5_000 }).toBe(true);
    expect((await states()).length).toBeGreaterThan(3);
  });
});
