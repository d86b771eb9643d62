import type { EnvironmentStatus } from "@/lib/overview/types";
import { Badge } from "@/components/ui/badge";
import { DriftIcon, HeartIcon, LockIcon } from "@/components/ui/icons";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatUtcInstant } from "@/components/environments/lock-until";

/** The badges that call for attention on an environment: approval, lock, health, drift, behind. */
export function EnvironmentBadges({ status, showProtected = true, now }: { status: EnvironmentStatus; showProtected?: boolean; now?: Date }) {
  const failingChecks = status.health.filter((check) => check.ok === false);
  return (
    <ul className="flex flex-wrap gap-1" aria-label={`State of ${status.environment}`}>
      {showProtected && status.protected ? (
        <li>
          <Badge title="Deploys need approval">
            <LockIcon /> protected
          </Badge>
        </li>
      ) : null}
      {status.pendingApprovals > 0 ? (
        <li>
          <StatusBadge tone="waiting" data-badge="pending-approval" title="A deploy is waiting for approval">
            {status.pendingApprovals === 1 ? "approval pending" : `${status.pendingApprovals} approvals pending`}
          </StatusBadge>
        </li>
      ) : null}
      {status.lock ? (
        <li>
          <Badge
            tone="waiting"
            data-badge="locked"
            title={`Locked by ${status.lock.lockedBy}${status.lock.until ? ` until ${status.lock.until.replace("T", " ").replace(/\.\d+Z$/, " UTC")}` : " until a release manager unlocks it"}: ${status.lock.reason}`}
          >
            <LockIcon /> locked by {status.lock.lockedBy}
            {status.lock.until ? ` until ${formatUtcInstant(status.lock.until, now ?? new Date())}` : null}
          </Badge>
        </li>
      ) : null}
      {failingChecks.length > 0 ? (
        <li>
          <Badge tone="failed" data-badge="health-failing" title={failingChecks.map((check) => `${check.name}: ${check.detail ?? check.status ?? "failing"}`).join("; ")}>
            <HeartIcon /> health check failing
          </Badge>
        </li>
      ) : null}
      {status.drift ? (
        <li>
          <Badge tone="waiting" data-badge="drift" title="The services of this environment run different SHAs">
            <DriftIcon /> drift
          </Badge>
        </li>
      ) : null}
      {status.behind ? (
        <li>
          {status.behind.commits > 0 ? (
            <StatusBadge tone="waiting" data-badge="behind" title={`${status.behind.environment} runs ${status.behind.commits} commits this environment does not`}>
              {status.behind.commits} behind {status.behind.environment}
            </StatusBadge>
          ) : (
            <StatusBadge tone="ok" data-badge="in-step" title={`Runs everything ${status.behind.environment} runs`}>
              in step with {status.behind.environment}
            </StatusBadge>
          )}
        </li>
      ) : null}
    </ul>
  );
}
