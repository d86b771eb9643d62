// When the config maps no team to admin, Flightdeck's bindings are the only way anyone is an admin:
// revoking the last binding that grants admin everywhere is refused, so roles stay manageable.
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { runCommand } from "@/lib/commands/run-command";
import { useTestDatabase } from "@/lib/testing/database";
import { useSandboxPeople } from "@/lib/testing/sandbox-people";
import { rolesForPerson } from "./bindings-for";
import { grantRole, revokeRole } from "./commands";

const database = useTestDatabase("file");
const world = useSandboxPeople(database, { ada: ["viewer", "admin"] }, (yaml) => {
  if (!yaml.includes("  platform: [admin]\n")) throw new Error("the shipped config no longer maps platform to admin; update this test");
  return yaml.replace("  platform: [admin]\n", "");
});

const request = { ip: "192.0.2.45", userAgent: "vitest" };
const as = (login: string) => ({ idempotencyKey: randomUUID(), actor: world().people[login]!, request });
const adminFor = (subject: string) => ({ subjectType: "user", subject, role: "admin", application: "", environment: "" });

describe("the last admin binding, with no admin team in the config", () => {
  test("is kept: revoking it is refused with the reason, while any other admin binding may go", async () => {
    // Ada's admin now comes from a binding only (the config gives her team nothing).
    await database().prisma.roleBinding.create({ data: { subjectType: "user", subject: "ada", role: "admin", grantedBy: "bootstrap" } });
    expect((await rolesForPerson({ login: "ada", teams: ["platform"] })).roles).toEqual(["viewer", "admin"]);

    expect(await runCommand(grantRole, adminFor("ravi"), as("ada"))).toMatchObject({ ok: true });
    expect(await runCommand(revokeRole, adminFor("ada"), as("ada"))).toMatchObject({ ok: true });

    const last = await runCommand(revokeRole, adminFor("ravi"), as("ada"));
    expect(last).toEqual({
      ok: false,
      error: {
        kind: "conflict",
        message: "This is the last binding that grants admin, and no team in the config maps to admin: without it nobody could manage roles. Grant admin to someone else first.",
      },
    });
    expect(await database().prisma.roleBinding.findMany({ where: { role: "admin" }, select: { subject: true } })).toEqual([{ subject: "ravi" }]);
    const failed = await database().prisma.auditEvent.findFirst({ where: { action: "role.revoke", outcome: "failed" }, orderBy: { id: "desc" } });
    expect(failed).toMatchObject({ actorLogin: "ada", targetType: "user", target: "ravi" });

    // A team binding granting admin counts as an admin binding too.
    expect(await runCommand(grantRole, { ...adminFor("platform"), subjectType: "team" }, as("ada"))).toMatchObject({ ok: true });
    expect(await runCommand(revokeRole, adminFor("ravi"), as("ada"))).toMatchObject({ ok: true });
  });
});
