import { describe, expect, test } from "vitest";
import { buildReleases, type DeploymentRow, type HistoryRow } from "./releases";

const T0 = Date.parse("2026-03-01T00:00:00Z");
const min = (minutes: number) => new Date(T0 + minutes * 60_000);
const A = "a".repeat(40);
const B = "b".repeat(40);
const C = "c".repeat(40);

let seq = 0;
function history(service: string, minutes: number, options: Partial<HistoryRow> = {}): HistoryRow {
  seq += 1;
  return {
    id: `h${String(seq).padStart(3, "0")}`,
    application: "wumbo",
    environment: "production",
    service,
    fromSha: A,
    toSha: B,
    cause: "workflow_run",
    runId: 7,
    actorLogin: "rita",
    startedAt: min(minutes),
    finishedAt: min(minutes + 3),
    outcome: "succeeded",
    ...options,
  };
}
function deployment(minutes: number, options: Partial<DeploymentRow> = {}): DeploymentRow {
  seq += 1;
  return {
    id: String(100 + seq),
    application: "wumbo",
    environment: "production",
    sha: B,
    ref: "main",
    runId: 7,
    creatorLogin: "rita",
    createdAt: min(minutes),
    finalState: "success",
    finishedAt: min(minutes + 5),
    latestState: null,
    ...options,
  };
}

describe("releases from GitHub deployments and ECS history", () => {
  test("no history: no releases", () => {
    expect(buildReleases([], [])).toEqual([]);
  });

  test("one CI deploy seen by both (three services, one run) is one release, timed by GitHub's final status", () => {
    const releases = buildReleases([history("backend", 1), history("frontend", 1), history("worker", 2)], [deployment(0)]);
    expect(releases).toHaveLength(1);
    expect(releases[0]).toMatchObject({ kind: "deploy", sha: B, fromSha: A, outcome: "succeeded", at: min(5), services: ["backend", "frontend", "worker"], runId: 7 });
  });

  test("matched by SHA within a day when ECS knows no run; the worse outcome wins", () => {
    const releases = buildReleases([history("backend", 30, { runId: null, cause: "external" })], [deployment(0, { runId: 9, finalState: "failure" })]);
    expect(releases).toHaveLength(1);
    expect(releases[0]).toMatchObject({ outcome: "failed", runId: 9 });
    const rolledBack = buildReleases([history("backend", 1, { outcome: "rolled_back", finishedAt: min(8) })], [deployment(0)]);
    expect(rolledBack[0]).toMatchObject({ outcome: "failed" });
  });

  test("a change back to an earlier SHA on ECS only is a rollback; an unknown change is a deploy; GitHub-only deploys stay", () => {
    const releases = buildReleases(
      [history("backend", 60, { cause: "rollback", fromSha: B, toSha: A, runId: null, actorLogin: "oscar" }), history("worker", 61, { cause: "rollback", fromSha: B, toSha: A, runId: null, actorLogin: null }), history("backend", 500, { cause: "external", toSha: C, runId: null })],
      [deployment(0, { finishedAt: min(4) }), deployment(-5000, { sha: A, runId: 3, finishedAt: min(-4990) })],
    );
    expect(releases.map((release) => [release.kind, release.sha?.[0], release.services.length, release.actor])).toEqual([
      ["deploy", "a", 0, "rita"],
      ["deploy", "b", 0, "rita"],
      ["rollback", "a", 2, "oscar"],
      ["deploy", "c", 1, "rita"],
    ]);
  });

  test("in-progress, never-finished and not-yet-read deployments", () => {
    const releases = buildReleases(
      [history("backend", 1, { outcome: "in_progress", finishedAt: null })],
      [
        deployment(0, { finalState: null, finishedAt: null, latestState: "in_progress" }),
        deployment(100, { runId: 8, sha: C, finalState: "unknown", finishedAt: null }),
        // Listed by the regular pass, statuses not read yet: not shown as rolling out for ever.
        deployment(200, { runId: 9, sha: A, finalState: null, finishedAt: null, latestState: null }),
      ],
    );
    expect(releases).toHaveLength(1);
    expect(releases[0]).toMatchObject({ outcome: "in_progress", at: null, runId: 7 });
  });

  test("a rollout that failed on ECS while GitHub still waits is failed", () => {
    const releases = buildReleases([history("backend", 1, { outcome: "failed", finishedAt: min(9) })], [deployment(0, { finalState: null, finishedAt: null, latestState: "in_progress" })]);
    expect(releases[0]).toMatchObject({ outcome: "failed", at: min(9) });
  });

  test("the same service changing twice quickly is two releases", () => {
    const releases = buildReleases([history("backend", 1, { runId: null, cause: "external" }), history("backend", 5, { runId: null, cause: "external" })], []);
    expect(releases).toHaveLength(2);
  });
});
