import { describe, expect, it } from "vitest";
import { MAX_PAYLOAD_BYTES, normalizePayload } from "./payload";

describe("normalizePayload", () => {
  it("redacts values under secret-looking keys and token-shaped strings anywhere", () => {
    const out = normalizePayload({
      inputs: { ref: "main", apiKey: "abc", nested: { accessToken: "x", note: "used ghp_abcdefghijklmnopqrstuvwxyz0123456789 here" } },
      password: "hunter2",
    });
    expect(out).toEqual({
      inputs: { ref: "main", apiKey: "[redacted]", nested: { accessToken: "[redacted]", note: "used [redacted] here" } },
      password: "[redacted]",
    });
  });

  it("makes values jsonb can store: no NUL, no lone surrogates, no undefined", () => {
    const out = normalizePayload({ a: "x\u0000y", b: "\ud800z", c: undefined, d: 10n, e: new Date("2026-01-01T00:00:00Z") });
    expect(out).toEqual({ a: "xy", b: "\ufffdz", d: "10", e: "2026-01-01T00:00:00.000Z" });
  });

  it("wraps non-objects and replaces an oversized payload with a note", () => {
    expect(normalizePayload("hello")).toEqual({ value: "hello" });
    expect(normalizePayload(undefined)).toEqual({});
    const big = { items: Array.from({ length: 2000 }, (_, i) => `item-${i}-${"x".repeat(20)}`) };
    const out = normalizePayload(big);
    expect(out.truncated).toBe(true);
    expect(out.bytes).toBeGreaterThan(MAX_PAYLOAD_BYTES);
  });
});
