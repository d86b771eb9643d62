import { describe, expect, it } from "vitest";
import { formatDuration, runState, secondsBetween } from "./run-status";

describe("runState", () => {
  it("maps every state to a tone and a word", () => {
    expect(runState("in_progress", null)).toEqual({ tone: "progress", label: "in progress" });
    expect(runState("waiting", null)).toEqual({ tone: "waiting", label: "waiting" });
    expect(runState("queued", null)).toEqual({ tone: "waiting", label: "queued" });
    expect(runState("completed", "success")).toEqual({ tone: "ok", label: "success" });
    expect(runState("completed", "failure")).toEqual({ tone: "failed", label: "failed" });
    expect(runState("completed", "cancelled")).toEqual({ tone: "unknown", label: "cancelled" });
    // A conclusion on a run that is not completed (a re-run) does not count yet.
    expect(runState("in_progress", "failure").tone).toBe("progress");
  });
});

describe("formatDuration", () => {
  it("is short and exact enough", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(45)).toBe("45s");
    expect(formatDuration(131)).toBe("2m 11s");
    expect(formatDuration(3840)).toBe("1h 4m");
  });
});

describe("secondsBetween", () => {
  it("counts a running step up to now", () => {
    const now = new Date("2026-01-01T00:01:00Z");
    expect(secondsBetween("2026-01-01T00:00:00Z", null, now)).toBe(60);
    expect(secondsBetween("2026-01-01T00:00:00Z", "2026-01-01T00:00:30Z", now)).toBe(30);
    expect(secondsBetween(null, null, now)).toBeNull();
  });
});
