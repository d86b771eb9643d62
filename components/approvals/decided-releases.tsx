import Link from "next/link";
import type { DecidedRelease } from "@/lib/approvals/types";
import { PersonChip } from "@/components/ui/person-chip";
import { RelativeTime } from "@/components/ui/relative-time";
import { ShaLink } from "@/components/ui/sha-link";
import { StatusBadge } from "@/components/ui/status-badge";
import { tableBox, td, th } from "@/components/environments/section";


const DECISION = {
  approved: { tone: "ok", label: "approved" },
  rejected: { tone: "failed", label: "rejected" },
  withdrawn: { tone: "unknown", label: "no longer waiting" },
} as const;

/** Releases that stopped waiting in the last day, and how: approved or rejected here or in GitHub, or withdrawn. */
export function DecidedReleases({ releases, now }: { releases: DecidedRelease[]; now: Date }) {
  if (releases.length === 0) return <p className="text-xs text-zinc-500" data-testid="decided-empty">Nothing was decided in the last 24 hours.</p>;
  return (
    <div className={tableBox}>
      <table className="w-full min-w-[44rem] text-sm" data-testid="decided-releases">
        <thead className="bg-zinc-50 dark:bg-zinc-900">
          <tr>
            <th scope="col" className={th}>Decision</th>
            <th scope="col" className={th}>Release</th>
            <th scope="col" className={th}>SHA</th>
            <th scope="col" className={th}>Started by</th>
            <th scope="col" className={th}>Decided by</th>
            <th scope="col" className={th}>When</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {releases.map((release) => {
            const decision = DECISION[release.decision];
            return (
              <tr key={`${release.runId}-${release.environment}`} data-testid={`decided-release-${release.runId}`} data-decision={release.decision} data-via={release.via ?? ""}>
                <td className={td}>
                  <StatusBadge tone={decision.tone}>{decision.label}</StatusBadge>
                </td>
                <td className={td}>
                  <Link href={`/apps/${release.application}/runs/${release.runId}`} className="text-sky-700 hover:underline dark:text-sky-400">
                    {release.applicationName} / {release.environment} #{release.runNumber}
                  </Link>
                </td>
                <td className={td}>
                  <ShaLink sha={release.headSha} url={`${release.repoUrl}/commit/${release.headSha}`} />
                </td>
                <td className={`${td} text-xs`}>
                  <PersonChip person={release.startedBy} />
                </td>
                <td className={`${td} text-xs`}>
                  {release.by ? (
                    <span className="inline-flex flex-wrap items-center gap-1">
                      <PersonChip person={release.by} />
                      <span className="text-zinc-500">{release.via === "flightdeck" ? "in Flightdeck" : "in GitHub"}</span>
                      {release.comment ? <span className="text-zinc-500">“{release.comment}”</span> : null}
                    </span>
                  ) : (
                    <span className="text-zinc-500">—</span>
                  )}
                </td>
                <td className={`${td} text-xs`}>
                  <RelativeTime iso={release.decidedAt} now={now} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
