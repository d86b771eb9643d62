import { afterEach, describe, expect, it, vi } from "vitest";
import { createClock } from "./clock";

const START = Date.parse("2026-01-01T00:00:00Z");

describe("manual clock", () => {
  it("stands still until advanced", () => {
    const clock = createClock({ mode: "manual", startAt: START });
    expect(clock.now()).toBe(START);
    clock.advance(1500);
    expect(clock.now()).toBe(START + 1500);
  });

  it("runs due tasks in time order, each seeing its own due time", () => {
    const clock = createClock({ mode: "manual", startAt: START });
    const seen: [string, number][] = [];
    clock.schedule(START + 300, () => seen.push(["b", clock.now()]));
    clock.schedule(START + 100, () => seen.push(["a", clock.now()]));
    clock.schedule(START + 900, () => seen.push(["late", clock.now()]));
    clock.advance(500);
    expect(seen).toEqual([
      ["a", START + 100],
      ["b", START + 300],
    ]);
    expect(clock.pending()).toBe(1);
    expect(clock.now()).toBe(START + 500);
  });

  it("runs follow-up tasks scheduled inside the same advance", () => {
    const clock = createClock({ mode: "manual", startAt: START });
    const seen: number[] = [];
    clock.schedule(START + 100, () => {
      seen.push(clock.now());
      clock.schedule(clock.now() + 100, () => seen.push(clock.now()));
    });
    clock.advance(250);
    expect(seen).toEqual([START + 100, START + 200]);
  });

  it("does not run a cancelled task", () => {
    const clock = createClock({ mode: "manual", startAt: START });
    const task = vi.fn();
    const cancel = clock.schedule(START + 10, task);
    cancel();
    clock.advance(100);
    expect(task).not.toHaveBeenCalled();
  });

  it("refuses to go backwards", () => {
    const clock = createClock({ mode: "manual", startAt: START });
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});

describe("realtime clock", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("follows the wall clock times the speed factor and runs tasks on its ticker", () => {
    vi.useFakeTimers({ now: START });
    const clock = createClock({ mode: "realtime", speed: 60 });
    const task = vi.fn();
    clock.schedule(START + 60_000, task);
    vi.advanceTimersByTime(999);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(101);
    expect(clock.now()).toBe(START + 1100 * 60);
    expect(task).toHaveBeenCalledOnce();
    clock.dispose();
  });

  it("can still be advanced explicitly", () => {
    vi.useFakeTimers({ now: START });
    const clock = createClock({ mode: "realtime" });
    clock.advance(60_000);
    expect(clock.now()).toBe(START + 60_000);
    clock.dispose();
  });
});
