// Granting and revoking roles through the command pipeline, against a real Postgres and the sandbox's
// GitHub (the grantee must be a member or team of the org): audited, idempotent, clear conflicts, and
// in effect at the grantee's next request (their roles are read again, as every request does).
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { runCommand } from "@/lib/commands/run-command";
import { lockEnvironment, unlockEnvironment } from "@/lib/environments/lock-commands";
import { useTestDatabase } from "@/lib/testing/database";
import { useSandboxPeople } from "@/lib/testing/sandbox-people";
import { rolesForPerson } from "./bindings-for";
import { grantRole, revokeRole } from "./commands";

const database = useTestDatabase("file");
const world = useSandboxPeople(database, { ada: ["viewer", "admin"], rita: ["viewer", "release_manager"], dana: ["viewer", "deployer"] });

const request = { ip: "192.0.2.44", userAgent: "vitest" };
const as = (login: string, idempotencyKey: string = randomUUID()) => ({ idempotencyKey, actor: world().people[login]!, request });
const danaStaging = { subjectType: "user", subject: "dana", role: "release_manager", application: "wumbo", environment: "staging" };

/** Dana as her next request would see her: her stored teams plus whatever bindings exist now. */
async function danaNow(teams: string[] = ["engineers"]): Promise<CurrentUser> {
  return { ...world().people.dana!, teams, ...(await rolesForPerson({ login: "dana", teams })) };
}

async function eventsAfter(id: bigint) {
  return database().prisma.auditEvent.findMany({ where: { id: { gt: id } }, orderBy: { id: "asc" } });
}

