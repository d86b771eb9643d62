// Releases from stored history (pure, unit-tested): one release = one attempt to change what an
// environment runs. Two sources describe them: GitHub deployments (made by deploy workflows, with a
// final status) and ECS task-definition changes (deployment_history, one row per service). A CI deploy
// appears in both and becomes one release; a rollback done on ECS (or through Flightdeck) and a change
// made outside CI appear only in ECS; deploys older than ECS's seeded history appear only on GitHub.

export type ReleaseKind = "deploy" | "rollback";
export type ReleaseOutcome = "succeeded" | "failed" | "in_progress";

export interface Release {
  key: string;
  application: string;
  environment: string;
  kind: ReleaseKind;
  sha: string | null;
  /** What ran before (ECS's view), when known. */
  fromSha: string | null;
  /** The ref GitHub deployed (branch or tag), when the release came through GitHub. */
  ref: string | null;
  runId: number | null;
  actor: string | null;
  startedAt: Date;
  /** When it was running (succeeded) or known to have failed; null while in progress. */
  at: Date | null;
  outcome: ReleaseOutcome;
  /** ECS services it changed (empty when only GitHub saw it). */
  services: string[];
  githubDeploymentId: string | null;
}

export interface HistoryRow {
  id: string;
  application: string;
  environment: string;
  service: string;
  fromSha: string | null;
  toSha: string | null;
  /** workflow_run | rollback | external | unknown */
  cause: string;
  runId: number | null;
  actorLogin: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  /** in_progress | succeeded | failed | rolled_back */
  outcome: string;
}

export interface DeploymentRow {
  id: string;
  application: string;
  environment: string;
  sha: string;
  ref: string;
  runId: number | null;
  creatorLogin: string | null;
  createdAt: Date;
  /** The final status (success | failure | error | unknown), null while none is known. */
  finalState: string | null;
  finishedAt: Date | null;
  /** The latest status a webhook reported (queued, in_progress, success…), null when none was seen. */
  latestState: string | null;
}

/** Rows of one rollout across services: the same SHA, cause and run, started within this of the first. */
const GROUP_SPAN_MS = 15 * 60_000;
/** A GitHub deployment and an ECS change of the same SHA (without a shared run id) are one release within this. */
const MATCH_SPAN_MS = 24 * 60 * 60_000;

/** Image tags may carry a short SHA (7+) while GitHub names the full one. */
export function sameSha(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x.length <= y.length ? y.startsWith(x) : x.startsWith(y);
}

interface Group {
  rows: HistoryRow[];
  first: HistoryRow;
}

function groupHistory(rows: readonly HistoryRow[]): Group[] {
  const sorted = [...rows].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.id.localeCompare(b.id));
  const groups: Group[] = [];
  for (const row of sorted) {
    const group = groups.find(
      (candidate) =>
        candidate.first.toSha === row.toSha &&
        (candidate.first.cause === "rollback") === (row.cause === "rollback") &&
        candidate.first.runId === row.runId &&
        !candidate.rows.some((member) => member.service === row.service) &&
        row.startedAt.getTime() - candidate.first.startedAt.getTime() <= GROUP_SPAN_MS,
    );
    if (group) group.rows.push(row);
    else groups.push({ rows: [row], first: row });
  }
  return groups;
}

function groupOutcome(rows: readonly HistoryRow[]): { outcome: ReleaseOutcome; at: Date | null } {
  if (rows.some((row) => row.outcome === "failed" || row.outcome === "rolled_back")) {
    const ended = rows.filter((row) => row.finishedAt && (row.outcome === "failed" || row.outcome === "rolled_back"));
    return { outcome: "failed", at: ended.length > 0 ? new Date(Math.min(...ended.map((row) => row.finishedAt!.getTime()))) : null };
  }
  if (rows.some((row) => row.outcome === "in_progress" || !row.finishedAt)) return { outcome: "in_progress", at: null };
  return { outcome: "succeeded", at: new Date(Math.max(...rows.map((row) => row.finishedAt!.getTime()))) };
}

