// The DORA metrics over releases (pure, unit-tested). Every definition here is also written on the
// /metrics page (lib/metrics/definitions.ts); change both together.
import { releaseTime, sameSha, type Release } from "./releases";
import { mean, median, percentile, ratio } from "./stats";

/** A change counts as failed when a rollback or a hotfix follows it within this window. */
export const FAILURE_WINDOW_MS = 24 * 60 * 60_000;

/** [start, end): times from start up to, not including, end. */
export interface Period {
  start: Date;
  end: Date;
}

export function inPeriod(time: number, period: Period): boolean {
  return time >= period.start.getTime() && time < period.end.getTime();
}

/** The period of `days` days ending at `now`, and the one just before it. */
export function periodsEndingAt(now: Date, days: number): { current: Period; previous: Period } {
  const span = days * 24 * 60 * 60_000;
  const end = now.getTime();
  return { current: { start: new Date(end - span), end: new Date(end) }, previous: { start: new Date(end - 2 * span), end: new Date(end - span) } };
}

/**
 * A hotfix deploy: its ref is a `hotfix/…` branch, or its head commit says so — a message starting with
 * "hotfix" (hotfix: / hotfix(api): / hotfix!) or the merge of a `hotfix/…` branch.
 */
export function isHotfix(ref: string | null, headMessage: string | null): boolean {
  const branch = (ref ?? "").replace(/^refs\/heads\//, "");
  if (/^hotfix[/-]/i.test(branch)) return true;
  const message = headMessage ?? "";
  return /^hotfix\b/i.test(message) || /^Merge (pull request #\d+ from [^\s/]+\/|branch '?)hotfix[/-]/i.test(message);
}

export type FailureReason = "failed_rollout" | "rolled_back" | "hotfix";

export interface AssessedDeploy {
  release: Release;
  reasons: FailureReason[];
}

const finished = (release: Release) => release.outcome !== "in_progress";
const envKey = (release: Release) => `${release.application}\u0000${release.environment}`;

function byEnvironment(releases: readonly Release[]): Release[][] {
  const groups = new Map<string, Release[]>();
  for (const release of releases) groups.set(envKey(release), [...(groups.get(envKey(release)) ?? []), release]);
  return [...groups.values()].map((list) => list.sort((a, b) => releaseTime(a) - releaseTime(b) || a.key.localeCompare(b.key)));
}

/**
 * Which finished deploys failed, and why:
 * - failed_rollout: the deploy itself failed (GitHub's deployment failed, or ECS's rollout failed / was rolled back);
 * - rolled_back: a rollback within the window took its code away — the newest deploy before the rollback,
 *   when the rollback's from-SHA is that deploy's SHA (or unknown). Rolling back a rollback blames nothing new;
 * - hotfix: the next deploy, within the window, is a hotfix.
 */
export function assessDeploys(releases: readonly Release[], hotfix: (release: Release) => boolean): AssessedDeploy[] {
  const out: AssessedDeploy[] = [];
  for (const list of byEnvironment(releases)) {
    const done = list.filter(finished);
    const deploys = done.filter((release) => release.kind === "deploy").map((release): AssessedDeploy => ({ release, reasons: release.outcome === "failed" ? ["failed_rollout"] : [] }));
    const latestBefore = (time: number, except?: Release) => [...deploys].reverse().find((deploy) => deploy.release !== except && releaseTime(deploy.release) <= time);
    for (const rollback of list.filter((release) => release.kind === "rollback")) {
      const time = releaseTime(rollback);
      const target = latestBefore(time);
      if (!target || time - releaseTime(target.release) > FAILURE_WINDOW_MS) continue;
      if (rollback.fromSha !== null && !sameSha(rollback.fromSha, target.release.sha)) continue;
      if (!target.reasons.includes("rolled_back")) target.reasons.push("rolled_back");
    }
    for (const fix of deploys.filter((deploy) => hotfix(deploy.release))) {
      const time = releaseTime(fix.release);
      const target = latestBefore(time, fix.release);
      if (!target || time - releaseTime(target.release) > FAILURE_WINDOW_MS) continue;
      if (!target.reasons.includes("hotfix")) target.reasons.push("hotfix");
    }
    out.push(...deploys);
  }
  return out;
}

export interface DeployFrequency {
  /** Deploys that succeeded (rolled out) in the period. */
  deploys: number;
  /** Deploys whose rollout failed in the period (not counted in `deploys`). */
  failedRollouts: number;
  rollbacks: number;
  perDay: number;
}

export function deploymentFrequency(releases: readonly Release[], period: Period): DeployFrequency {
  const inside = releases.filter((release) => finished(release) && inPeriod(releaseTime(release), period));
  const deploys = inside.filter((release) => release.kind === "deploy" && release.outcome === "succeeded").length;
  const days = (period.end.getTime() - period.start.getTime()) / (24 * 60 * 60_000);
  return {
    deploys,
    failedRollouts: inside.filter((release) => release.kind === "deploy" && release.outcome === "failed").length,
    rollbacks: inside.filter((release) => release.kind === "rollback").length,
    perDay: days > 0 ? deploys / days : 0,
  };
}

export interface ChangeFailure {
  /** Finished deploys in the period (succeeded and failed rollouts). */
  changes: number;
  failed: number;
  rate: number | null;
  byReason: Record<FailureReason, number>;
}

export function changeFailureRate(assessed: readonly AssessedDeploy[], period: Period): ChangeFailure {
  const inside = assessed.filter((deploy) => inPeriod(releaseTime(deploy.release), period));
  const failed = inside.filter((deploy) => deploy.reasons.length > 0);
  const byReason: Record<FailureReason, number> = { failed_rollout: 0, rolled_back: 0, hotfix: 0 };
  for (const deploy of failed) for (const reason of deploy.reasons) byReason[reason] += 1;
  return { changes: inside.length, failed: failed.length, rate: ratio(failed.length, inside.length), byReason };
}

export interface Incident {
  application: string;
  environment: string;
  /** When the first failed change of the incident was running (or failed). */
  start: Date;
  /** When the next healthy release was running; null while still open. */
  end: Date | null;
  failures: Release[];
  restoredBy: Release | null;
}

/**
 * Failures become incidents: from a failed deploy to the next healthy release in that environment (a
 * rollback or a deploy that succeeded and did not itself fail). A failed change while an incident is open
 * joins it — overlapping failures are one incident, restored once.
 */
export function incidents(releases: readonly Release[], assessed: readonly AssessedDeploy[]): Incident[] {
  const failedKeys = new Set(assessed.filter((deploy) => deploy.reasons.length > 0).map((deploy) => deploy.release.key));
  const out: Incident[] = [];
  for (const list of byEnvironment(releases)) {
    let open: Incident | null = null;
    for (const release of list.filter(finished)) {
      const time = new Date(releaseTime(release));
      if (release.kind === "deploy" && failedKeys.has(release.key)) {
        if (open) open.failures.push(release);
        else open = { application: release.application, environment: release.environment, start: time, end: null, failures: [release], restoredBy: null };
      } else if (release.outcome === "succeeded" && open) {
        open.end = time;
        open.restoredBy = release;
        out.push(open);
        open = null;
      }
    }
    if (open) out.push(open);
  }
  return out.sort((a, b) => a.start.getTime() - b.start.getTime());
}

export interface TimeToRestore {
  /** Incidents that started in the period. */
  incidents: number;
  restored: number;
  open: number;
  medianMs: number | null;
  meanMs: number | null;
}

export function timeToRestore(list: readonly Incident[], period: Period): TimeToRestore {
  const inside = list.filter((incident) => inPeriod(incident.start.getTime(), period));
  const durations = inside.filter((incident) => incident.end).map((incident) => incident.end!.getTime() - incident.start.getTime());
  return { incidents: inside.length, restored: durations.length, open: inside.length - durations.length, medianMs: median(durations), meanMs: mean(durations) };
}

export interface CommitFact {
  sha: string;
  authoredAt: Date;
  message: string;
}

/** The compare a succeeded deploy needs: from the previous succeeded deploy's SHA ("" for the first one known). */
export interface CommitPair {
  release: Release;
  base: string;
  head: string;
}

export const pairKey = (application: string, base: string, head: string) => `${application}\u0000${base}\u0000${head}`;

/** Lead time looks at deploys that succeeded; each brought the commits since the previous such deploy. */
export function leadTimePairs(releases: readonly Release[]): CommitPair[] {
  const pairs: CommitPair[] = [];
  for (const list of byEnvironment(releases)) {
    let previous: Release | null = null;
    for (const release of list) {
      if (release.kind !== "deploy" || release.outcome !== "succeeded" || !release.sha) continue;
      if (!previous?.sha || !sameSha(previous.sha, release.sha)) pairs.push({ release, base: previous?.sha ?? "", head: release.sha });
      previous = release;
    }
  }
  return pairs;
}

export interface LeadTime {
  /** Commits that reached the environment in the period. */
  commits: number;
  medianMs: number | null;
  p90Ms: number | null;
  /** Deploys in the period whose commits are not known yet (GitHub's compare still to be fetched). */
  pendingDeploys: number;
  /** One value per commit: for the chart. */
  samples: { at: Date; ms: number }[];
}

/**
 * Commit authored → running in the environment, per commit, at the first succeeded deploy that brought it.
 * `ranges` maps pairKey(application, base, head) to the commits GitHub's compare lists (undefined: not fetched yet).
 */
export function leadTime(releases: readonly Release[], ranges: ReadonlyMap<string, readonly CommitFact[]>, period: Period): LeadTime {
  const samples: { at: Date; ms: number }[] = [];
  let pendingDeploys = 0;
  const seen = new Set<string>();
  for (const pair of leadTimePairs(releases)) {
    const commits = ranges.get(pairKey(pair.release.application, pair.base, pair.head));
    const at = releaseTime(pair.release);
    const counted = inPeriod(at, period);
    if (!commits) {
      if (counted) pendingDeploys += 1;
      continue;
    }
    for (const commit of commits) {
      const key = `${envKey(pair.release)}\u0000${commit.sha}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (counted) samples.push({ at: new Date(at), ms: Math.max(0, at - commit.authoredAt.getTime()) });
    }
  }
  const values = samples.map((sample) => sample.ms);
  return { commits: values.length, medianMs: median(values), p90Ms: percentile(values, 90), pendingDeploys, samples };
}

export interface RunRow {
  application: string;
  workflowName: string;
  workflowPath: string;
  conclusion: string | null;
  status: string;
  createdAt: Date;
}

const PASSED = new Set(["success"]);
const BROKEN = new Set(["failure", "timed_out", "startup_failure"]);

export interface WorkflowSuccess {
  application: string;
  workflow: string;
  path: string;
  succeeded: number;
  failed: number;
  /** Runs not judged: cancelled, skipped, neutral, action required. */
  other: number;
  rate: number | null;
}

/** Completed runs created in the period, per application + workflow: success / (success + failure + timed out + startup failure). */
export function buildSuccess(runs: readonly RunRow[], period: Period): WorkflowSuccess[] {
  const byWorkflow = new Map<string, WorkflowSuccess>();
  for (const run of runs) {
    if (run.status !== "completed" || !inPeriod(run.createdAt.getTime(), period)) continue;
    const key = `${run.application}\u0000${run.workflowPath || run.workflowName}`;
    const entry = byWorkflow.get(key) ?? { application: run.application, workflow: run.workflowName, path: run.workflowPath, succeeded: 0, failed: 0, other: 0, rate: null };
    if (PASSED.has(run.conclusion ?? "")) entry.succeeded += 1;
    else if (BROKEN.has(run.conclusion ?? "")) entry.failed += 1;
    else entry.other += 1;
    byWorkflow.set(key, entry);
  }
  return [...byWorkflow.values()]
    .map((entry) => ({ ...entry, rate: ratio(entry.succeeded, entry.succeeded + entry.failed) }))
    .sort((a, b) => a.application.localeCompare(b.application) || a.workflow.localeCompare(b.workflow));
}

export function overallBuildSuccess(workflows: readonly WorkflowSuccess[]): { succeeded: number; failed: number; rate: number | null } {
  const succeeded = workflows.reduce((sum, entry) => sum + entry.succeeded, 0);
  const failed = workflows.reduce((sum, entry) => sum + entry.failed, 0);
  return { succeeded, failed, rate: ratio(succeeded, succeeded + failed) };
}
