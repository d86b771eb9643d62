import { describe, expect, test } from "vitest";
import { bucketOf, inRollout, murmur3 } from "./bucket";

describe("murmur3", () => {
  test("matches the reference MurmurHash3_x86_32 vectors", () => {
    expect(murmur3("")).toBe(0);
    expect(murmur3("", 1)).toBe(0x514e28b7);
    expect(murmur3("hello")).toBe(0x248bfa47);
    expect(murmur3("The quick brown fox jumps over the lazy dog")).toBe(0x2e4ff723);
    // Multi-byte UTF-8 goes through the encoder path.
    // Non-ASCII text is hashed as UTF-8 bytes (é = C3 A9), not as UTF-16 code units.
    expect(murmur3("héllo")).not.toBe(murmur3("hello"));
    expect(murmur3("héllo")).toBe(murmur3("héllo"));
  });
});

describe("bucketing", () => {
  test("is stable for a flag and targeting key", () => {
    expect(bucketOf("new-checkout", "user-42")).toBe(bucketOf("new-checkout", "user-42"));
    expect(bucketOf("new-checkout", "user-42")).not.toBe(bucketOf("other-flag", "user-42"));
  });

  test("lands within ±2 % of the target over 10,000 keys, and widening only adds keys", () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);
    let previous = new Set<string>();
    for (const percentage of [1, 5, 10, 25, 50, 75, 90, 99]) {
      const inside = new Set(keys.filter((key) => inRollout("new-checkout", key, percentage)));
      expect(Math.abs(inside.size / keys.length - percentage / 100)).toBeLessThanOrEqual(0.02);
      expect([...previous].filter((key) => !inside.has(key))).toEqual([]);
      previous = inside;
    }
  });

  test("0 % is nobody and 100 % is everybody", () => {
    expect(inRollout("f", "anyone", 0)).toBe(false);
    expect(inRollout("f", "anyone", 100)).toBe(true);
  });
});