async function lastEventId(): Promise<bigint> {
  return (await database().prisma.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0n;
}

async function bindingCount() {
  return database().prisma.roleBinding.count();
}

describe("granting a role limited to one environment", () => {
  test("applies at dana's next request, in wumbo/staging only, and is audited with subject, role and scope", async () => {
    const unlockStaging = { application: "wumbo", environment: "staging" };
    // Before: a deployer may not lock or unlock anything.
    expect(await runCommand(lockEnvironment, { ...unlockStaging, reason: "before the grant" }, { ...as("dana"), actor: await danaNow() })).toMatchObject({
      ok: false,
      error: { kind: "forbidden", message: "You need the env.lock permission in staging; your roles are viewer, deployer." },
    });

    const since = await lastEventId();
    const granted = await runCommand(grantRole, { ...danaStaging, subject: "Dana" }, as("ada"));
    expect(granted).toMatchObject({ ok: true, result: { subjectType: "user", subject: "dana", role: "release_manager", application: "wumbo", environment: "staging", scope: "wumbo/staging", grantedBy: "ada" } });

    const events = await eventsAfter(since);
    expect(events.map((event) => [event.action, event.outcome])).toEqual([
      ["role.grant", "requested"],
      ["role.granted", "succeeded"],
    ]);
    expect(events[1]).toMatchObject({ actorLogin: "ada", application: "wumbo", environment: "staging", targetType: "user", target: "dana", correlationId: events[0]!.correlationId });
    expect(events[1]!.payload).toMatchObject({ subjectType: "user", subject: "dana", role: "release_manager", scope: "wumbo/staging", before: null });

    // Dana's next request: release manager in wumbo/staging, nowhere else.
    const dana = await danaNow();
    expect(dana.roles).toEqual(["viewer", "deployer"]);
    expect(dana.environmentRoles).toEqual([{ role: "release_manager", application: "wumbo", environment: "staging" }]);
    expect(await runCommand(lockEnvironment, { ...unlockStaging, reason: "INC-9: checking the grant" }, { ...as("dana"), actor: dana })).toMatchObject({ ok: true });
    expect(await runCommand(unlockEnvironment, unlockStaging, { ...as("dana"), actor: dana })).toMatchObject({ ok: true });
    expect(await runCommand(lockEnvironment, { application: "wumbo", environment: "production", reason: "not hers" }, { ...as("dana"), actor: dana })).toMatchObject({
      ok: false,
      error: { kind: "forbidden", message: "You need the env.lock permission in production; your roles are viewer, deployer." },
    });
  });

  test("a repeated submission returns the first result and grants once; a new submission of the same grant is a conflict", async () => {
    const key = randomUUID();
    const binding = { ...danaStaging, environment: "development" };
    const first = await runCommand(grantRole, binding, as("ada", key));
    expect(first.ok).toBe(true);
    const since = await lastEventId();
    const before = await bindingCount();

    const replay = await runCommand(grantRole, binding, as("ada", key));
    expect(replay).toEqual({ ...first, replayed: true });
    expect(await bindingCount()).toBe(before);
    expect(await eventsAfter(since)).toEqual([]);

    const again = await runCommand(grantRole, binding, as("ada"));
    expect(again).toMatchObject({ ok: false, error: { kind: "conflict" } });
    expect(!again.ok && again.error.message).toMatch(/^Release manager for dana in wumbo\/development exists already \(granted by ada on \d{4}-\d{2}-\d{2}\)\. Nothing changed\.$/);
    expect(await bindingCount()).toBe(before);
    expect((await eventsAfter(since)).map((event) => [event.action, event.outcome])).toEqual([
      ["role.grant", "requested"],
      ["role.grant", "failed"],
    ]);
  });

  test("two admins granting the same binding at once: one grant, and the other hears it exists", async () => {
    const binding = { ...danaStaging, role: "oncall", environment: "production" };
    const results = await Promise.all([runCommand(grantRole, binding, as("ada")), runCommand(grantRole, binding, as("ada"))]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({ ok: false, error: { kind: "conflict", message: expect.stringContaining("exists already") } });
    expect(await database().prisma.roleBinding.count({ where: { role: "oncall", environment: "production" } })).toBe(1);
  });

  test("unknown roles, environments and subjects are refused per field, and nothing is stored", async () => {
    const before = await bindingCount();
    const refused = async (input: object) => {
      const result = await runCommand(grantRole, { ...danaStaging, ...input }, as("ada"));
      expect(result).toMatchObject({ ok: false, error: { kind: "validation" } });
      return !result.ok ? result.error.fieldErrors : undefined;
    };
    expect(await refused({ role: "superuser" })).toEqual({ role: ["Choose deployer, release manager, on-call or admin (every member is a viewer already)."] });
    expect(await refused({ role: "viewer" })).toMatchObject({ role: [expect.stringContaining("every member is a viewer already")] });
    expect(await refused({ environment: "moon" })).toEqual({ environment: ["There is no environment wumbo/moon in the config."] });
    expect(await refused({ application: "", environment: "staging" })).toEqual({ environment: ["Name both the application and the environment, or neither."] });
    expect(await refused({ role: "admin" })).toEqual({ environment: ["Admin is about Flightdeck itself: it cannot be limited to an environment."] });
    expect(await refused({ subject: "not a login" })).toMatchObject({ subject: [expect.stringContaining("Not a GitHub login")] });
    expect(await refused({ subjectType: "team", subject: "other-org/engineers" })).toEqual({ subject: ["Only teams of skyward can be granted roles."] });
    expect(await refused({ subjectType: "robot" })).toMatchObject({ subjectType: [expect.any(String)] });
    // Checked with GitHub: a login outside the org, a team the org does not have.
    expect(await refused({ subject: "mallory" })).toEqual({ subject: ["mallory is not a member of skyward."] });
    expect(await refused({ subjectType: "team", subject: "astronauts" })).toEqual({ subject: ['skyward has no team "astronauts".'] });
    expect(await bindingCount()).toBe(before);
  });

  test("a non-admin's grant is refused and audited as a denial", async () => {
    const since = await lastEventId();
    const before = await bindingCount();
    const result = await runCommand(grantRole, { ...danaStaging, subject: "rita", role: "admin", application: "", environment: "" }, as("rita"));
    expect(result).toEqual({ ok: false, error: { kind: "forbidden", message: "You need the roles.manage permission; your roles are viewer, release_manager." } });
    expect(await bindingCount()).toBe(before);
    const events = await eventsAfter(since);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "action.denied", outcome: "denied", actorLogin: "rita", targetType: "user", target: "rita", ip: request.ip });
    expect(events[0]!.payload).toMatchObject({ attempted: "role.grant", input: { subject: "rita", role: "admin" } });
  });
});

