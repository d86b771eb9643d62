// Deployment history from observation (pure, unit-tested): ECS does not keep a history of which task
// definition a service ran when, so Flightdeck writes one each time it sees the PRIMARY change.

export type Cause = "workflow_run" | "rollback" | "external" | "unknown";
export type Outcome = "in_progress" | "succeeded" | "failed" | "rolled_back";

/** A run (or a GitHub deployment made by one) that shipped `sha` to this environment. */
export interface DeployCandidate {
  runId: bigint;
  sha: string;
  actorLogin: string | null;
  at: Date;
}

export interface CauseMatch {
  cause: Cause;
  runId: bigint | null;
  actorLogin: string | null;
}

/**
 * Why the service now runs `sha`: a workflow run that deployed that SHA to this environment (the most
 * recent one created before the change was seen, and after the SHA last ran here — the run that
 * shipped it the first time is not the cause of going back to it); else, if the SHA ran here before, a
 * rollback (the service pointed back at an earlier task definition); else a change made outside CI.
 * `earlier` maps SHAs that ran here before to when they last started.
 */
export function matchCause(options: { sha: string | null; observedAt: Date; candidates: readonly DeployCandidate[]; earlier: ReadonlyMap<string, Date> }): CauseMatch {
  const { sha, observedAt, candidates, earlier } = options;
  if (!sha) return { cause: "unknown", runId: null, actorLogin: null };
  const lastRan = [...earlier].filter(([earlierSha]) => sameSha(earlierSha, sha)).reduce<number | null>((latest, [, at]) => Math.max(latest ?? 0, at.getTime()), null);
  const runs = candidates
    .filter((candidate) => sameSha(candidate.sha, sha) && candidate.at.getTime() <= observedAt.getTime() && (lastRan === null || candidate.at.getTime() > lastRan))
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const run = runs[0];
  if (run) return { cause: "workflow_run", runId: run.runId, actorLogin: run.actorLogin };
  if (lastRan !== null) return { cause: "rollback", runId: null, actorLogin: null };
  return { cause: "external", runId: null, actorLogin: null };
}

/** Image tags may carry a short SHA (7+) while GitHub names the full one. */
export function sameSha(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x.length <= y.length ? y.startsWith(x) : x.startsWith(y);
}

export interface ObservedRelease {
  taskDefinitionArn: string;
  revision: number;
  sha: string | null;
  rollout: "stable" | "rolling" | "failed" | "unknown";
}

export interface OpenEntry {
  id: string;
  toTaskDefinitionArn: string;
  outcome: Outcome;
}

export type HistoryStep =
  | { kind: "none" }
  | { kind: "start"; closePrevious: { id: string; outcome: Outcome } | null }
  | { kind: "finish"; id: string; outcome: "succeeded" | "failed" };

/**
 * What one observation means for the history. `previous` is the task definition last seen as PRIMARY
 * (null the first time the service is seen: nothing changed that we saw, so nothing is written);
 * `latest` is the newest history row of the service.
 */
export function historyStep(options: { previous: string | null; current: ObservedRelease; latest: OpenEntry | null; currentIsRollback: boolean }): HistoryStep {
  const { previous, current, latest, currentIsRollback } = options;
  if (previous !== null && previous !== current.taskDefinitionArn) {
    // A change we saw. A rollout still open when the next one starts did not complete on its own:
    // ECS's circuit breaker (or a person) replaced it.
    const closePrevious =
      latest && latest.outcome === "in_progress" ? { id: latest.id, outcome: currentIsRollback ? ("rolled_back" as const) : ("failed" as const) } : null;
    return { kind: "start", closePrevious };
  }
  if (latest && latest.outcome === "in_progress" && latest.toTaskDefinitionArn === current.taskDefinitionArn) {
    if (current.rollout === "stable") return { kind: "finish", id: latest.id, outcome: "succeeded" };
    if (current.rollout === "failed") return { kind: "finish", id: latest.id, outcome: "failed" };
  }
  return { kind: "none" };
}
