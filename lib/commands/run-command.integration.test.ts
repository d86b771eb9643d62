// The mutation pipeline against a real Postgres: validation, authorization, locks, idempotency,
// audit intent/outcome and the live event — what every action in Flightdeck relies on.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/current-user";
import { ConflictError } from "@/lib/errors";
import { LIVE_CHANNEL } from "@/lib/live/publish";
import { useTestDatabase } from "@/lib/testing/database";
import { defineCommand } from "./define-command";
import { runCommand } from "./run-command";

const database = useTestDatabase("file");
beforeAll(() => {
  // lib/db reads DATABASE_URL once, at its first use: point it at this file's database.
  process.env.DATABASE_URL = database().url;
});

const request = { ip: "203.0.113.7", userAgent: "vitest" };
const person = (login: string, roles: CurrentUser["roles"]): CurrentUser => ({
  id: randomUUID(),
  githubId: "1",
  login,
  name: null,
  avatarUrl: null,
  teams: [],
  roles,
});
const dana = person("dana", ["viewer", "deployer"]);
const vera = person("vera", ["viewer"]);

const effects: string[] = [];
const poke = defineCommand({
  name: "test.poke",
  input: z.object({ environment: z.enum(["staging", "production"]), note: z.string().min(3, "at least 3 characters"), fail: z.enum(["no", "conflict", "crash"]).default("no") }),
  audit: { action: "test.requested", successAction: "test.poked" },
  authorize: ({ actor, input }) => ({
    permission: "deploy.unprotected",
    scope: { application: "wumbo", environment: input.environment, targetType: "thing", target: input.note },
    refusal: input.note === "self" && actor.login === "dana" ? "You started this release; someone else must approve it." : null,
  }),
  async effect({ input, correlationId }) {
    if (input.fail === "conflict") throw new ConflictError("The run already finished.");
    if (input.fail === "crash") throw new Error("socket hang up from upstream with secret gho_abcdefghijklmnop");
    effects.push(input.note);
    return { result: { poked: input.note }, payload: { before: null, after: input.note }, target: `run-${correlationId.slice(0, 4)}` };
  },
});

async function auditRows() {
  return database().prisma.auditEvent.findMany({ orderBy: { id: "asc" } });
}

