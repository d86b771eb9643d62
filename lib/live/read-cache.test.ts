import { describe, expect, it } from "vitest";
import { createReadCache } from "./read-cache";

/** A load whose result the test hands over when it wants. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

function setup() {
  let clock = 0;
  let version = 1;
  const cache = createReadCache({ maxAgeMs: 1_000, refreshAfterMs: 500, now: () => clock });
  const load = async () => `v${version}`;
  return {
    cache,
    read: () => cache.read("overview", load),
    advance: (ms: number) => (clock += ms),
    change: () => version++,
  };
}

describe("createReadCache", () => {
  it("serves one load to every reader until something changes", async () => {
    const s = setup();
    expect(await Promise.all(Array.from({ length: 50 }, s.read))).toEqual(Array(50).fill("v1"));
    s.advance(499);
    expect(await s.read()).toBe("v1");
    expect(s.cache.loads()).toBe(1);
  });

  it("never serves a value read before an invalidation (a live event) after it", async () => {
    const s = setup();
    await s.read();
    s.change();
    expect(await s.read()).toBe("v1");
    s.cache.invalidate();
    expect(await s.read()).toBe("v2");
    expect(s.cache.loads()).toBe(2);
  });

  it("serves an entry past refreshAfter while reloading it in the background, and never one at maxAge", async () => {
    const s = setup();
    await s.read();
    s.change();
    s.advance(600);
    expect(await s.read()).toBe("v1");
    expect(s.cache.loads()).toBe(2);
    // The background reload has stored v2 (read at t=600): it is fresh again.
    expect(await s.read()).toBe("v2");
    s.change();
    s.advance(1_000);
    expect(await s.read()).toBe("v3");
  });

  it("waits for a reload rather than serve an entry at its max age", async () => {
    const s = setup();
    await s.read();
    s.change();
    s.advance(1_000);
    expect(await s.read()).toBe("v2");
  });

  it("does not keep a load that raced an invalidation, and later readers do not join it", async () => {
    const cache = createReadCache({ maxAgeMs: 1_000, refreshAfterMs: 500, now: () => 0 });
    const first = deferred<string>();
    const second = deferred<string>();
    const loads = [first, second];
    const load = () => loads.shift()!.promise;
    const early = cache.read("k", load);
    const joined = cache.read("k", load);
    cache.invalidate();
    const late = cache.read("k", load);
    first.resolve("before the change");
    second.resolve("after the change");
    expect(await early).toBe("before the change");
    expect(await joined).toBe("before the change");
    expect(await late).toBe("after the change");
    expect(await cache.read("k", async () => "unexpected load")).toBe("after the change");
    expect(cache.loads()).toBe(2);
  });

  it("keeps nothing from a failed load: the error reaches the readers and the next read tries again", async () => {
    const cache = createReadCache({ maxAgeMs: 1_000, refreshAfterMs: 500, now: () => 0 });
    await expect(cache.read("k", async () => Promise.reject(new Error("database gone")))).rejects.toThrow("database gone");
    expect(await cache.read("k", async () => "back")).toBe("back");
  });

  it("keeps keys apart and starts over past maxEntries", async () => {
    const cache = createReadCache({ maxAgeMs: 1_000, refreshAfterMs: 500, now: () => 0, maxEntries: 2 });
    expect(await cache.read("a", async () => "A")).toBe("A");
    expect(await cache.read("b", async () => "B")).toBe("B");
    expect(await cache.read("a", async () => "A again")).toBe("A");
    expect(await cache.read("c", async () => "C")).toBe("C");
    expect(await cache.read("a", async () => "A reloaded")).toBe("A reloaded");
  });
});
