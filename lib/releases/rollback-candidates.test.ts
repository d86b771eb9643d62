import { describe, expect, test } from "vitest";
import type { DeploymentHistoryEntry } from "@/lib/overview/types";
import { defaultCandidate, formatDuration, rollbackCandidates } from "./rollback-candidates";

let id = 0;
function entry(service: string, toSha: string, toRevision: number, startedAt: string, outcome: DeploymentHistoryEntry["outcome"] = "succeeded"): DeploymentHistoryEntry {
  return {
    id: String(++id),
    service,
    fromSha: null,
    toSha,
    fromRevision: null,
    toRevision,
    cause: "workflow_run",
    runId: null,
    runUrl: null,
    person: { login: "dana", avatarUrl: null },
    startedAt,
    finishedAt: null,
    outcome,
  };
}

// Newest first, as the environment page loads it: c is running, b failed and was replaced, a ran for a day.
const history = [
  entry("api", "ccc", 5, "2026-11-20T12:00:00Z", "in_progress"),
  entry("web", "ccc", 9, "2026-11-20T12:00:00Z", "in_progress"),
  entry("api", "bbb", 4, "2026-11-20T10:00:00Z", "failed"),
  entry("web", "bbb", 8, "2026-11-20T10:00:00Z"),
  entry("api", "aaa", 3, "2026-11-19T10:00:00Z"),
  entry("web", "aaa", 7, "2026-11-19T10:00:00Z"),
  entry("api", "aaa", 2, "2026-11-18T10:00:00Z"),
];

describe("rollback candidates", () => {
  test("earlier releases newest first, without what runs now, with each service's newest revision", () => {
    const candidates = rollbackCandidates(history, ["ccc", "ccc"]);
    expect(candidates.map((candidate) => candidate.sha)).toEqual(["bbb", "aaa"]);
    expect(candidates[1]).toMatchObject({ revisions: { api: 3, web: 7 }, deployedAt: "2026-11-19T10:00:00Z", ranForSeconds: 86_400 });
  });

  test("a release is as good as its worst rollout; the default skips the one that failed", () => {
    const candidates = rollbackCandidates(history, ["ccc"]);
    expect(candidates[0]).toMatchObject({ sha: "bbb", outcome: "failed" });
    expect(defaultCandidate(candidates)?.sha).toBe("aaa");
  });

  test("for one service, only its own history counts", () => {
    expect(rollbackCandidates(history, ["bbb"], "web").map((candidate) => [candidate.sha, candidate.revisions])).toEqual([
      ["ccc", { web: 9 }],
      ["aaa", { web: 7 }],
    ]);
  });

  test("no history, no candidates, no default", () => {
    expect(rollbackCandidates([], ["ccc"])).toEqual([]);
    expect(defaultCandidate([])).toBeNull();
  });

  test("durations read as people say them", () => {
    expect([formatDuration(12), formatDuration(2_400), formatDuration(7_500), formatDuration(3 * 86_400 + 4 * 3_600)]).toEqual(["12 s", "40 min", "2 h 5 min", "3 d 4 h"]);
  });
});
