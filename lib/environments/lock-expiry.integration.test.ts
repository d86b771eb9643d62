// Lock expiry on a real Postgres: an expired lock refuses nothing even before the sweep, and the
// sweep records each expiry exactly once however many instances run it at the same moment.
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { LiveEvent } from "@/lib/live/publish";
import { readEnvironmentStatuses } from "@/lib/overview/read-status";
import { getConfig } from "@/lib/config";
import { useTestDatabase } from "@/lib/testing/database";
import { dana, deployLike, oscar, rita, run } from "@/lib/testing/lock-kit";
import { lockEnvironment, unlockEnvironment } from "./lock-commands";
import { sweepExpiredLocks } from "./lock-expiry";

const database = useTestDatabase("file");
let secondInstance: PrismaClient;
beforeAll(() => {
  process.env.DATABASE_URL = database().url;
  // Another app instance: its own connection pool on the same database.
  secondInstance = new PrismaClient({ adapter: new PrismaPg({ connectionString: database().url }) });
});
afterAll(async () => {
  await secondInstance.$disconnect();
});
beforeEach(async () => {
  await database().prisma.environmentLock.deleteMany();
});

const expiredEvents = () => database().prisma.auditEvent.findMany({ where: { action: "env.lock_expired" }, orderBy: { id: "asc" } });
const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

async function lockDirectly(environment: string, expiresAt: Date | null) {
  await database().prisma.environmentLock.create({ data: { application: "wumbo", environment, lockedBy: "oscar", reason: "INC-8: queue backlog", expiresAt } });
}

describe("lock expiry", () => {
  test("a lock with an expiry refuses deploys naming until when; the overview shows it", async () => {
    const locked = await run(lockEnvironment, { application: "wumbo", environment: "staging", reason: "INC-8: queue backlog", expiry: "4h" }, oscar);
    expect(locked).toMatchObject({ ok: true, result: { locked: true, expiresAt: expect.any(String) } });
    const expiresAt = new Date((locked as unknown as { result: { expiresAt: string } }).result.expiresAt);
    expect(Math.abs(expiresAt.getTime() - minutesFromNow(240).getTime())).toBeLessThan(60_000);
    const refused = await run(deployLike, { application: "wumbo", environment: "staging" }, dana);
    expect(refused).toEqual({
      ok: false,
      error: { kind: "locked", message: `staging is locked by oscar until ${expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC: INC-8: queue backlog` },
    });
    const status = (await readEnvironmentStatuses(database().prisma, getConfig(), getConfig().applications.filter((app) => app.slug === "wumbo"), { environment: "staging" })).get("wumbo")?.[0];
    expect(status?.lock).toEqual({ lockedBy: "oscar", reason: "INC-8: queue backlog", since: expect.any(String), until: expiresAt.toISOString() });
  });

  test("an expired lock refuses nothing and no longer shows, even before the sweep ran", async () => {
    await lockDirectly("staging", minutesFromNow(-1));
    expect(await run(deployLike, { application: "wumbo", environment: "staging" }, dana)).toMatchObject({ ok: true });
    const status = (await readEnvironmentStatuses(database().prisma, getConfig(), getConfig().applications.filter((app) => app.slug === "wumbo"), { environment: "staging" })).get("wumbo")?.[0];
    expect(status?.lock).toBeNull();
    // Still in the table until the sweep: the deploy was allowed by the expiry, not by a deleted row.
    expect(await database().prisma.environmentLock.count()).toBe(1);
  });

  test("two instances sweeping at once record each expiry exactly once, and tell open pages once", async () => {
    await lockDirectly("development", minutesFromNow(-2));
    await lockDirectly("staging", minutesFromNow(-1));
    await lockDirectly("production", minutesFromNow(30));
    const before = (await expiredEvents()).length;
    const published: LiveEvent[] = [];
    const publish = async (event: LiveEvent) => {
      published.push(event);
    };
    const [first, second] = await Promise.all([sweepExpiredLocks({ prisma: database().prisma, publish }), sweepExpiredLocks({ prisma: secondInstance, publish })]);

    expect([...first, ...second].map((lock) => lock.environment).sort()).toEqual(["development", "staging"]);
    const events = (await expiredEvents()).slice(before);
    expect(events.map((event) => event.environment).sort()).toEqual(["development", "staging"]);
    expect(events[0]).toMatchObject({ actorType: "system", actorLogin: null, outcome: "succeeded", application: "wumbo", targetType: "environment" });
    expect(events.find((event) => event.environment === "staging")?.payload).toMatchObject({ before: { lockedBy: "oscar", reason: "INC-8: queue backlog" }, after: null });
    expect(published.map((event) => `${event.type} ${event.environment}`).sort()).toEqual(["env.lock_expired development", "env.lock_expired staging"]);
    // The lock that has not expired stays; a later sweep finds nothing more to do.
    expect(await database().prisma.environmentLock.findMany({ select: { environment: true } })).toEqual([{ environment: "production" }]);
    expect(await sweepExpiredLocks({ prisma: secondInstance, publish })).toEqual([]);
    expect((await expiredEvents()).length).toBe(before + 2);
    expect(await verifyAuditChain({ databaseUrl: database().url })).toMatchObject({ ok: true });
  });

  test("locking over an expired lock records the expiry first; unlocking an expired lock says it is not locked", async () => {
    await lockDirectly("staging", minutesFromNow(-1));
    const before = (await expiredEvents()).length;
    expect(await run(lockEnvironment, { application: "wumbo", environment: "staging", reason: "deploy freeze", expiry: "none" }, rita)).toEqual({ ok: true, result: { locked: true, expiresAt: null } });
    expect((await expiredEvents()).length).toBe(before + 1);
    expect(await database().prisma.environmentLock.findFirst({ select: { lockedBy: true, expiresAt: true } })).toEqual({ lockedBy: "rita", expiresAt: null });

    await database().prisma.environmentLock.deleteMany();
    await lockDirectly("staging", minutesFromNow(-1));
    expect(await run(unlockEnvironment, { application: "wumbo", environment: "staging" }, rita)).toEqual({ ok: false, error: { kind: "conflict", message: "staging is not locked." } });
    expect((await expiredEvents()).length).toBe(before + 2);
  });

  test("a custom expiry must lie ahead (at most 90 days) and needs a time", async () => {
    const lock = (extra: object) => run(lockEnvironment, { application: "wumbo", environment: "staging", reason: "freeze", ...extra }, rita);
    expect(await lock({ expiry: "custom", expiresAt: minutesFromNow(-5).toISOString() })).toMatchObject({ ok: false, error: { kind: "validation", fieldErrors: { expiresAt: ["Pick a time at least a minute from now."] } } });
    expect(await lock({ expiry: "custom", expiresAt: minutesFromNow(91 * 24 * 60).toISOString() })).toMatchObject({ ok: false, error: { kind: "validation", fieldErrors: { expiresAt: [expect.stringContaining("At most 90 days")] } } });
    expect(await lock({ expiry: "end_of_day", expiresAt: "" })).toMatchObject({ ok: false, error: { kind: "validation", fieldErrors: { expiresAt: ["Pick a date and time."] } } });
    const at = minutesFromNow(120);
    expect(await lock({ expiry: "custom", expiresAt: at.toISOString() })).toEqual({ ok: true, result: { locked: true, expiresAt: at.toISOString() } });
  });
});
