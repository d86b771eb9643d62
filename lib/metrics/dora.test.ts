import { describe, expect, test } from "vitest";
import {
  assessDeploys,
  buildSuccess,
  changeFailureRate,
  deploymentFrequency,
  incidents,
  isHotfix,
  leadTime,
  leadTimePairs,
  overallBuildSuccess,
  pairKey,
  periodsEndingAt,
  timeToRestore,
  type CommitFact,
  type RunRow,
} from "./dora";
import type { Release } from "./releases";

// Hand-built histories with known answers. Times are hours after T0; the period under test is the
// 30 days ending at NOW, so "day 20" is inside it and "day -5" (before T0) is in the previous period.
const T0 = Date.parse("2026-03-01T00:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date(T0 + 30 * DAY);
const { current, previous } = periodsEndingAt(NOW, 30);
const at = (hours: number) => new Date(T0 + hours * HOUR);

let seq = 0;
function release(hours: number, options: Partial<Release> = {}): Release {
  seq += 1;
  const sha = options.sha ?? `${seq.toString(16).padStart(7, "0")}`.padEnd(40, "a");
  return {
    key: `r${seq}`,
    application: "wumbo",
    environment: "production",
    kind: "deploy",
    sha,
    fromSha: null,
    ref: "main",
    runId: seq,
    actor: "rita",
    startedAt: new Date(T0 + hours * HOUR - 10 * 60_000),
    at: at(hours),
    outcome: "succeeded",
    services: ["backend"],
    githubDeploymentId: null,
    ...options,
  };
}
const rollback = (hours: number, from: Release, to: Release, options: Partial<Release> = {}) => release(hours, { kind: "rollback", sha: to.sha, fromSha: from.sha, ref: null, runId: null, ...options });
const noHotfix = () => false;
const hotfixByRef = (r: Release) => isHotfix(r.ref, null);

describe("deployment frequency", () => {
  test("no deploys: zero, and nothing per day", () => {
    expect(deploymentFrequency([], current)).toEqual({ deploys: 0, failedRollouts: 0, rollbacks: 0, perDay: 0 });
  });

  test("counts succeeded deploys in the period; failed rollouts, rollbacks and in-progress ones separately or not at all", () => {
    const a = release(24);
    const b = release(48, { outcome: "failed" });
    const releases = [release(-24), a, b, rollback(49, b, a), release(72), release(96, { outcome: "in_progress", at: null }), release(30 * 24 + 1)];
    expect(deploymentFrequency(releases, current)).toEqual({ deploys: 2, failedRollouts: 1, rollbacks: 1, perDay: 2 / 30 });
    expect(deploymentFrequency(releases, previous).deploys).toBe(1);
  });

  test("the period includes its start and excludes its end", () => {
    const releases = [release(0), release(30 * 24)];
    expect(deploymentFrequency(releases, current).deploys).toBe(1);
  });
});

describe("change failure rate", () => {
  test("no deploys: no rate (not 0 %)", () => {
    expect(changeFailureRate(assessDeploys([], noHotfix), current)).toEqual({ changes: 0, failed: 0, rate: null, byReason: { failed_rollout: 0, rolled_back: 0, hotfix: 0 } });
  });

  test("a failed rollout, a rollback within the window and a hotfix within the window each fail the change before them", () => {
    const good = release(10);
    const failedRollout = release(50, { outcome: "failed" });
    const bad = release(100);
    const back = rollback(101, bad, good);
    const broken = release(200);
    const fix = release(203, { ref: "hotfix/login-loop" });
    const fine = release(300);
    const assessed = assessDeploys([good, failedRollout, bad, back, broken, fix, fine], hotfixByRef);
    const result = changeFailureRate(assessed, current);
    expect(result).toEqual({ changes: 6, failed: 3, rate: 0.5, byReason: { failed_rollout: 1, rolled_back: 1, hotfix: 1 } });
    expect(assessed.find((deploy) => deploy.release === bad)?.reasons).toEqual(["rolled_back"]);
    expect(assessed.find((deploy) => deploy.release === broken)?.reasons).toEqual(["hotfix"]);
  });

  test("a rollback or hotfix after the 24 h window does not blame the change", () => {
    const a = release(10);
    const b = release(20);
    const lateBack = rollback(20 + 25, b, a);
    const c = release(100);
    const lateFix = release(100 + 24.5, { ref: "hotfix/x" });
    expect(changeFailureRate(assessDeploys([a, b, lateBack, c, lateFix], hotfixByRef), current).failed).toBe(0);
  });

  test("a rollback of a rollback blames nothing new", () => {
    const a = release(10);
    const b = release(20);
    const back = rollback(21, b, a);
    const forward = rollback(22, a, b); // the rollback was a mistake: back to b
    const assessed = assessDeploys([a, b, back, forward], noHotfix);
    expect(assessed.map((deploy) => deploy.reasons)).toEqual([[], ["rolled_back"]]);
    expect(changeFailureRate(assessed, current)).toMatchObject({ changes: 2, failed: 1, rate: 0.5 });
  });

  test("a change with several failure signals counts once", () => {
    const a = release(10);
    const b = release(20, { outcome: "failed" });
    const back = rollback(20.2, b, a);
    const fix = release(23, { ref: "hotfix/b" });
    const assessed = assessDeploys([a, b, back, fix], hotfixByRef);
    expect(assessed.find((deploy) => deploy.release === b)?.reasons).toEqual(["failed_rollout", "rolled_back", "hotfix"]);
    expect(changeFailureRate(assessed, current)).toMatchObject({ changes: 3, failed: 1 });
  });

  test("environments are judged apart: a staging rollback does not blame a production deploy", () => {
    const prod = release(10);
    const stagingA = release(5, { environment: "staging" });
    const stagingB = release(11, { environment: "staging" });
    const back = rollback(12, stagingB, stagingA, { environment: "staging" });
    const assessed = assessDeploys([prod, stagingA, stagingB, back], noHotfix);
    expect(assessed.find((deploy) => deploy.release === prod)?.reasons).toEqual([]);
    expect(assessed.find((deploy) => deploy.release === stagingB)?.reasons).toEqual(["rolled_back"]);
  });

  test("an empty previous period has no rate, so there is no trend to show", () => {
    const assessed = assessDeploys([release(10), release(20, { outcome: "failed" })], noHotfix);
    expect(changeFailureRate(assessed, current).rate).toBe(0.5);
    expect(changeFailureRate(assessed, previous)).toMatchObject({ changes: 0, rate: null });
  });
});

describe("time to restore", () => {
  test("from the failed change to the next healthy release; no failures, no incidents", () => {
    expect(timeToRestore(incidents([], []), current)).toEqual({ incidents: 0, restored: 0, open: 0, medianMs: null, meanMs: null });
    const a = release(10);
    const b = release(20);
    const back = rollback(20.5, b, a);
    const releases = [a, b, back];
    const list = incidents(releases, assessDeploys(releases, noHotfix));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ start: at(20), end: at(20.5), restoredBy: back });
    expect(timeToRestore(list, current)).toEqual({ incidents: 1, restored: 1, open: 0, medianMs: 0.5 * HOUR, meanMs: 0.5 * HOUR });
  });

  test("overlapping failures are one incident, restored once", () => {
    const a = release(10);
    const b = release(20, { outcome: "failed" });
    const c = release(22, { outcome: "failed" }); // a second failed change before anything healthy
    const d = release(26);
    const releases = [a, b, c, d];
    const list = incidents(releases, assessDeploys(releases, noHotfix));
    expect(list).toHaveLength(1);
    expect(list[0]!.failures).toEqual([b, c]);
    expect(timeToRestore(list, current)).toMatchObject({ incidents: 1, restored: 1, medianMs: 6 * HOUR });
  });

  test("a hotfix restores; a failed rollback does not", () => {
    const a = release(10);
    const b = release(20);
    const failedBack = rollback(20.5, b, a, { outcome: "failed" });
    const fix = release(23, { ref: "hotfix/b" });
    const releases = [a, b, failedBack, fix];
    const list = incidents(releases, assessDeploys(releases, hotfixByRef));
    expect(list.map((incident) => [incident.start, incident.end])).toEqual([[at(20), at(23)]]);
  });

  test("an incident still open is counted, not measured; median and mean over the restored ones", () => {
    const a = release(10);
    const b = release(20, { outcome: "failed" });
    const c = release(21); // restores b after 1 h
    const d = release(100, { outcome: "failed" });
    const e = release(103); // restores d after 3 h
    const f = release(200, { outcome: "failed" });
    const g = release(212); // 12 h
    const h = release(600, { outcome: "failed" }); // still open
    const releases = [a, b, c, d, e, f, g, h];
    const list = incidents(releases, assessDeploys(releases, noHotfix));
    expect(timeToRestore(list, current)).toEqual({ incidents: 4, restored: 3, open: 1, medianMs: 3 * HOUR, meanMs: (16 / 3) * HOUR });
  });

  test("incidents belong to the period they started in", () => {
    const a = release(-50);
    const b = release(-2, { outcome: "failed" });
    const c = release(5);
    const releases = [a, b, c];
    const list = incidents(releases, assessDeploys(releases, noHotfix));
    expect(timeToRestore(list, current).incidents).toBe(0);
    expect(timeToRestore(list, previous)).toMatchObject({ incidents: 1, medianMs: 7 * HOUR });
  });
});

