// Locking and unlocking environments through the command pipeline, on a real Postgres.
import { beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "@/lib/testing/database";
import { dana, deployLike, oscar, rita, run } from "@/lib/testing/lock-kit";
import { lockEnvironment, unlockEnvironment } from "./lock-commands";

const database = useTestDatabase("file");
beforeAll(() => {
  process.env.DATABASE_URL = database().url;
});

describe("environment locks", () => {
  test("on-call locks staging with a reason; deploys there are refused naming who and why", async () => {
    expect(await run(lockEnvironment, { application: "wumbo", environment: "staging", reason: "INC-7: elevated 5xx" }, oscar)).toEqual({ ok: true, result: { locked: true, expiresAt: null } });
    expect(await run(deployLike, { application: "wumbo", environment: "staging" }, dana)).toEqual({
      ok: false,
      error: { kind: "locked", message: "staging is locked by oscar: INC-7: elevated 5xx" },
    });
    expect(await run(deployLike, { application: "wumbo", environment: "development" }, dana)).toMatchObject({ ok: true });
    const locked = await database().prisma.auditEvent.findFirst({ where: { action: "env.locked" }, orderBy: { id: "desc" } });
    expect(locked).toMatchObject({ outcome: "succeeded", actorLogin: "oscar", application: "wumbo", environment: "staging" });
    expect(locked?.payload).toEqual({ before: null, after: { lockedBy: "oscar", reason: "INC-7: elevated 5xx", expiresAt: null } });
  });

  test("locking twice says who holds the lock", async () => {
    const again = await run(lockEnvironment, { application: "wumbo", environment: "staging", reason: "me too" }, rita);
    expect(again).toEqual({ ok: false, error: { kind: "conflict", message: "staging is already locked by oscar: INC-7: elevated 5xx." } });
  });

  test("on-call may not unlock; a release manager may, and deploys work again", async () => {
    expect(await run(unlockEnvironment, { application: "wumbo", environment: "staging" }, oscar)).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(await run(unlockEnvironment, { application: "wumbo", environment: "staging" }, rita)).toEqual({ ok: true, result: { locked: false } });
    expect(await run(deployLike, { application: "wumbo", environment: "staging" }, dana)).toMatchObject({ ok: true });
    expect(await run(unlockEnvironment, { application: "wumbo", environment: "staging" }, rita)).toEqual({ ok: false, error: { kind: "conflict", message: "staging is not locked." } });
  });

  test("a deployer may not lock, an unknown environment is not found, and a reason is required", async () => {
    expect(await run(lockEnvironment, { application: "wumbo", environment: "production", reason: "because" }, dana)).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(await run(lockEnvironment, { application: "wumbo", environment: "moon", reason: "because" }, rita)).toMatchObject({ ok: false, error: { kind: "not_found" } });
    const noReason = await run(lockEnvironment, { application: "wumbo", environment: "production", reason: " " }, rita);
    expect(noReason).toMatchObject({ ok: false, error: { kind: "validation", fieldErrors: { reason: [expect.stringContaining("Say why")] } } });
  });
});
