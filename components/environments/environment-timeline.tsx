import Link from "next/link";
import type { ReactNode } from "react";
import type { TimelineEntry, TimelineKind } from "@/lib/metrics/timeline";
import { CheckIcon, CrossIcon, DriftIcon, LockIcon, ProgressIcon, UnlockIcon } from "@/components/ui/icons";
import { RelativeTime } from "@/components/ui/relative-time";
import { ShaLink } from "@/components/ui/sha-link";
import { StatusBadge, type StatusTone } from "@/components/ui/status-badge";
import { Empty } from "./section";

const KIND: Record<TimelineKind, { label: string; tone: StatusTone; icon: ReactNode }> = {
  deploy: { label: "deploy", tone: "ok", icon: <CheckIcon /> },
  failed_rollout: { label: "failed rollout", tone: "failed", icon: <CrossIcon /> },
  rollback: { label: "rollback", tone: "waiting", icon: <DriftIcon /> },
  approval: { label: "approved", tone: "ok", icon: <CheckIcon /> },
  rejection: { label: "rejected", tone: "failed", icon: <CrossIcon /> },
  lock: { label: "locked", tone: "waiting", icon: <LockIcon /> },
  unlock: { label: "unlocked", tone: "unknown", icon: <UnlockIcon /> },
  flag: { label: "flag", tone: "progress", icon: <FlagIcon /> },
};

function FlagIcon() {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" fill="currentColor" aria-hidden="true">
      <path d="M3 1.75a.75.75 0 0 1 1.5 0V2h7.25a.75.75 0 0 1 .6 1.2L10.69 5.5l1.66 2.3a.75.75 0 0 1-.6 1.2H4.5v5.25a.75.75 0 0 1-1.5 0Z" />
    </svg>
  );
}

/**
 * Everything that happened to the environment in one stream, newest first: deploys, failed rollouts,
 * rollbacks, approvals and rejections, locks and flag changes. The page refreshes it live.
 */
export function EnvironmentTimeline({ application, entries, repoUrl, now }: { application: string; entries: TimelineEntry[]; repoUrl: string; now: Date }) {
  if (entries.length === 0) return <Empty testId="timeline-empty">Nothing has happened here yet: deploys, approvals, rollbacks, locks and flag changes will appear as they happen.</Empty>;
  return (
    <ol className="divide-y divide-zinc-200 rounded-md border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800" data-testid="environment-timeline">
      {entries.map((entry) => {
        const kind = KIND[entry.kind];
        const rolling = entry.inProgress && (entry.kind === "deploy" || entry.kind === "rollback");
        return (
          <li key={entry.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5 px-2 py-1.5" data-testid="timeline-entry" data-kind={entry.kind} data-at={entry.at}>
            <span className="w-28 shrink-0 text-xs text-zinc-500 dark:text-zinc-400">
              <RelativeTime iso={entry.at} now={now} />
            </span>
            <span className="w-32 shrink-0">
              <StatusBadge tone={rolling ? "progress" : kind.tone} icon={rolling ? <ProgressIcon /> : kind.icon}>
                {rolling ? "rolling out" : kind.label}
              </StatusBadge>
            </span>
            <span className="min-w-0 flex-1">
              <span className="font-medium">{entry.title}</span>
              {entry.sha ? (
                <span className="ml-1.5">
                  <ShaLink sha={entry.sha} url={`${repoUrl}/commit/${entry.sha}`} copy={false} />
                </span>
              ) : null}
              {entry.runId !== null ? (
                <Link href={`/apps/${encodeURIComponent(application)}/runs/${entry.runId}`} className="ml-1.5 text-xs text-sky-700 hover:underline dark:text-sky-400">
                  run {entry.runId}
                </Link>
              ) : null}
              {entry.detail ? <span className="ml-1.5 text-xs text-zinc-600 dark:text-zinc-400">{entry.detail}</span> : null}
            </span>
            <span className="shrink-0 text-xs text-zinc-600 dark:text-zinc-400">{entry.actor ?? <span className="text-zinc-500">unknown</span>}</span>
          </li>
        );
      })}
    </ol>
  );
}