/**
 * A deployment's outcome: its stored final status; else what a webhook last said; else nothing is known
 * yet (the history task has not read its statuses) and it is left out rather than shown as rolling out.
 */
function deploymentOutcome(row: DeploymentRow): ReleaseOutcome | null {
  const state = row.finalState ?? row.latestState;
  if (state === "success") return "succeeded";
  if (state === "failure" || state === "error") return "failed";
  if (state === "queued" || state === "in_progress" || state === "pending") return "in_progress";
  return null; // "unknown" (never finished), or not known yet: not a release
}

/**
 * The releases of one application + environment, oldest first. A GitHub deployment and an ECS change are
 * the same release when they share the run, or (no run on the ECS side) the SHA within a day; the worse
 * outcome wins (a deploy whose smoke test failed after ECS finished is failed), GitHub's final status
 * time says when. ECS changes back to a SHA that ran before are rollbacks.
 */
export function buildReleases(history: readonly HistoryRow[], deployments: readonly DeploymentRow[]): Release[] {
  const groups = groupHistory(history);
  const used = new Set<Group>();
  const releases: Release[] = [];
  const sortedDeployments = [...deployments].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

  for (const deployment of sortedDeployments) {
    const github = deploymentOutcome(deployment);
    if (github === null) continue;
    const candidates = groups.filter((group) => !used.has(group) && group.first.cause !== "rollback");
    const byRun = deployment.runId === null ? undefined : candidates.find((group) => group.first.runId === deployment.runId);
    const bySha = byRun
      ? undefined
      : candidates
          .filter((group) => group.first.runId === null && sameSha(group.first.toSha, deployment.sha) && Math.abs(group.first.startedAt.getTime() - deployment.createdAt.getTime()) <= MATCH_SPAN_MS)
          .sort((a, b) => Math.abs(a.first.startedAt.getTime() - deployment.createdAt.getTime()) - Math.abs(b.first.startedAt.getTime() - deployment.createdAt.getTime()))[0];
    const group = byRun ?? bySha;
    if (group) used.add(group);
    const ecs = group ? groupOutcome(group.rows) : null;
    const outcome: ReleaseOutcome = github === "failed" || ecs?.outcome === "failed" ? "failed" : github === "in_progress" || ecs?.outcome === "in_progress" ? "in_progress" : "succeeded";
    const at = outcome === "in_progress" ? null : (deployment.finishedAt ?? ecs?.at ?? deployment.createdAt);
    releases.push({
      key: `gh:${deployment.id}`,
      application: deployment.application,
      environment: deployment.environment,
      kind: "deploy",
      sha: deployment.sha,
      fromSha: group?.first.fromSha ?? null,
      ref: deployment.ref,
      runId: deployment.runId,
      actor: deployment.creatorLogin ?? group?.first.actorLogin ?? null,
      startedAt: group && group.first.startedAt < deployment.createdAt ? group.first.startedAt : deployment.createdAt,
      at,
      outcome,
      services: group ? group.rows.map((row) => row.service).sort() : [],
      githubDeploymentId: deployment.id,
    });
  }

  for (const group of groups) {
    if (used.has(group)) continue;
    const { outcome, at } = groupOutcome(group.rows);
    releases.push({
      key: `ecs:${group.first.id}`,
      application: group.first.application,
      environment: group.first.environment,
      kind: group.first.cause === "rollback" ? "rollback" : "deploy",
      sha: group.first.toSha,
      fromSha: group.first.fromSha,
      ref: null,
      runId: group.first.runId,
      actor: group.rows.find((row) => row.actorLogin)?.actorLogin ?? null,
      startedAt: group.first.startedAt,
      at,
      outcome,
      services: group.rows.map((row) => row.service).sort(),
      githubDeploymentId: null,
    });
  }
  return releases.sort((a, b) => releaseTime(a) - releaseTime(b) || a.key.localeCompare(b.key));
}

/** When a release counts: when it was running or failed, else when it started. */
export function releaseTime(release: Release): number {
  return (release.at ?? release.startedAt).getTime();
}
