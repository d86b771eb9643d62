// The deployment_protection_rule webhook end to end at the integration layer: a deploy started on the
// sandbox's GitHub side to an environment with Flightdeck's custom protection rule (Beacon production)
// sends the webhook; Flightdeck answers through the run's callback with the App's installation token.
import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { getConfig } from "@/lib/config";
import type { LiveEvent } from "@/lib/live/publish";
import { useTestDatabase } from "@/lib/testing/database";
import { useSandboxPeople } from "@/lib/testing/sandbox-people";
import { control, octokit, signIn } from "@/sandbox/testing/sandbox-fixture";
import { receiveGithubWebhook, type WebhookDeps } from "./github";

const database = useTestDatabase("file");
const world = useSandboxPeople(database, {});
const SECRET = "protection-rule-test-secret";
const CALLBACK_ENDPOINT = "POST /api/v3/repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule";

interface Delivery {
  guid: string;
  event: string;
  payload: { deployment_callback_url: string; environment: string };
}
interface SandboxRun {
  status: string;
  conclusion: string | null;
  failure: string | null;
  protectionAnswers: { environment: string; state: string; comment: string | null }[];
}

let appToken: string;
const published: LiveEvent[] = [];
beforeAll(async () => {
  appToken = (await control<{ token: string }>(world().sandbox, "POST", "/tokens", { app: true })).token;
});

function deps(token: string | null = appToken): WebhookDeps {
  return {
    prisma: database().prisma,
    secret: SECRET,
    config: getConfig(),
    publish: async (event) => {
      published.push(event);
    },
    appToken: async () => token,
  };
}

/** Dispatches Beacon's deploy to production as dana (on GitHub, not through Flightdeck) and returns the rule's webhook. */
async function deployFromGitHub(): Promise<{ delivery: Delivery; runId: number }> {
  const { sandbox } = world();
  const known = new Set((await control<{ deliveries: Delivery[] }>(sandbox, "GET", "/webhooks/deliveries?event=deployment_protection_rule")).deliveries.map((d) => d.guid));
  const dana = octokit(sandbox, await signIn(sandbox, "dana"));
  await dana.rest.actions.createWorkflowDispatch({ owner: "skyward", repo: "beacon", workflow_id: "04-deploy.yml", ref: "main", inputs: { environment: "production" } });
  for (let i = 0; i < 12; i++) await control(sandbox, "POST", "/clock/advance", { ms: 10_000 });
  const deliveries = (await control<{ deliveries: Delivery[] }>(sandbox, "GET", "/webhooks/deliveries?event=deployment_protection_rule&payload=true")).deliveries;
  const delivery = deliveries.find((candidate) => !known.has(candidate.guid));
  if (!delivery) throw new Error("the sandbox sent no deployment_protection_rule webhook");
  const runId = Number(/\/runs\/(\d+)\//.exec(delivery.payload.deployment_callback_url)?.[1]);
  return { delivery, runId };
}

function webhookRequest(delivery: Delivery): Request {
  const body = JSON.stringify(delivery.payload);
  return new Request("http://localhost/api/webhooks/github", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": delivery.event,
      "x-github-delivery": delivery.guid,
      "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`,
    },
    body,
  });
}

const sandboxRun = (runId: number) => control<SandboxRun>(world().sandbox, "GET", `/runs/${runId}`);
const callbackCalls = async () => (await control<{ endpoints: { endpoint: string; count: number }[] }>(world().sandbox, "GET", "/requests")).endpoints.find((entry) => entry.endpoint === CALLBACK_ENDPOINT)?.count ?? 0;
const auditFor = (runId: number) => database().prisma.auditEvent.findMany({ where: { targetType: "run", target: String(runId), action: { startsWith: "deployment.protection" } }, orderBy: { id: "asc" } });

describe("deployment protection rule", () => {
  test("a locked environment rejects the GitHub-side deploy with the lock's reason, answered once even when the delivery is replayed", async () => {
    await database().prisma.environmentLock.create({ data: { application: "beacon", environment: "production", lockedBy: "oscar", reason: "INC-12: payments degraded" } });
    const { delivery, runId } = await deployFromGitHub();
    expect(await sandboxRun(runId)).toMatchObject({ status: "waiting", protectionAnswers: [] });
    const callsBefore = await callbackCalls();

    const response = await receiveGithubWebhook(webhookRequest(delivery), deps());
    expect(response.status).toBe(200);
    expect(await sandboxRun(runId)).toMatchObject({
      status: "completed",
      conclusion: "failure",
      failure: "rejected",
      protectionAnswers: [{ environment: "production", state: "rejected", comment: "production is locked in Flightdeck by oscar: INC-12: payments degraded" }],
    });
    expect(published).toContainEqual({ type: "deployment.protection", application: "beacon", environment: "production", data: { runId } });

    const replay = await receiveGithubWebhook(webhookRequest(delivery), deps());
    expect(await replay.json()).toEqual({ status: "duplicate" });
    expect(await callbackCalls()).toBe(callsBefore + 1);

    const events = await auditFor(runId);
    expect(events.map((event) => [event.action, event.outcome, event.actorType])).toEqual([
      ["deployment.protection_check", "requested", "system"],
      ["deployment.protection_rejected", "succeeded", "system"],
    ]);
    expect(events[1]).toMatchObject({ application: "beacon", environment: "production", correlationId: events[0]?.correlationId });
    expect(events[1]?.payload).toMatchObject({ decision: "rejected", requestedBy: "dana", lock: { lockedBy: "oscar", reason: "INC-12: payments degraded", expiresAt: null } });
  });

  test("an unlocked environment (or one whose lock expired) is approved; the run still waits for its reviewers", async () => {
    await database().prisma.environmentLock.deleteMany();
    await database().prisma.environmentLock.create({ data: { application: "beacon", environment: "production", lockedBy: "oscar", reason: "old incident", expiresAt: new Date(Date.now() - 60_000) } });
    const { delivery, runId } = await deployFromGitHub();

    expect((await receiveGithubWebhook(webhookRequest(delivery), deps())).status).toBe(200);
    expect(await sandboxRun(runId)).toMatchObject({ status: "waiting", protectionAnswers: [{ state: "approved", comment: "production is not locked in Flightdeck." }] });
    const events = await auditFor(runId);
    expect(events.map((event) => [event.action, event.outcome])).toEqual([
      ["deployment.protection_check", "requested"],
      ["deployment.protection_approved", "succeeded"],
    ]);
    expect(events[1]?.payload).toMatchObject({ decision: "approved", lock: null });
  });

  test("without App credentials nothing is answered (the deploy keeps waiting) and the failure is on the record", async () => {
    const { delivery, runId } = await deployFromGitHub();
    const callsBefore = await callbackCalls();
    expect((await receiveGithubWebhook(webhookRequest(delivery), deps(null))).status).toBe(200);
    expect(await callbackCalls()).toBe(callsBefore);
    expect(await sandboxRun(runId)).toMatchObject({ status: "waiting", protectionAnswers: [] });
    const events = await auditFor(runId);
    expect(events.map((event) => [event.action, event.outcome])).toEqual([
      ["deployment.protection_check", "requested"],
      ["deployment.protection_check", "failed"],
    ]);
    expect(events[1]?.payload).toMatchObject({ error: expect.stringContaining("GITHUB_APP_ID") });
  });
});
