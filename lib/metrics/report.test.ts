import { describe, expect, test } from "vitest";
import { pairKey } from "./dora";
import type { Release } from "./releases";
import { buckets, computeMetrics, hotfixDetector, trend } from "./report";

const NOW = new Date("2026-03-31T12:00:00Z");
const HOUR = 3_600_000;
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR);

function release(hoursAgo: number, sha: string, options: Partial<Release> = {}): Release {
  return { key: sha, application: "wumbo", environment: "production", kind: "deploy", sha, fromSha: null, ref: "main", runId: null, actor: null, startedAt: ago(hoursAgo + 0.1), at: ago(hoursAgo), outcome: "succeeded", services: [], githubDeploymentId: null, ...options };
}

describe("trend", () => {
  test("says whether a change is good news, by the metric's direction", () => {
    expect(trend(5, 3, true)).toEqual({ value: 5, previous: 3, delta: 2, better: true });
    expect(trend(5, 3, false)).toMatchObject({ delta: 2, better: false });
    expect(trend(3, 3, true)).toMatchObject({ delta: 0, better: null });
    expect(trend(3, null, true)).toEqual({ value: 3, previous: null, delta: null, better: null });
  });
});

describe("buckets", () => {
  test("days up to 30 days, weeks beyond", () => {
    const day = buckets({ start: ago(7 * 24), end: NOW });
    expect(day).toHaveLength(7);
    expect(day.at(-1)!.end).toEqual(NOW);
    const week = buckets({ start: ago(90 * 24), end: NOW });
    expect(week).toHaveLength(13);
    expect(week.at(-1)!.end.getTime() - week.at(-1)!.start.getTime()).toBe(6 * 24 * HOUR);
  });
});

describe("computeMetrics", () => {
  test("a hotfix found from the head commit fails the change before it; the series add up to the totals", () => {
    const a = release(100, "a".repeat(40));
    const b = release(50, "b".repeat(40));
    const fix = release(47, "c".repeat(40));
    const ranges = new Map([
      [pairKey("wumbo", "", a.sha!), [{ sha: a.sha!, authoredAt: ago(102), message: "feat: a" }]],
      [pairKey("wumbo", a.sha!, b.sha!), [{ sha: b.sha!, authoredAt: ago(54), message: "feat: b" }]],
      [pairKey("wumbo", b.sha!, fix.sha!), [{ sha: fix.sha!, authoredAt: ago(48), message: "Merge pull request #9 from skyward/hotfix/b\n\nhotfix: b" }]],
    ]);
    expect(hotfixDetector(ranges)(fix)).toBe(true);
    const report = computeMetrics({ releases: [a, b, fix], ranges, runs: [], now: NOW, days: 7 });
    expect(report.deploymentFrequency.current.deploys).toBe(3);
    expect(report.changeFailureRate.current).toMatchObject({ changes: 3, failed: 1, byReason: { hotfix: 1 } });
    expect(report.timeToRestore.current).toMatchObject({ incidents: 1, medianMs: 3 * HOUR });
    expect(report.leadTime.current).toMatchObject({ commits: 3, medianMs: 2 * HOUR, p90Ms: 4 * HOUR });
    expect(report.deploymentFrequency.series.reduce((sum, point) => sum + point.succeeded, 0)).toBe(3);
    expect(report.changeFailureRate.series.reduce((sum, point) => sum + point.failed, 0)).toBe(1);
    expect(report.timeToRestore.series).toEqual([expect.objectContaining({ hours: 3, open: false })]);
    // Nothing in the previous week: no trend rather than a made-up one.
    expect(report.changeFailureRate.trend).toMatchObject({ value: 33.3, previous: null, better: null });
  });

  test("no history at all: zeros and nulls, no crash", () => {
    const report = computeMetrics({ releases: [], ranges: new Map(), runs: [], now: NOW, days: 30 });
    expect(report.releases).toBe(0);
    expect(report.leadTime.current.medianMs).toBeNull();
    expect(report.changeFailureRate.current.rate).toBeNull();
    expect(report.buildSuccess.workflows).toEqual([]);
    expect(report.deploymentFrequency.series).toHaveLength(30);
  });
});
