import type { HealthResult } from "@/lib/overview/types";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { Empty } from "./section";

/** The configured health checks and their last results. */
export function HealthChecks({ checks, now }: { checks: HealthResult[]; now: Date }) {
  if (checks.length === 0) return <Empty>No health checks are configured for this environment.</Empty>;
  return (
    <ul className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
      {checks.map((check) => (
        <li key={check.name} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-1.5" data-testid={`health-${check.name}`}>
          {check.ok === true ? (
            <StatusBadge tone="ok">healthy</StatusBadge>
          ) : check.ok === false ? (
            <StatusBadge tone="failed">failing</StatusBadge>
          ) : (
            <StatusBadge tone="unknown">not checked</StatusBadge>
          )}
          <span className="font-medium">{check.name}</span>
          <span className="max-w-96 truncate font-mono text-xs text-zinc-500" title={check.url}>
            {check.url}
          </span>
          {check.status !== null ? <span className="font-mono text-xs">HTTP {check.status}</span> : null}
          {check.detail ? <span className="text-xs text-zinc-600 dark:text-zinc-400">{check.detail}</span> : null}
          <span className="ml-auto text-xs text-zinc-500">{check.checkedAt ? <RelativeTime iso={check.checkedAt} now={now} /> : "never"}</span>
        </li>
      ))}
    </ul>
  );
}
