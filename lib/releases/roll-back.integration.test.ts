// Rolling back ECS services through the pipeline against the sandbox's ECS and a real Postgres.
import { randomUUID } from "node:crypto";
import { DescribeServicesCommand, ECSClient } from "@aws-sdk/client-ecs";
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

/** What ECS itself says the service runs (PRIMARY deployment), read with the real SDK. */
async function primaryRevision(service: string): Promise<number> {
  const ecs = new ECSClient({ region: "us-east-1", endpoint: world().sandbox.url, credentials: { accessKeyId: "t", secretAccessKey: "t" } });
  const { services } = await ecs.send(new DescribeServicesCommand({ cluster: "wumbo-staging", services: [service] }));
  const primary = services?.[0]?.deployments?.find((deployment) => deployment.status === "PRIMARY");
  return Number(primary?.taskDefinition?.split(":").pop());
}

describe("roll back", () => {
  test("on-call points one service at the previous revision, even while the environment is locked", async () => {
    await database().prisma.environmentLock.create({ data: { application: "wumbo", environment: "staging", lockedBy: "rita", reason: "incident" } });
    const current = await primaryRevision("wumbo-staging-backend");
    const result = await rollback({ service: "backend", revision: current - 1, reason: "5xx after the last deploy" }, "oscar");
    expect(result).toMatchObject({ ok: true, result: { services: [{ service: "backend", from: expect.stringContaining(`:${current}`), to: expect.stringContaining(`:${current - 1}`) }] } });
    expect(await primaryRevision("wumbo-staging-backend")).toBe(current - 1);
    const audit = await database().prisma.auditEvent.findFirst({ where: { action: "service.rolled_back" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorLogin: "oscar", environment: "staging", target: "backend" });
    expect(audit?.payload).toMatchObject({ reason: "5xx after the last deploy", revision: current - 1 });
  });

  test("a deployer may not roll back; a release manager may", async () => {
    const current = await primaryRevision("wumbo-staging-worker");
    expect(await rollback({ service: "worker", revision: current - 1, reason: "try" }, "dana")).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(await rollback({ service: "worker", revision: current - 1, reason: "bad worker build" }, "rita")).toMatchObject({ ok: true });
  });

  test("a reason is required, and a revision that does not exist changes nothing", async () => {
    const current = await primaryRevision("wumbo-staging-frontend");
    expect(await rollback({ service: "frontend", revision: current - 1, reason: "" }, "oscar")).toMatchObject({ ok: false, error: { kind: "validation", fieldErrors: { reason: [expect.any(String)] } } });
    expect(await rollback({ service: "frontend", revision: 999, reason: "typo" }, "oscar")).toMatchObject({
      ok: false,
      error: { kind: "validation", fieldErrors: { revision: [expect.stringContaining("no revision 999")] } },
    });
    expect(await primaryRevision("wumbo-staging-frontend")).toBe(current);
  });
});