describe("lead time for changes", () => {
  const commit = (sha: string, hours: number, message = "feat: x"): CommitFact => ({ sha, authoredAt: at(hours), message });

  test("no deploys: no commits, no median or p90", () => {
    expect(leadTime([], new Map(), current)).toMatchObject({ commits: 0, medianMs: null, p90Ms: null, pendingDeploys: 0 });
  });

  test("each succeeded deploy brings the commits since the previous succeeded one; median and nearest-rank p90 per commit", () => {
    const first = release(10, { sha: "a".repeat(40) });
    const failed = release(20, { sha: "b".repeat(40), outcome: "failed" });
    const second = release(30, { sha: "c".repeat(40) });
    const pairs = leadTimePairs([first, failed, second]);
    expect(pairs.map((pair) => [pair.base, pair.head])).toEqual([["", "a".repeat(40)], ["a".repeat(40), "c".repeat(40)]]);
    const ranges = new Map([
      [pairKey("wumbo", "", "a".repeat(40)), [commit("a".repeat(40), 8)]], // 2 h
      // b's commits never ran when b failed: they count at the next succeeded deploy.
      [pairKey("wumbo", "a".repeat(40), "c".repeat(40)), [commit("b1", 0), commit("b".repeat(40), 18), commit("c1", 26), commit("c".repeat(40), 29)]], // 30, 12, 4, 1 h
    ]);
    const result = leadTime([first, failed, second], ranges, current);
    expect(result).toMatchObject({ commits: 5, medianMs: 4 * HOUR, p90Ms: 30 * HOUR, pendingDeploys: 0 });
  });

  test("after a rollback, the next deploy counts only commits that never ran before", () => {
    const a = release(10, { sha: "a".repeat(40) });
    const b = release(20, { sha: "b".repeat(40) });
    const back = rollback(21, b, a);
    const c = release(40, { sha: "c".repeat(40) });
    const pairs = leadTimePairs([a, b, back, c]);
    expect(pairs.map((pair) => pair.base.slice(0, 1) + ">" + pair.head.slice(0, 1))).toEqual([">a", "a>b", "b>c"]);
  });

  test("re-deploying the same SHA brings nothing; a commit listed twice counts at its first deploy", () => {
    const a = release(10, { sha: "a".repeat(40) });
    const again = release(20, { sha: "a".repeat(40) });
    expect(leadTimePairs([a, again])).toHaveLength(1);
    const b = release(30, { sha: "b".repeat(40) });
    const ranges = new Map([
      [pairKey("wumbo", "", "a".repeat(40)), [commit("x", 9), commit("a".repeat(40), 9)]],
      [pairKey("wumbo", "a".repeat(40), "b".repeat(40)), [commit("x", 9), commit("b".repeat(40), 29)]],
    ]);
    expect(leadTime([a, again, b], ranges, current)).toMatchObject({ commits: 3, medianMs: 1 * HOUR });
  });

  test("deploys whose commits are not fetched yet are reported as pending, not as zero", () => {
    const a = release(10);
    expect(leadTime([a], new Map(), current)).toMatchObject({ commits: 0, medianMs: null, pendingDeploys: 1 });
  });
});

