// Rolling back ECS services through the pipeline against the sandbox's ECS and a real Postgres.
import { randomUUID } from "node:crypto";
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient } from "@aws-sdk/client-ecs";
import { describe, expect, test } from "vitest";
import { runCommand } from "@/lib/commands/run-command";
import { useTestDatabase } from "@/lib/testing/database";
import { useSandboxPeople } from "@/lib/testing/sandbox-people";
import { rollBack } from "./roll-back";

const database = useTestDatabase("file");
const world = useSandboxPeople(database, { oscar: ["viewer", "deployer", "oncall"], dana: ["viewer", "deployer"], rita: ["viewer", "release_manager"] });
const request = { ip: "192.0.2.40", userAgent: "vitest" };
const rollback = (input: object, login: string) =>
  runCommand(rollBack, { application: "wumbo", environment: "staging", ...input }, { idempotencyKey: randomUUID(), actor: world().people[login]!, request });

const ecs = () => new ECSClient({ region: "us-east-1", endpoint: world().sandbox.url, credentials: { accessKeyId: "t", secretAccessKey: "t" } });

/** What ECS itself says the service runs (PRIMARY deployment), read with the real SDK. */
async function primaryRevision(service: string): Promise<number> {
  const { services } = await ecs().send(new DescribeServicesCommand({ cluster: "wumbo-staging", services: [service] }));
  const primary = services?.[0]?.deployments?.find((deployment) => deployment.status === "PRIMARY");
  return Number(primary?.taskDefinition?.split(":").pop());
}

/** The git SHA a revision of a service's family runs (its image tag), as ECS describes it. */
async function shaOf(service: string, revision: number): Promise<string> {
  const { taskDefinition } = await ecs().send(new DescribeTaskDefinitionCommand({ taskDefinition: `${service}:${revision}` }));
  return taskDefinition?.containerDefinitions?.[0]?.image?.split(":").pop() ?? "";
}

describe("roll back", () => {
  test("on-call points one service at the previous revision, even while the environment is locked", async () => {
    await database().prisma.environmentLock.create({ data: { application: "wumbo", environment: "staging", lockedBy: "rita", reason: "incident" } });
    const current = await primaryRevision("wumbo-staging-backend");
    const sha = await shaOf("wumbo-staging-backend", current - 1);
    const result = await rollback({ service: "backend", sha, reason: "5xx after the last deploy" }, "oscar");
    expect(result).toMatchObject({ ok: true, result: { locked: false, services: [{ service: "backend", from: expect.stringContaining(`:${current}`), to: expect.stringContaining(`:${current - 1}`), toSha: sha }] } });
    expect(await primaryRevision("wumbo-staging-backend")).toBe(current - 1);
    const audit = await database().prisma.auditEvent.findFirst({ where: { action: "service.rolled_back" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorLogin: "oscar", environment: "staging", target: "backend" });
    expect(audit?.payload).toMatchObject({ reason: "5xx after the last deploy", sha });
    // The lock someone else set stays as it was.
    expect(await database().prisma.environmentLock.findFirst({ where: { environment: "staging" } })).toMatchObject({ lockedBy: "rita", reason: "incident" });
    await database().prisma.environmentLock.deleteMany({});
  });

  test("a deployer may not roll back; a release manager may, and the environment is then locked to hold it", async () => {
    const current = await primaryRevision("wumbo-staging-worker");
    const sha = await shaOf("wumbo-staging-worker", current - 1);
    expect(await rollback({ service: "worker", sha, reason: "try" }, "dana")).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    const result = await rollback({ service: "worker", sha, reason: "bad worker build" }, "rita");
    expect(result).toMatchObject({ ok: true, result: { locked: true } });
    expect(await primaryRevision("wumbo-staging-worker")).toBe(current - 1);
    expect(await database().prisma.environmentLock.findFirst({ where: { application: "wumbo", environment: "staging" } })).toMatchObject({
      lockedBy: "rita",
      reason: "rolled back by rita: bad worker build",
    });
    const rolledBack = await database().prisma.auditEvent.findFirst({ where: { action: "service.rolled_back", actorLogin: "rita" }, orderBy: { id: "desc" } });
    const locked = await database().prisma.auditEvent.findFirst({ where: { action: "env.locked", actorLogin: "rita" }, orderBy: { id: "desc" } });
    expect(rolledBack?.correlationId).toBeTruthy();
    expect(locked).toMatchObject({ environment: "staging", payload: { cause: { rollbackCorrelationId: rolledBack?.correlationId } } });
    // Deploys are now refused until a release manager unlocks.
    await database().prisma.environmentLock.deleteMany({});
  });

  test("a reason is required; a release the service never ran, or runs now, changes nothing", async () => {
    const current = await primaryRevision("wumbo-staging-frontend");
    const sha = await shaOf("wumbo-staging-frontend", current - 1);
    expect(await rollback({ service: "frontend", sha, reason: "" }, "oscar")).toMatchObject({ ok: false, error: { kind: "validation", fieldErrors: { reason: [expect.any(String)] } } });
    expect(await rollback({ service: "frontend", sha: "0123456789abcdef0123456789abcdef01234567", reason: "typo" }, "oscar")).toMatchObject({
      ok: false,
      error: { kind: "validation", fieldErrors: { sha: [expect.stringContaining("frontend never ran 0123456")] } },
    });
    expect(await rollback({ service: "frontend", sha: await shaOf("wumbo-staging-frontend", current), reason: "noop" }, "oscar")).toMatchObject({
      ok: false,
      error: { kind: "validation", fieldErrors: { sha: [expect.stringContaining("Already running")] } },
    });
    expect(await primaryRevision("wumbo-staging-frontend")).toBe(current);
    expect(await database().prisma.environmentLock.count()).toBe(0);
  });
});
