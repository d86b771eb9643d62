import type { DeploymentHistoryEntry } from "@/lib/overview/types";
import { CauseLink } from "@/components/overview/deployed-by";
import { PersonChip } from "@/components/ui/person-chip";
import { RelativeTime } from "@/components/ui/relative-time";
import { ShaLink } from "@/components/ui/sha-link";
import { StatusBadge, type StatusTone } from "@/components/ui/status-badge";
import { Empty, tableBox, td, th } from "./section";

const OUTCOME: Record<DeploymentHistoryEntry["outcome"], { tone: StatusTone; label: string }> = {
  in_progress: { tone: "progress", label: "in progress" },
  succeeded: { tone: "ok", label: "succeeded" },
  failed: { tone: "failed", label: "failed" },
  rolled_back: { tone: "waiting", label: "rolled back" },
};

/** Each observed change of a service's task definition, newest first. */
export function DeploymentHistory({ application, entries, repoUrl, now }: { application: string; entries: DeploymentHistoryEntry[]; repoUrl: string; now: Date }) {
  if (entries.length === 0) return <Empty>No deployments observed yet.</Empty>;
  const commit = (sha: string) => `${repoUrl}/commit/${sha}`;
  return (
    <div className={tableBox}>
      <table className="w-full min-w-[52rem] text-sm">
        <thead className="bg-zinc-50 dark:bg-zinc-900">
          <tr>
            <th scope="col" className={th}>Service</th>
            <th scope="col" className={th}>SHA before → after</th>
            <th scope="col" className={th}>Revision</th>
            <th scope="col" className={th}>Cause</th>
            <th scope="col" className={th}>Who</th>
            <th scope="col" className={th}>When</th>
            <th scope="col" className={th}>Outcome</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {entries.map((entry) => {
            const outcome = OUTCOME[entry.outcome];
            return (
              <tr key={entry.id} data-testid={`history-${entry.id}`}>
                <td className={`${td} font-mono text-xs`}>{entry.service}</td>
                <td className={td}>
                  <span className="inline-flex flex-wrap items-center gap-1">
                    {entry.fromSha ? <ShaLink sha={entry.fromSha} url={commit(entry.fromSha)} copy={false} /> : <span className="text-zinc-500">—</span>}
                    <span aria-label="to">→</span>
                    {entry.toSha ? <ShaLink sha={entry.toSha} url={commit(entry.toSha)} /> : <span className="text-zinc-500">unknown</span>}
                  </span>
                </td>
                <td className={`${td} font-mono text-xs`}>
                  {entry.fromRevision ?? "—"} → {entry.toRevision}
                </td>
                <td className={`${td} text-xs`}>
                  <CauseLink application={application} cause={entry.cause} runId={entry.runId} />
                  {entry.cause === "unknown" && entry.runId === null ? <span className="text-zinc-500">unknown</span> : null}
                </td>
                <td className={`${td} text-xs`}>
                  <PersonChip person={entry.person} />
                </td>
                <td className={`${td} text-xs`}>
                  <RelativeTime iso={entry.startedAt} now={now} />
                </td>
                <td className={td}>
                  <StatusBadge tone={outcome.tone} data-outcome={entry.outcome}>
                    {outcome.label}
                  </StatusBadge>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
