import { describe, expect, test } from "vitest";
import { historyStep, matchCause, sameSha, type DeployCandidate } from "./history";

const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute));
const sha1 = "a".repeat(40);
const sha2 = "b".repeat(40);

describe("matchCause", () => {
  const candidates: DeployCandidate[] = [
    { runId: 11n, sha: sha2, actorLogin: "dana", at: at(1) },
    { runId: 12n, sha: sha2, actorLogin: "oscar", at: at(5) },
    { runId: 13n, sha: sha2, actorLogin: "rita", at: at(30) },
  ];

  test("the latest run that deployed the SHA before the change was seen", () => {
    expect(matchCause({ sha: sha2, observedAt: at(10), candidates, earlier: new Map() })).toEqual({ cause: "workflow_run", runId: 12n, actorLogin: "oscar" });
  });

  test("a short image tag matches the full SHA of the run", () => {
    expect(matchCause({ sha: sha2.slice(0, 7), observedAt: at(10), candidates, earlier: new Map() }).runId).toBe(12n);
  });

  test("going back to a SHA is a rollback, not the old run that first shipped it", () => {
    expect(matchCause({ sha: sha2, observedAt: at(10), candidates, earlier: new Map([[sha2, at(6)]]) }).cause).toBe("rollback");
    // A new run that ships the same SHA again after it last ran is the cause.
    expect(matchCause({ sha: sha2, observedAt: at(10), candidates, earlier: new Map([[sha2, at(3)]]) }).runId).toBe(12n);
  });

  test("no run but a SHA that ran before is a rollback", () => {
    expect(matchCause({ sha: sha1, observedAt: at(10), candidates, earlier: new Map([[sha1, at(0)]]) }).cause).toBe("rollback");
  });

  test("neither is external; no SHA is unknown", () => {
    expect(matchCause({ sha: sha1, observedAt: at(10), candidates, earlier: new Map() }).cause).toBe("external");
    expect(matchCause({ sha: null, observedAt: at(10), candidates, earlier: new Map([[sha1, at(0)]]) }).cause).toBe("unknown");
  });
});

describe("historyStep", () => {
  const current = { taskDefinitionArn: "td:2", revision: 2, sha: sha2, rollout: "rolling" as const };

  test("the first observation writes nothing", () => {
    expect(historyStep({ previous: null, current, latest: null, currentIsRollback: false })).toEqual({ kind: "none" });
  });

  test("a new PRIMARY starts an entry", () => {
    expect(historyStep({ previous: "td:1", current, latest: { id: "h1", toTaskDefinitionArn: "td:1", outcome: "succeeded" }, currentIsRollback: false })).toEqual({ kind: "start", closePrevious: null });
  });

  test("an open entry replaced by a rollback is rolled_back, by anything else failed", () => {
    const latest = { id: "h1", toTaskDefinitionArn: "td:1", outcome: "in_progress" as const };
    expect(historyStep({ previous: "td:1", current, latest, currentIsRollback: true })).toEqual({ kind: "start", closePrevious: { id: "h1", outcome: "rolled_back" } });
    expect(historyStep({ previous: "td:1", current, latest, currentIsRollback: false })).toEqual({ kind: "start", closePrevious: { id: "h1", outcome: "failed" } });
  });

  test("the open entry finishes when the rollout settles", () => {
    const latest = { id: "h2", toTaskDefinitionArn: "td:2", outcome: "in_progress" as const };
    expect(historyStep({ previous: "td:2", current: { ...current, rollout: "stable" }, latest, currentIsRollback: false })).toEqual({ kind: "finish", id: "h2", outcome: "succeeded" });
    expect(historyStep({ previous: "td:2", current: { ...current, rollout: "failed" }, latest, currentIsRollback: false })).toEqual({ kind: "finish", id: "h2", outcome: "failed" });
    expect(historyStep({ previous: "td:2", current, latest, currentIsRollback: false })).toEqual({ kind: "none" });
  });
});

test("sameSha compares by prefix, case-insensitively", () => {
  expect(sameSha("ABCDEF1", "abcdef1234")).toBe(true);
  expect(sameSha("abcdef2", "abcdef1234")).toBe(false);
});
