// One stream per environment (pure, unit-tested): releases (deploys, failed rollouts, rollbacks), reviews
// (approvals, rejections), locks and flag changes, newest first. lib/metrics/read-timeline.ts loads it.
import { releaseTime, type Release } from "./releases";

export type TimelineKind = "deploy" | "failed_rollout" | "rollback" | "approval" | "rejection" | "lock" | "unlock" | "flag";

export interface TimelineEntry {
  id: string;
  kind: TimelineKind;
  /** ISO time. */
  at: string;
  actor: string | null;
  /** One line saying what happened (without the actor). */
  title: string;
  detail: string | null;
  sha: string | null;
  runId: number | null;
  /** For releases: whether it is still rolling out. */
  inProgress: boolean;
}

export interface ReviewRow {
  key: string;
  runId: number;
  reviewerLogin: string;
  state: string;
  comment: string | null;
  at: Date;
}

/** Approvals Flightdeck collected before approving on GitHub (an environment needing several). */
export interface CollectedApprovalRow {
  runId: number;
  login: string;
  comment: string | null;
  createdAt: Date;
}

export interface AuditRow {
  id: string;
  action: string;
  actorLogin: string | null;
  target: string | null;
  occurredAt: Date;
  payload: unknown;
}

const short = (sha: string | null) => (sha ? sha.slice(0, 7) : "an unknown release");

export function releaseEntry(release: Release): TimelineEntry {
  const failed = release.outcome === "failed";
  const kind: TimelineKind = release.kind === "rollback" ? "rollback" : failed ? "failed_rollout" : "deploy";
  const title =
    release.kind === "rollback"
      ? release.outcome === "in_progress"
        ? `Rolling back to ${short(release.sha)}`
        : failed
          ? `Rollback to ${short(release.sha)} failed`
          : `Rolled back to ${short(release.sha)}`
      : failed
        ? `Rollout of ${short(release.sha)} failed`
        : release.outcome === "in_progress"
          ? `Deploying ${short(release.sha)}`
          : `Deployed ${short(release.sha)}`;
  const parts = [
    release.kind === "rollback" && release.fromSha ? `from ${short(release.fromSha)}` : null,
    release.ref && !/^(main|master)$/.test(release.ref) ? `ref ${release.ref}` : null,
    release.services.length > 0 ? `${release.services.length} service${release.services.length === 1 ? "" : "s"} (${release.services.join(", ")})` : null,
  ].filter(Boolean);
  return {
    id: `release:${release.key}`,
    kind,
    at: new Date(releaseTime(release)).toISOString(),
    actor: release.actor,
    title,
    detail: parts.length > 0 ? parts.join(" · ") : null,
    sha: release.sha,
    runId: release.runId,
    inProgress: release.outcome === "in_progress",
  };
}

export function reviewEntries(reviews: readonly ReviewRow[], collected: readonly CollectedApprovalRow[]): TimelineEntry[] {
  const onGitHub = new Set(reviews.filter((review) => review.state === "approved").map((review) => `${review.runId}/${review.reviewerLogin}`));
  return [
    ...reviews.map(
      (review): TimelineEntry => ({
        id: `review:${review.key}`,
        kind: review.state === "rejected" ? "rejection" : "approval",
        at: review.at.toISOString(),
        actor: review.reviewerLogin,
        title: review.state === "rejected" ? "Rejected the release" : "Approved the release",
        detail: review.comment,
        sha: null,
        runId: review.runId,
        inProgress: false,
      }),
    ),
    ...collected
      .filter((approval) => !onGitHub.has(`${approval.runId}/${approval.login}`))
      .map(
        (approval): TimelineEntry => ({
          id: `approval:${approval.runId}/${approval.login}`,
          kind: "approval",
          at: approval.createdAt.toISOString(),
          actor: approval.login,
          title: "Approved the release in Flightdeck",
          detail: ["more approvals needed before GitHub deploys", approval.comment].filter(Boolean).join(" · "),
          sha: null,
          runId: approval.runId,
          inProgress: false,
        }),
      ),
  ];
}

type Json = Record<string, unknown>;
const object = (value: unknown): Json | null => (value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : null);
const show = (value: unknown) => (typeof value === "string" ? `"${value}"` : JSON.stringify(value));

/** "enabled off → on · rollout 10 % → 25 %": what a flag change changed. */
export function describeFlagChange(payload: unknown): string | null {
  const before = object(object(payload)?.before);
  const after = object(object(payload)?.after);
  if (!before || !after) return null;
  const changes: string[] = [];
  if (before.enabled !== after.enabled) changes.push(`${after.enabled ? "enabled" : "disabled"}`);
  if (before.rolloutPercentage !== after.rolloutPercentage) changes.push(`rollout ${String(before.rolloutPercentage)} % → ${String(after.rolloutPercentage)} %`);
  if (JSON.stringify(before.defaultValue) !== JSON.stringify(after.defaultValue)) changes.push(`default ${show(before.defaultValue)} → ${show(after.defaultValue)}`);
  if (JSON.stringify(before.rolloutValue) !== JSON.stringify(after.rolloutValue)) changes.push(`rollout value ${show(before.rolloutValue)} → ${show(after.rolloutValue)}`);
  if (JSON.stringify(before.allowList) !== JSON.stringify(after.allowList)) changes.push("allow list changed");
  return changes.length > 0 ? changes.join(" · ") : "no change";
}

export function auditEntry(row: AuditRow): TimelineEntry | null {
  const base = { id: `audit:${row.id}`, at: row.occurredAt.toISOString(), actor: row.actorLogin, sha: null, runId: null, inProgress: false };
  const payload = object(row.payload);
  switch (row.action) {
    case "env.locked":
      return { ...base, kind: "lock", title: "Locked the environment", detail: String(object(payload?.after)?.reason ?? "") || null };
    case "env.unlocked": {
      const before = object(payload?.before);
      return { ...base, kind: "unlock", title: "Unlocked the environment", detail: before ? `locked by ${String(before.lockedBy)}: ${String(before.reason)}` : null };
    }
    case "flag.changed":
      return { ...base, kind: "flag", title: `Changed flag ${row.target ?? ""}`.trim(), detail: describeFlagChange(row.payload) };
    case "flag.created":
      return { ...base, kind: "flag", title: `Created flag ${row.target ?? ""}`.trim(), detail: "every environment" };
    case "flag.archived":
      return { ...base, kind: "flag", title: `Archived flag ${row.target ?? ""}`.trim(), detail: "every environment" };
    default:
      return null;
  }
}

/** Everything, newest first, at most `limit` entries. */
export function mergeTimeline(lists: readonly (readonly TimelineEntry[])[], limit: number): TimelineEntry[] {
  return lists
    .flat()
    .sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id))
    .slice(0, limit);
}
