// The reconciler against a real Postgres: interrupted commands get the outcome the world shows.
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { recordIntent } from "@/lib/audit/record";
import { useTestDatabase } from "@/lib/testing/database";
import { reconcileInterruptedCommands, RECONCILE_GRACE_MS } from "./reconcile";

const database = useTestDatabase("each");
const dana = { type: "user", id: randomUUID(), login: "dana" } as const;

async function interrupted(action: string, input: object) {
  const { prisma } = database();
  const key = randomUUID();
  await prisma.commandExecution.create({ data: { actorId: dana.id, idempotencyKey: key, command: action, status: "running" } });
  const { correlationId } = await recordIntent(
    { actor: dana, action, application: "wumbo", environment: "staging", payload: { input } },
    { db: prisma },
  );
  return { key, correlationId };
}

const later = () => new Date(Date.now() + RECONCILE_GRACE_MS + 1_000);

describe("reconciling interrupted commands", () => {
  test("a deploy whose run GitHub started is recorded as dispatched, and a retry gets that answer", async () => {
    const { prisma } = database();
    const { key, correlationId } = await interrupted("deploy.requested", { application: "wumbo", environment: "staging", ref: "staging" });
    await prisma.workflowRun.create({
      data: { id: 4242n, application: "wumbo", workflowId: 1n, workflowName: "Deploy", workflowPath: ".github/workflows/deploy.yml", runNumber: 7, runAttempt: 1, title: "Deploy", event: "workflow_dispatch", headSha: "a".repeat(40), status: "queued", actorLogin: "dana", environment: "staging", url: "https://example.test/runs/4242", createdAt: new Date(), updatedAt: new Date() },
    });
    expect(await reconcileInterruptedCommands({ now: later(), prisma })).toBe(1);
    const outcome = await prisma.auditEvent.findFirst({ where: { correlationId, outcome: { not: "requested" } } });
    expect(outcome).toMatchObject({ action: "deploy.dispatched", outcome: "succeeded", actorType: "system", target: "4242", environment: "staging" });
    expect(outcome?.payload).toMatchObject({ runId: 4242, reconciled: true });
    expect(await prisma.commandExecution.findUnique({ where: { actorId_idempotencyKey: { actorId: dana.id, idempotencyKey: key } } })).toMatchObject({
      status: "succeeded",
      correlationId,
      result: { ok: true, result: { reconciled: true, target: "4242" } },
    });
    // Once resolved, never again.
    expect(await reconcileInterruptedCommands({ now: later(), prisma })).toBe(0);
  });

  test("a deploy that started nothing is recorded as failed; intents still in their grace period are left alone", async () => {
    const { prisma } = database();
    const { correlationId } = await interrupted("deploy.requested", { application: "wumbo", environment: "staging", ref: "staging" });
    expect(await reconcileInterruptedCommands({ now: new Date(), prisma })).toBe(0);
    expect(await reconcileInterruptedCommands({ now: later(), prisma })).toBe(1);
    const outcome = await prisma.auditEvent.findFirst({ where: { correlationId, outcome: { not: "requested" } } });
    expect(outcome).toMatchObject({ action: "deploy.requested", outcome: "failed" });
    expect(outcome?.payload).toMatchObject({ reason: "No workflow run was started for this request.", reconciled: true });
  });

  test("a command with no way to look it up says its effect is unknown", async () => {
    const { prisma } = database();
    const { correlationId } = await interrupted("run.cancel", { application: "wumbo", runId: 1 });
    await reconcileInterruptedCommands({ now: later(), prisma });
    const outcome = await prisma.auditEvent.findFirst({ where: { correlationId, outcome: { not: "requested" } } });
    expect(outcome).toMatchObject({ outcome: "failed", actorLogin: "reconciler" });
    expect(String((outcome?.payload as { reason: string }).reason)).toContain("unknown");
  });
});
