// The audit trail against a real Postgres: append-only enforcement, the hash chain under concurrency,
// verify catching tampering, intents and outcomes, queries and the streaming export.
import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, test } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { useTestDatabase } from "@/lib/testing/database";
import { GENESIS_HASH } from "./canonical";
import { findAuditEvents, streamAuditEvents } from "./find-audit-events";
import { findUnresolvedIntents } from "./find-unresolved-intents";
import { recordDenied, recordEvent, recordEvents, recordExternalEvent, recordIntent, recordOutcome, type AuditEventInput } from "./record";
import { verifyAuditChain } from "./verify";

const rita = { type: "user", id: null, login: "rita" } as const;

function event(n: number, extra: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    actor: rita,
    action: "flag.changed",
    outcome: "succeeded",
    application: "checkout",
    environment: n % 2 ? "staging" : "production",
    targetType: "flag",
    target: `flag-${n}`,
    payload: { before: false, after: true, n },
    ...extra,
  };
}

describe("append-only", () => {
  const db = useTestDatabase("each");

  test("the first event chains from the genesis hash and the next from it", async () => {
    const { prisma } = db();
    const first = await recordEvent(event(1), { db: prisma });
    const second = await recordEvent(event(2), { db: prisma });
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
    expect(second.id).toBeGreaterThan(first.id);
    expect(await verifyAuditChain({ databaseUrl: db().url })).toMatchObject({ ok: true, count: 2, headHash: second.hash });
  });

  test("UPDATE, DELETE and TRUNCATE are refused by the database", async () => {
    const { prisma } = db();
    await recordEvent(event(1), { db: prisma });
    await expect(prisma.$executeRawUnsafe(`UPDATE audit_events SET target = 'x'`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(prisma.$executeRawUnsafe(`DELETE FROM audit_events`)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(prisma.$executeRawUnsafe(`TRUNCATE audit_events`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    await expect(prisma.auditEvent.deleteMany({})).rejects.toThrow();
    expect(await prisma.auditEvent.count()).toBe(1);
  });

  test("verify finds a row changed with the trigger disabled, and names what differs", async () => {
    const { prisma } = db();
    const events = await recordEvents([1, 2, 3, 4, 5].map((n) => event(n)), { db: prisma });
    const victim = events[2]!;
    await prisma.$executeRawUnsafe(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
    await prisma.$executeRawUnsafe(`UPDATE audit_events SET outcome = 'failed' WHERE id = ${victim.id}`);
    await prisma.$executeRawUnsafe(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);

    const result = await verifyAuditChain({ databaseUrl: db().url });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.count).toBe(2);
    expect(result.broken).toMatchObject({ id: String(victim.id), problem: "hash" });
    expect(result.detail).toContain(victim.hash);
  });

  test("verify finds a removed event at the event after it", async () => {
    const { prisma } = db();
    const events = await recordEvents([1, 2, 3, 4].map((n) => event(n)), { db: prisma });
    await prisma.$executeRawUnsafe(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
    await prisma.$executeRawUnsafe(`DELETE FROM audit_events WHERE id = ${events[1]!.id}`);
    await prisma.$executeRawUnsafe(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
    const result = await verifyAuditChain({ databaseUrl: db().url });
    expect(result).toMatchObject({ ok: false, count: 1, broken: { id: String(events[2]!.id), problem: "prev_hash" } });
  });

  test("20 concurrent writers on their own connections keep the chain linear", async () => {
    const writers = Array.from({ length: 20 }, () => new PrismaClient({ adapter: new PrismaPg({ connectionString: db().url, max: 2 }) }));
    try {
      await Promise.all(
        writers.map(async (client, w) => {
          for (let i = 0; i < 10; i++) await recordEvent(event(w * 100 + i, { actor: { type: "user", id: null, login: `writer-${w}` } }), { db: client });
        }),
      );
    } finally {
      await Promise.all(writers.map((client) => client.$disconnect()));
    }
    expect(await verifyAuditChain({ databaseUrl: db().url })).toMatchObject({ ok: true, count: 200 });
    const rows = await db().prisma.auditEvent.findMany({ orderBy: { id: "asc" }, select: { occurredAt: true } });
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.occurredAt.getTime()).toBeGreaterThanOrEqual(rows[i - 1]!.occurredAt.getTime());
  });
});

describe("recording", () => {
  const db = useTestDatabase("each");

  test("an intent stays unresolved until its outcome, and outcomes are recorded once", async () => {
    const { prisma } = db();
    const intent = await recordIntent(
      { actor: rita, action: "deploy.requested", application: "checkout", environment: "production", targetType: "ref", target: "main", payload: { ref: "main" } },
      { db: prisma },
    );
    const later = new Date(Date.now() + 60_000);
    expect((await findUnresolvedIntents({ olderThan: later, db: prisma })).map((e) => e.correlationId)).toEqual([intent.correlationId]);
    expect(await findUnresolvedIntents({ olderThan: new Date(Date.now() - 60_000), db: prisma })).toEqual([]);

    const outcome = await recordOutcome(
      { correlationId: intent.correlationId, outcome: "succeeded", action: "deploy.dispatched", targetType: "run", target: "9001" },
      { db: prisma },
    );
    expect(outcome).toMatchObject({ actorLogin: "rita", action: "deploy.dispatched", application: "checkout", environment: "production", target: "9001" });
    expect(await findUnresolvedIntents({ olderThan: later, db: prisma })).toEqual([]);

    // A reconciler racing the original process gets the recorded outcome back; nothing new is written.
    const again = await recordOutcome({ correlationId: intent.correlationId, outcome: "failed", actor: { type: "system" } }, { db: prisma });
    expect(again.id).toBe(outcome.id);
    expect(await prisma.auditEvent.count()).toBe(2);
    await expect(recordOutcome({ correlationId: "nope", outcome: "failed" }, { db: prisma })).rejects.toThrow(/no audit intent/);
  });

  test("external and denied events carry their source, and no secret reaches the table", async () => {
    const { prisma } = db();
    const external = await recordExternalEvent(
      { source: "github", githubLogin: "octocat", action: "release.approved", outcome: "succeeded", application: "checkout", environment: "production", targetType: "run", target: "77" },
      { db: prisma },
    );
    expect(external).toMatchObject({ actorType: "github", actorLogin: "octocat", actorId: null });
    const ecs = await recordExternalEvent({ source: "ecs", action: "service.rollout", outcome: "failed", target: "backend" }, { db: prisma });
    expect(ecs).toMatchObject({ actorType: "ecs", actorLogin: null });

    const denied = await recordDenied(
      {
        actor: { type: "user", id: null, login: "vera" },
        attempted: "deploy.requested",
        reason: "missing permission deploy.protected",
        environment: "production",
        request: { ip: "203.0.113.9", userAgent: "UA" },
        input: { ref: "main", token: "ghp_abcdefghijklmnopqrstuvwxyz0123456789" },
      },
      { db: prisma },
    );
    expect(denied).toMatchObject({ action: "action.denied", outcome: "denied", ip: "203.0.113.9" });
    const stored = await prisma.$queryRawUnsafe<{ text: string }[]>(`SELECT string_agg(t::text, ' ') AS text FROM audit_events t`);
    expect(stored[0]!.text).not.toContain("ghp_");
    expect(await verifyAuditChain({ databaseUrl: db().url })).toMatchObject({ ok: true, count: 3 });
  });
});

describe("reading and exporting", () => {
  const db = useTestDatabase("file");

  test("filters, keyset pages and request metadata", async () => {
    const { prisma } = db();
    await recordEvents(
      Array.from({ length: 120 }, (_, n) =>
        event(n, {
          actor: { type: "user", id: null, login: n % 3 ? "Rita" : "ravi" },
          target: n === 7 ? "50%_off" : `flag-${n}`,
          outcome: n % 10 === 0 ? "failed" : "succeeded",
          request: { ip: "198.51.100.1", userAgent: "UA" },
        }),
      ),
      { db: prisma },
    );

    const first = await findAuditEvents({ filters: {}, includeRequestMeta: false, limit: 50, db: prisma });
    expect(first.events).toHaveLength(50);
    expect(first.events[0]!.id > first.events[1]!.id || BigInt(first.events[0]!.id) > BigInt(first.events[1]!.id)).toBe(true);
    expect(first.newer).toBeNull();
    expect(first.events[0]).not.toHaveProperty("ip");
    const second = await findAuditEvents({ filters: { before: BigInt(first.older!) }, includeRequestMeta: true, limit: 50, db: prisma });
    expect(BigInt(second.events[0]!.id)).toBe(BigInt(first.older!) - 1n);
    expect(second.events[0]!.ip).toBe("198.51.100.1");
    const back = await findAuditEvents({ filters: { after: BigInt(second.newer!) }, includeRequestMeta: false, limit: 50, db: prisma });
    expect(back.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));

    const ravi = await findAuditEvents({ filters: { actor: "RAVI", outcome: "failed" }, includeRequestMeta: false, limit: 100, db: prisma });
    expect(ravi.events.length).toBeGreaterThan(0);
    expect(ravi.events.every((e) => e.actorLogin === "ravi" && e.outcome === "failed")).toBe(true);

    const literal = await findAuditEvents({ filters: { q: "%_" }, includeRequestMeta: false, db: prisma });
    expect(literal.events.map((e) => e.target)).toEqual(["50%_off"]);
  });

  test("a time range returns exactly the events inside it", async () => {
    const { prisma } = db();
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
    const a = await recordEvent(event(1, { action: "env.locked" }), { db: prisma });
    await tick();
    const b = await recordEvent(event(2, { action: "env.locked" }), { db: prisma });
    await tick();
    const c = await recordEvent(event(3, { action: "env.locked" }), { db: prisma });
    expect(a.occurredAt < b.occurredAt && b.occurredAt < c.occurredAt).toBe(true);
    const only = async (from?: Date, to?: Date) =>
      (await findAuditEvents({ filters: { action: "env.locked", from, to }, includeRequestMeta: false, db: prisma })).events.map((e) => e.id);
    expect(await only(b.occurredAt, b.occurredAt)).toEqual([String(b.id)]);
    expect(await only(b.occurredAt)).toEqual([String(c.id), String(b.id)]);
    expect(await only(undefined, b.occurredAt)).toEqual([String(b.id), String(a.id)]);
    expect(await only(new Date(c.occurredAt.getTime() + 1))).toEqual([]);
  });

  test("the export streams a large set in keyset batches, newest first", async () => {
    const { prisma } = db();
    const before = await prisma.auditEvent.count();
    for (let batch = 0; batch < 5; batch++) {
      await recordEvents(Array.from({ length: 1000 }, (_, n) => event(batch * 1000 + n, { action: "deploy.dispatched" })), { db: prisma });
    }
    const sizes: number[] = [];
    let previous: bigint | null = null;
    let total = 0;
    for await (const batch of streamAuditEvents({ filters: { action: "deploy.dispatched" }, includeRequestMeta: false, batchSize: 700, db: prisma })) {
      sizes.push(batch.length);
      for (const e of batch) {
        const id = BigInt(e.id);
        if (previous !== null) expect(id).toBeLessThan(previous);
        previous = id;
        total++;
      }
    }
    expect(total).toBe(5000);
    expect(sizes.every((size) => size <= 700)).toBe(true);
    expect(sizes.length).toBe(8);
    expect(await prisma.auditEvent.count()).toBe(before + 5000);
    expect(await verifyAuditChain({ databaseUrl: db().url })).toMatchObject({ ok: true, count: before + 5000 });
  });
});