describe("granting a role to a team", () => {
  test("applies to people whose stored teams include it, case-insensitively, and to nobody else", async () => {
    const result = await runCommand(grantRole, { subjectType: "team", subject: "@skyward/Engineers", role: "oncall", application: "", environment: "" }, as("ada"));
    expect(result).toMatchObject({ ok: true, result: { subjectType: "team", subject: "engineers", role: "oncall", application: null, environment: null, scope: "everywhere" } });
    const granted = await database().prisma.auditEvent.findFirst({ where: { action: "role.granted" }, orderBy: { id: "desc" } });
    expect(granted).toMatchObject({ targetType: "team", target: "engineers", application: null, environment: null });
    expect(granted!.payload).toMatchObject({ subjectType: "team", subject: "engineers", role: "oncall", scope: "everywhere" });

    expect((await rolesForPerson({ login: "dana", teams: ["Engineers"] })).roles).toEqual(["viewer", "deployer", "oncall"]);
    expect((await rolesForPerson({ login: "vera", teams: [] })).roles).toEqual(["viewer"]);
    expect((await rolesForPerson({ login: "rita", teams: ["release-managers"] })).roles).toEqual(["viewer", "release_manager"]);
  });
});

describe("revoking a role", () => {
  test("takes it away at the next request, is audited with what was revoked, and replays instead of repeating", async () => {
    expect((await danaNow()).environmentRoles).toContainEqual({ role: "release_manager", application: "wumbo", environment: "staging" });
    const since = await lastEventId();
    const key = randomUUID();
    const revoked = await runCommand(revokeRole, danaStaging, as("ada", key));
    expect(revoked).toMatchObject({ ok: true, result: { subject: "dana", role: "release_manager", scope: "wumbo/staging", grantedBy: "ada" } });

    const events = await eventsAfter(since);
    expect(events.map((event) => [event.action, event.outcome])).toEqual([
      ["role.revoke", "requested"],
      ["role.revoked", "succeeded"],
    ]);
    expect(events[1]).toMatchObject({ actorLogin: "ada", application: "wumbo", environment: "staging", targetType: "user", target: "dana" });
    expect(events[1]!.payload).toMatchObject({ subject: "dana", role: "release_manager", scope: "wumbo/staging", before: { grantedBy: "ada" }, after: null });

    const dana = await danaNow();
    expect(dana.environmentRoles).not.toContainEqual({ role: "release_manager", application: "wumbo", environment: "staging" });
    expect(await runCommand(unlockEnvironment, { application: "wumbo", environment: "staging" }, { ...as("dana"), actor: dana })).toMatchObject({ ok: false, error: { kind: "forbidden" } });

    expect(await runCommand(revokeRole, danaStaging, as("ada", key))).toEqual({ ...revoked, replayed: true });
    const missing = await runCommand(revokeRole, danaStaging, as("ada"));
    expect(missing).toEqual({
      ok: false,
      error: { kind: "conflict", message: "There is no binding Release manager for dana in wumbo/staging: nothing to revoke (it may have been revoked already)." },
    });
  });

  test("the last admin binding may go when the config's team mapping makes admins (platform → admin)", async () => {
    const raviAdmin = { subjectType: "user", subject: "ravi", role: "admin", application: "", environment: "" };
    expect(await runCommand(grantRole, raviAdmin, as("ada"))).toMatchObject({ ok: true });
    expect(await database().prisma.roleBinding.count({ where: { role: "admin" } })).toBe(1);
    expect(await runCommand(revokeRole, raviAdmin, as("ada"))).toMatchObject({ ok: true });
    expect(await database().prisma.roleBinding.count({ where: { role: "admin" } })).toBe(0);
  });

  test("a non-admin's revoke is refused, audited, and leaves the binding", async () => {
    const team = { subjectType: "team", subject: "engineers", role: "oncall", application: "", environment: "" };
    const since = await lastEventId();
    expect(await runCommand(revokeRole, team, as("rita"))).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(await database().prisma.roleBinding.count({ where: { subjectType: "team", subject: "engineers" } })).toBe(1);
    const [denied, ...rest] = await eventsAfter(since);
    expect(rest).toEqual([]);
    expect(denied).toMatchObject({ action: "action.denied", actorLogin: "rita", targetType: "team", target: "engineers" });
    expect(denied!.payload).toMatchObject({ attempted: "role.revoke" });
  });
});
