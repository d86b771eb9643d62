import { describe, expect, it } from "vitest";
import { canonicalEncoding, canonicalJson, GENESIS_HASH, hashRecord } from "./canonical";
import type { AuditRecord } from "./types";

const base: Omit<AuditRecord, "hash"> = {
  id: 42n,
  occurredAt: new Date("2026-11-22T09:30:00.123Z"),
  actorType: "user",
  actorId: "5f0c3c2e-9a4b-4c1e-8f0a-1d2e3f4a5b6c",
  actorLogin: "rita",
  action: "deploy.requested",
  application: "checkout",
  environment: "production",
  targetType: "run",
  target: "12345",
  outcome: "requested",
  correlationId: "c-1",
  ip: "203.0.113.7",
  userAgent: "Mozilla/5.0",
  payload: { ref: "main", inputs: { b: 2, a: 1 } },
  prevHash: GENESIS_HASH,
};

describe("canonicalJson", () => {
  it("sorts keys at every depth and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { z: 0, y: null }], c: "x" } })).toBe('{"a":{"c":"x","d":[3,1,{"y":null,"z":0}]},"b":1}');
  });

  it("gives the same bytes whatever order the keys arrive in (as after a jsonb round trip)", () => {
    const a = canonicalJson({ x: 1, y: { p: true, q: "é" } });
    const b = canonicalJson(JSON.parse('{"y":{"q":"é","p":true},"x":1}'));
    expect(a).toBe(b);
  });

  it("writes non-finite numbers as null, like JSON", () => {
    expect(canonicalJson([Number.NaN, Number.POSITIVE_INFINITY, 1.5])).toBe("[null,null,1.5]");
  });
});

describe("canonicalEncoding / hashRecord", () => {
  it("is a fixed field list with the id as a string and the time as ISO UTC milliseconds", () => {
    const encoded = canonicalEncoding(base);
    const parsed = JSON.parse(encoded);
    expect(Object.keys(parsed)).toEqual(
      ["action", "actorId", "actorLogin", "actorType", "application", "correlationId", "environment", "id", "ip", "occurredAt", "outcome", "payload", "prevHash", "target", "targetType", "userAgent", "v"],
    );
    expect(parsed.id).toBe("42");
    expect(parsed.occurredAt).toBe("2026-11-22T09:30:00.123Z");
    expect(encoded).toContain('"payload":{"inputs":{"a":1,"b":2},"ref":"main"}');
  });

  it("is a SHA-256 hex digest that is stable for the same content", () => {
    const hash = hashRecord(base);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecord({ ...base, payload: { inputs: { a: 1, b: 2 }, ref: "main" } })).toBe(hash);
  });

  it("changes when any covered field changes, including the previous hash", () => {
    const hash = hashRecord(base);
    const variants: Partial<Omit<AuditRecord, "hash">>[] = [
      { id: 43n },
      { occurredAt: new Date("2026-11-22T09:30:00.124Z") },
      { actorLogin: "ravi" },
      { outcome: "succeeded" },
      { target: "12346" },
      { ip: null },
      { payload: { ref: "main", inputs: { a: 1, b: 3 } } },
      { prevHash: "f".repeat(64) },
    ];
    for (const change of variants) expect(hashRecord({ ...base, ...change })).not.toBe(hash);
  });

  it("does not confuse null with the string \"null\"", () => {
    expect(hashRecord({ ...base, target: null })).not.toBe(hashRecord({ ...base, target: "null" }));
  });
});
