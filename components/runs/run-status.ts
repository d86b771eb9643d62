import type { RunConclusion, RunStatus } from "@/lib/overview/types";
import type { StatusTone } from "@/components/ui/status-badge";

/** A run's, job's or step's state in the one colour language, with the word to show. */
export function runState(status: RunStatus, conclusion: RunConclusion): { tone: StatusTone; label: string } {
  if (status !== "completed") {
    if (status === "in_progress") return { tone: "progress", label: "in progress" };
    if (status === "waiting") return { tone: "waiting", label: "waiting" };
    return { tone: "waiting", label: "queued" };
  }
  switch (conclusion) {
    case "success":
      return { tone: "ok", label: "success" };
    case "failure":
      return { tone: "failed", label: "failed" };
    case "timed_out":
      return { tone: "failed", label: "timed out" };
    case "action_required":
      return { tone: "waiting", label: "action required" };
    case "cancelled":
      return { tone: "unknown", label: "cancelled" };
    case "skipped":
      return { tone: "unknown", label: "skipped" };
    case "neutral":
      return { tone: "unknown", label: "neutral" };
    case "stale":
      return { tone: "unknown", label: "stale" };
    default:
      return { tone: "unknown", label: "completed" };
  }
}

/** "45s", "2m 11s", "1h 4m"; "—" when unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return "—";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

/** Seconds between two ISO times; for a step still running, up to `now`. */
export function secondsBetween(startedAt: string | null, completedAt: string | null, now: Date): number | null {
  if (!startedAt) return null;
  const end = completedAt ? Date.parse(completedAt) : now.getTime();
  return Math.max(0, (end - Date.parse(startedAt)) / 1000);
}
