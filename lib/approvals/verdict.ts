// Pure helpers of the approvals inbox (unit-tested): which runs on a SHA count, and what they add up to.
import type { RunConclusion, RunStatus } from "@/lib/overview/types";
import type { ChecksVerdict, ShaCheck } from "./types";

const FAILED: ReadonlySet<RunConclusion> = new Set(["failure", "timed_out"]);

interface CheckCandidate extends ShaCheck {
  workflowPath: string;
}

/**
 * The latest run per workflow and environment (input newest first), leaving out the release's own run
 * and other deploys of it to the same environment: an earlier attempt that was rejected or cancelled
 * says nothing about the code.
 */
export function latestChecks(runs: readonly CheckCandidate[], own: { runId: number; environment: string }): ShaCheck[] {
  const seen = new Set<string>();
  const out: ShaCheck[] = [];
  for (const run of runs) {
    if (run.runId === own.runId || run.environment === own.environment) continue;
    const key = `${run.workflowPath}|${run.environment ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ runId: run.runId, workflow: run.workflow, event: run.event, environment: run.environment, status: run.status, conclusion: run.conclusion });
  }
  return out;
}

/**
 * One word for a SHA's CI and security state: any failed run or job → failing; else anything still
 * running → running; else anything that succeeded → passing; nothing at all → none. The release's own
 * jobs count once finished (its deploy job, waiting for this very review, does not).
 */
export function checksVerdict(checks: readonly { status: RunStatus; conclusion: RunConclusion }[], jobs: readonly { status: RunStatus; conclusion: RunConclusion }[]): ChecksVerdict {
  const finishedJobs = jobs.filter((job) => job.status === "completed");
  const all = [...checks, ...finishedJobs];
  if (all.some((item) => item.status === "completed" && FAILED.has(item.conclusion))) return "failing";
  if (checks.some((item) => item.status !== "completed")) return "running";
  if (all.some((item) => item.conclusion === "success")) return "passing";
  return "none";
}
