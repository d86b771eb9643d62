import Link from "next/link";
import type { WorkflowRunSummary } from "@/lib/overview/types";
import { PersonChip } from "@/components/ui/person-chip";
import { RelativeTime } from "@/components/ui/relative-time";
import { ShaLink } from "@/components/ui/sha-link";
import { RunStatusBadge } from "./run-status-badge";
import { formatDuration } from "./run-status";

const th = "px-2 py-1.5 text-left text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400";
const td = "px-2 py-1.5 align-top";

/** Workflow runs, newest first; each row links to the run's detail page. */
export function RunsTable({ application, runs, repoUrl, now, empty = "No workflow runs yet." }: { application: string; runs: WorkflowRunSummary[]; repoUrl: string; now: Date; empty?: string }) {
  if (runs.length === 0) {
    return (
      <p className="rounded-md border border-dashed border-zinc-300 p-4 text-center text-zinc-500 dark:border-zinc-700" data-testid="runs-empty">
        {empty}
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
      <table className="w-full min-w-[52rem] text-sm">
        <thead className="bg-zinc-50 dark:bg-zinc-900">
          <tr>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={th}>Run</th>
            <th scope="col" className={th}>Branch · event</th>
            <th scope="col" className={th}>SHA</th>
            <th scope="col" className={th}>Actor</th>
            <th scope="col" className={th}>Started</th>
            <th scope="col" className={th}>Duration</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {runs.map((run) => (
            <tr key={run.id} data-testid={`run-${run.id}`} data-status={run.status}>
              <td className={td}>
                <RunStatusBadge status={run.status} conclusion={run.conclusion} />
              </td>
              <td className={`${td} max-w-96`}>
                <Link href={`/apps/${application}/runs/${run.id}`} className="block truncate font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400" title={run.title}>
                  {run.title}
                </Link>
                <span className="text-xs text-zinc-500 dark:text-zinc-400">
                  {run.workflow} #{run.runNumber}
                  {run.runAttempt > 1 ? ` · attempt ${run.runAttempt}` : ""}
                  {run.environment ? ` · ${run.environment}` : ""}
                </span>
              </td>
              <td className={`${td} text-xs`}>
                <span className="font-mono">{run.branch ?? "—"}</span>
                <span className="block text-zinc-500 dark:text-zinc-400">{run.event}</span>
              </td>
              <td className={td}>
                <ShaLink sha={run.headSha} url={`${repoUrl}/commit/${run.headSha}`} />
              </td>
              <td className={`${td} text-xs`}>
                <PersonChip person={run.actor} />
              </td>
              <td className={`${td} text-xs`}>
                <RelativeTime iso={run.createdAt} now={now} />
              </td>
              <td className={`${td} font-mono text-xs tabular-nums`}>{formatDuration(run.durationSeconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
