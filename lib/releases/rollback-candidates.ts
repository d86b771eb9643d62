import type { DeploymentHistoryEntry, Person } from "@/lib/overview/types";

// The releases a rollback may return to, from the stored deployment history (no upstream call):
// every SHA that ran in the environment (or on the service) before what runs now, newest first.

export interface RollbackCandidate {
  sha: string;
  /** Revision each service ran it at, e.g. { backend: 41, worker: 17 }. */
  revisions: Record<string, number>;
  /** When it last started running here. */
  deployedAt: string;
  deployedBy: Person | null;
  /** How long it ran before being replaced, in seconds; null while unknown. */
  ranForSeconds: number | null;
  /** "succeeded" when every service's rollout of it succeeded. */
  outcome: DeploymentHistoryEntry["outcome"];
}

/**
 * Pure. `history` newest first (as the environment page loads it); `currentShas` what the services
 * run now (left out: rolling back to it is not a rollback). For one service, pass `service`.
 */
export function rollbackCandidates(history: readonly DeploymentHistoryEntry[], currentShas: readonly (string | null)[], service: string | null = null): RollbackCandidate[] {
  const entries = history.filter((entry) => entry.toSha && (!service || entry.service === service));
  const byService = new Map<string, DeploymentHistoryEntry[]>();
  for (const entry of entries) byService.set(entry.service, [...(byService.get(entry.service) ?? []), entry]);
  const current = new Set(currentShas.filter((sha): sha is string => Boolean(sha)));
  const candidates = new Map<string, RollbackCandidate>();
  for (const entry of entries) {
    const sha = entry.toSha!;
    if (current.has(sha)) continue;
    // How long this revision ran: until the next change of the same service (entries are newest first).
    const list = byService.get(entry.service) ?? [];
    const next = list[list.indexOf(entry) - 1];
    const ranForSeconds = next ? Math.max(0, Math.round((Date.parse(next.startedAt) - Date.parse(entry.startedAt)) / 1000)) : null;
    const existing = candidates.get(sha);
    if (!existing) {
      candidates.set(sha, { sha, revisions: { [entry.service]: entry.toRevision }, deployedAt: entry.startedAt, deployedBy: entry.person, ranForSeconds, outcome: entry.outcome });
      continue;
    }
    // The newest occurrence per service wins (entries are newest first); the release's outcome is its worst.
    if (!(entry.service in existing.revisions)) existing.revisions[entry.service] = entry.toRevision;
    if (existing.outcome === "succeeded" && entry.outcome !== "succeeded") existing.outcome = entry.outcome;
  }
  return [...candidates.values()];
}

/** The dialog's default: the newest earlier release that ran successfully, else the newest one. */
export function defaultCandidate(candidates: readonly RollbackCandidate[]): RollbackCandidate | null {
  return candidates.find((candidate) => candidate.outcome === "succeeded") ?? candidates[0] ?? null;
}

/** "3 d 4 h", "2 h 5 min", "40 min", "12 s". */
export function formatDuration(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return `${minutes} min`;
  return `${seconds} s`;
}
