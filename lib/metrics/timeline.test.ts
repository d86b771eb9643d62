import { describe, expect, test } from "vitest";
import type { Release } from "./releases";
import { auditEntry, describeFlagChange, mergeTimeline, releaseEntry, reviewEntries } from "./timeline";

const at = (minutes: number) => new Date(Date.parse("2026-03-01T10:00:00Z") + minutes * 60_000);
const release = (options: Partial<Release>): Release => ({
  key: "r1",
  application: "wumbo",
  environment: "production",
  kind: "deploy",
  sha: "abcdef1234567890abcdef1234567890abcdef12",
  fromSha: null,
  ref: "main",
  runId: 42,
  actor: "rita",
  startedAt: at(0),
  at: at(5),
  outcome: "succeeded",
  services: ["backend", "worker"],
  githubDeploymentId: "7",
  ...options,
});

describe("timeline entries", () => {
  test("deploys, failed rollouts, rollbacks and rollouts in progress say what they are", () => {
    expect(releaseEntry(release({}))).toMatchObject({ kind: "deploy", title: "Deployed abcdef1", detail: "2 services (backend, worker)", at: at(5).toISOString(), actor: "rita", inProgress: false });
    expect(releaseEntry(release({ outcome: "failed", ref: "hotfix/x" }))).toMatchObject({ kind: "failed_rollout", title: "Rollout of abcdef1 failed", detail: "ref hotfix/x · 2 services (backend, worker)" });
    expect(releaseEntry(release({ kind: "rollback", fromSha: "1234567890", ref: null, services: ["backend"] }))).toMatchObject({ kind: "rollback", title: "Rolled back to abcdef1", detail: "from 1234567 · 1 service (backend)" });
    expect(releaseEntry(release({ outcome: "in_progress", at: null }))).toMatchObject({ title: "Deploying abcdef1", at: at(0).toISOString(), inProgress: true });
  });

  test("approvals collected in Flightdeck appear once: GitHub's review replaces the one that approved there", () => {
    const entries = reviewEntries(
      [
        { key: "k1", runId: 9, reviewerLogin: "ravi", state: "approved", comment: null, at: at(10) },
        { key: "k2", runId: 10, reviewerLogin: "rita", state: "rejected", comment: "not tonight", at: at(20) },
      ],
      [
        { runId: 9, login: "ada", comment: null, createdAt: at(8) },
        { runId: 9, login: "ravi", comment: null, createdAt: at(10) },
      ],
    );
    expect(entries.map((entry) => [entry.kind, entry.actor, entry.title])).toEqual([
      ["approval", "ravi", "Approved the release"],
      ["rejection", "rita", "Rejected the release"],
      ["approval", "ada", "Approved the release in Flightdeck"],
    ]);
    expect(entries[1]!.detail).toBe("not tonight");
  });

  test("locks, unlocks and flag changes from the audit trail; other actions are not timeline entries", () => {
    const row = { id: "5", actorLogin: "oscar", target: "new-checkout", occurredAt: at(30) };
    expect(auditEntry({ ...row, action: "env.locked", payload: { before: null, after: { lockedBy: "oscar", reason: "incident 42" } } })).toMatchObject({ kind: "lock", detail: "incident 42" });
    expect(auditEntry({ ...row, action: "env.unlocked", payload: { before: { lockedBy: "oscar", reason: "incident 42" }, after: null } })).toMatchObject({ kind: "unlock", detail: "locked by oscar: incident 42" });
    expect(auditEntry({ ...row, action: "flag.changed", payload: {} })).toMatchObject({ kind: "flag", title: "Changed flag new-checkout" });
    expect(auditEntry({ ...row, action: "auth.signed_in", payload: {} })).toBeNull();
  });

  test("a flag change names what changed", () => {
    const before = { enabled: false, defaultValue: false, rolloutValue: true, rolloutPercentage: 10, allowList: [] };
    expect(describeFlagChange({ before, after: { ...before, enabled: true, rolloutPercentage: 25 } })).toBe("enabled · rollout 10 % → 25 %");
    expect(describeFlagChange({ before, after: { ...before, defaultValue: true, allowList: ["a"] } })).toBe("default false → true · allow list changed");
    expect(describeFlagChange({ before, after: before })).toBe("no change");
    expect(describeFlagChange({})).toBeNull();
  });

  test("merged newest first and cut at the limit", () => {
    const a = releaseEntry(release({ key: "a", at: at(1) }));
    const b = releaseEntry(release({ key: "b", at: at(3) }));
    const c = auditEntry({ id: "1", action: "env.locked", actorLogin: "oscar", target: null, occurredAt: at(2), payload: {} })!;
    expect(mergeTimeline([[a, b], [c]], 2).map((entry) => entry.id)).toEqual([b.id, c.id]);
    expect(mergeTimeline([], 10)).toEqual([]);
  });
});