describe("runCommand", () => {
  test("invalid input comes back as field errors and nothing is recorded", async () => {
    const before = (await auditRows()).length;
    const result = await runCommand(poke, { environment: "moon", note: "x" }, { idempotencyKey: randomUUID(), actor: dana, request });
    expect(result).toMatchObject({ ok: false, error: { kind: "validation" } });
    expect(!result.ok && result.error.fieldErrors).toMatchObject({ environment: [expect.any(String)], note: ["at least 3 characters"] });
    expect(await auditRows()).toHaveLength(before);
  });

  test("a missing idempotency key is refused", async () => {
    const result = await runCommand(poke, { environment: "staging", note: "abc" }, { idempotencyKey: undefined, actor: dana, request });
    expect(result).toMatchObject({ ok: false, error: { kind: "validation" } });
  });

  test("a person without the permission is refused, and the refusal is audited", async () => {
    const result = await runCommand(poke, { environment: "staging", note: "viewer-try" }, { idempotencyKey: randomUUID(), actor: vera, request });
    expect(result).toMatchObject({ ok: false, error: { kind: "forbidden", message: expect.stringContaining("deploy.unprotected") } });
    expect(effects).not.toContain("viewer-try");
    const denied = (await auditRows()).at(-1);
    expect(denied).toMatchObject({ action: "action.denied", outcome: "denied", actorLogin: "vera", environment: "staging", ip: "203.0.113.7" });
    expect(denied?.payload).toMatchObject({ attempted: "test.requested" });
  });

  test("a policy refusal (four-eyes) is refused and audited like a missing permission", async () => {
    const result = await runCommand(poke, { environment: "staging", note: "self" }, { idempotencyKey: randomUUID(), actor: dana, request });
    expect(result).toMatchObject({ ok: false, error: { kind: "forbidden", message: "You started this release; someone else must approve it." } });
    expect((await auditRows()).at(-1)).toMatchObject({ action: "action.denied", actorLogin: "dana" });
  });

  test("success writes the intent before and the outcome after, linked by one correlation id", async () => {
    const result = await runCommand(poke, { environment: "staging", note: "first" }, { idempotencyKey: randomUUID(), actor: dana, request });
    expect(result).toEqual({ ok: true, result: { poked: "first" } });
    const [intent, outcome] = (await auditRows()).slice(-2);
    expect(intent).toMatchObject({ action: "test.requested", outcome: "requested", application: "wumbo", environment: "staging", target: "first" });
    expect(outcome).toMatchObject({ action: "test.poked", outcome: "succeeded", correlationId: intent?.correlationId });
    expect(outcome?.target).toMatch(/^run-/);
    expect(outcome?.payload).toEqual({ before: null, after: "first" });
  });

  test("a repeated key returns the first result and never repeats the effect", async () => {
    const key = randomUUID();
    const first = await runCommand(poke, { environment: "staging", note: "once" }, { idempotencyKey: key, actor: dana, request });
    const again = await runCommand(poke, { environment: "staging", note: "once" }, { idempotencyKey: key, actor: dana, request });
    expect(first).toEqual({ ok: true, result: { poked: "once" } });
    expect(again).toEqual({ ok: true, result: { poked: "once" }, replayed: true });
    expect(effects.filter((note) => note === "once")).toHaveLength(1);
  });

  test("a double click (two concurrent submissions with one key) runs the effect once", async () => {
    const key = randomUUID();
    const results = await Promise.all(
      [1, 2, 3].map(() => runCommand(poke, { environment: "staging", note: "double" }, { idempotencyKey: key, actor: dana, request })),
    );
    expect(effects.filter((note) => note === "double")).toHaveLength(1);
    expect(results.filter((result) => result.ok && !result.replayed)).toHaveLength(1);
    for (const result of results) {
      if (!result.ok) expect(result.error.kind).toBe("conflict");
    }
  });

  test("keys are per person: the same key from someone else is a new request", async () => {
    const key = randomUUID();
    const oscar = person("oscar", ["viewer", "deployer", "oncall"]);
    await runCommand(poke, { environment: "staging", note: "shared-key" }, { idempotencyKey: key, actor: dana, request });
    await runCommand(poke, { environment: "staging", note: "shared-key" }, { idempotencyKey: key, actor: oscar, request });
    expect(effects.filter((note) => note === "shared-key")).toHaveLength(2);
  });

  test("a locked environment refuses the command with who locked it and why", async () => {
    await database().prisma.environmentLock.create({ data: { application: "wumbo", environment: "production", lockedBy: "rita", reason: "incident INC-42" } });
    const result = await runCommand(poke, { environment: "production", note: "locked-out" }, { idempotencyKey: randomUUID(), actor: dana, request });
    expect(result).toEqual({ ok: false, error: { kind: "locked", message: "production is locked by rita: incident INC-42" } });
    expect(effects).not.toContain("locked-out");
    expect((await auditRows()).at(-1)).toMatchObject({ action: "action.denied", environment: "production" });
  });

  test("an expected failure of the effect is recorded as failed and replayed, not retried", async () => {
    const key = randomUUID();
    const first = await runCommand(poke, { environment: "staging", note: "late", fail: "conflict" }, { idempotencyKey: key, actor: dana, request });
    expect(first).toEqual({ ok: false, error: { kind: "conflict", message: "The run already finished." } });
    expect((await auditRows()).at(-1)).toMatchObject({ action: "test.requested", outcome: "failed" });
    expect(await runCommand(poke, { environment: "staging", note: "late", fail: "conflict" }, { idempotencyKey: key, actor: dana, request })).toEqual(first);
  });

  test("an unexpected failure shows a reference, never the raw message, and is audited as failed", async () => {
    const result = await runCommand(poke, { environment: "staging", note: "boom", fail: "crash" }, { idempotencyKey: randomUUID(), actor: dana, request });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe("internal");
    expect(result.error.message).not.toContain("socket");
    expect(result.error.message).toContain(result.error.reference);
    const outcome = (await auditRows()).at(-1);
    expect(outcome).toMatchObject({ outcome: "failed" });
    expect(JSON.stringify(outcome?.payload)).not.toContain("gho_");
  });

  test("success is announced on the live channel", async () => {
    const listener = new pg.Client({ connectionString: database().url });
    await listener.connect();
    try {
      await listener.query(`LISTEN ${LIVE_CHANNEL}`);
      const heard = new Promise<unknown>((resolve) => listener.once("notification", (message) => resolve(JSON.parse(message.payload ?? "null"))));
      await runCommand(poke, { environment: "staging", note: "announce" }, { idempotencyKey: randomUUID(), actor: dana, request });
      expect(await heard).toEqual({ type: "test.poke", application: "wumbo", environment: "staging" });
    } finally {
      await listener.end();
    }
  });
});
