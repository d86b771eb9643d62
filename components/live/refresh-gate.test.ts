import { describe, expect, it } from "vitest";
import { createRefreshGate } from "./refresh-gate";

/** A gate whose refreshes are counted and whose timers run only when the test says so. */
function gate() {
  let refreshes = 0;
  const timers = new Map<number, () => void>();
  let nextTimer = 0;
  const subject = createRefreshGate(() => refreshes++, {
    watchdogMs: 10_000,
    setTimer: (callback) => (timers.set(++nextTimer, callback), nextTimer),
    clearTimer: (timer) => timers.delete(timer as number),
  });
  return {
    subject,
    refreshes: () => refreshes,
    fireTimers: () => [...timers.entries()].forEach(([id, callback]) => (timers.delete(id), callback())),
    timers: () => timers.size,
  };
}

describe("createRefreshGate", () => {
  it("refreshes at once on the first event, without waiting for a quiet period", () => {
    const g = gate();
    g.subject.request();
    expect(g.refreshes()).toBe(1);
    expect(g.subject.state).toBe("refreshing");
  });

  it("turns any number of events during a refresh into exactly one more refresh, after it", () => {
    const g = gate();
    g.subject.request();
    for (let i = 0; i < 25; i++) g.subject.request();
    expect(g.refreshes()).toBe(1);
    expect(g.subject.state).toBe("refreshing+pending");
    g.subject.settled();
    expect(g.refreshes()).toBe(2);
    expect(g.subject.state).toBe("refreshing");
    g.subject.settled();
    expect(g.refreshes()).toBe(2);
    expect(g.subject.state).toBe("idle");
  });

  it("refreshes again for an event after the last refresh finished", () => {
    const g = gate();
    g.subject.request();
    g.subject.settled();
    g.subject.request();
    expect(g.refreshes()).toBe(2);
  });

  it("ignores a settle report when nothing is in flight", () => {
    const g = gate();
    g.subject.settled();
    expect(g.subject.state).toBe("idle");
    g.subject.request();
    g.subject.settled();
    g.subject.settled();
    expect(g.refreshes()).toBe(1);
    expect(g.subject.state).toBe("idle");
  });

  it("takes a refresh that never reports back as finished when the watchdog fires, and runs the pending one", () => {
    const g = gate();
    g.subject.request();
    g.subject.request();
    expect(g.timers()).toBe(1);
    g.fireTimers();
    expect(g.refreshes()).toBe(2);
    expect(g.timers()).toBe(1);
    g.subject.settled();
    expect(g.timers()).toBe(0);
    expect(g.subject.state).toBe("idle");
  });

  it("does nothing once disposed (the page went away)", () => {
    const g = gate();
    g.subject.request();
    g.subject.request();
    g.subject.dispose();
    expect(g.timers()).toBe(0);
    g.subject.settled();
    g.subject.request();
    expect(g.refreshes()).toBe(1);
  });
});