describe("hotfix", () => {
  test.each([
    ["hotfix/login-loop", null, true],
    ["refs/heads/hotfix-1.2.1", null, true],
    ["main", "hotfix(api): stop double charges", true],
    ["main", "Hotfix: restore cache", true],
    ["main", "Merge pull request #42 from skyward/hotfix/api-timeouts", true],
    ["main", "Merge branch 'hotfix/x' into main", true],
    ["main", "fix(api): handle empty payloads", false],
    ["main", "feat: hotfixes dashboard", false],
    ["main", "Merge pull request #42 from skyward/feature/hotfix-button", false],
    [null, null, false],
  ])("ref %s, message %s → %s", (ref, message, expected) => {
    expect(isHotfix(ref, message)).toBe(expected);
  });
});

describe("build success rate", () => {
  const run = (workflow: string, conclusion: string | null, hours: number, status = "completed"): RunRow => ({
    application: "wumbo",
    workflowName: workflow,
    workflowPath: `.github/workflows/${workflow.toLowerCase()}.yml`,
    conclusion,
    status,
    createdAt: at(hours),
  });

  test("per workflow: success over success + failure + timed out; cancelled and skipped runs are not judged", () => {
    const runs = [
      run("Deploy", "success", 1),
      run("Deploy", "success", 2),
      run("Deploy", "failure", 3),
      run("Deploy", "cancelled", 4),
      run("Deploy", null, 5, "in_progress"),
      run("Checks", "timed_out", 6),
      run("Checks", "success", 7),
      run("Checks", "success", -7),
    ];
    const result = buildSuccess(runs, current);
    expect(result).toEqual([
      { application: "wumbo", workflow: "Checks", path: ".github/workflows/checks.yml", succeeded: 1, failed: 1, other: 0, rate: 0.5 },
      { application: "wumbo", workflow: "Deploy", path: ".github/workflows/deploy.yml", succeeded: 2, failed: 1, other: 1, rate: 2 / 3 },
    ]);
    expect(overallBuildSuccess(result)).toEqual({ succeeded: 3, failed: 2, rate: 0.6 });
    expect(buildSuccess(runs, previous)).toEqual([{ application: "wumbo", workflow: "Checks", path: ".github/workflows/checks.yml", succeeded: 1, failed: 0, other: 0, rate: 1 }]);
  });

  test("no runs: no rate", () => {
    expect(overallBuildSuccess(buildSuccess([], current))).toEqual({ succeeded: 0, failed: 0, rate: null });
  });
});
