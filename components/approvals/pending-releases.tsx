import Link from "next/link";
import type { PendingRelease } from "@/lib/approvals/types";
import { ReviewReleaseControls } from "@/components/actions/review-release-controls";
import { Empty } from "@/components/environments/section";
import { ApprovalReviews } from "./approval-reviews";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { formatDuration } from "@/components/runs/run-status";
import { PersonChip } from "@/components/ui/person-chip";
import { ShaLink } from "@/components/ui/sha-link";
import { StatusBadge } from "@/components/ui/status-badge";
import { ReleaseShipsSummary, shipsSentence } from "./release-ships";

/**
 * Runs waiting for a review, each with what it would ship, the checks on its SHA, who started it, how
 * long it has waited, the approvals so far and — for those who may review — Approve / Reject. Used by
 * the approvals inbox (every application) and the environment page (one environment).
 */
export function PendingReleases({ releases, now, showApplication, empty }: { releases: PendingRelease[]; now: Date; showApplication: boolean; empty: string }) {
  if (releases.length === 0) return <Empty testId="approvals-empty">{empty}</Empty>;
  return (
    // A container query: beside the details on the full-width inbox, below them in the environment page's half column.
    <ul className="@container divide-y divide-zinc-200 rounded-md border border-amber-300 dark:divide-zinc-800 dark:border-amber-800" data-testid="pending-releases">
      {releases.map((release) => (
        <PendingReleaseItem key={`${release.runId}-${release.environment}`} release={release} now={now} showApplication={showApplication} />
      ))}
    </ul>
  );
}

function PendingReleaseItem({ release, now, showApplication }: { release: PendingRelease; now: Date; showApplication: boolean }) {
  const waited = Math.max(0, Math.round((now.getTime() - new Date(release.waitingSince).getTime()) / 1000));
  const collected = release.approvals.collected.length;
  const { required } = release.approvals;
  return (
    <li
      className="grid gap-2 px-3 py-2.5 @3xl:grid-cols-[1fr_auto]"
      data-testid={`pending-release-${release.runId}`}
      data-application={release.application}
      data-environment={release.environment}
      data-approvals={collected}
      data-required={required}
      data-verdict={release.verdict}
    >
      <div className="min-w-0 space-y-1.5">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <StatusBadge tone="waiting">waiting for approval</StatusBadge>
          {showApplication ? (
            <Link href={`/apps/${release.application}/${release.environment}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
              {release.applicationName} / {release.environment}
            </Link>
          ) : null}
          <Link href={`/apps/${release.application}/runs/${release.runId}`} className="text-sky-700 hover:underline dark:text-sky-400">
            {release.workflow} #{release.runNumber}
            {release.runAttempt > 1 ? ` (attempt ${release.runAttempt})` : ""}
          </Link>
          <ShaLink sha={release.headSha} url={`${release.repoUrl}/commit/${release.headSha}`} />
          <span className="text-xs text-zinc-600 dark:text-zinc-400">
            started by <PersonChip person={release.startedBy} />
          </span>
          <span className="text-xs text-zinc-600 dark:text-zinc-400">
            waiting{" "}
            <time dateTime={release.waitingSince} title={`since ${release.waitingSince.replace("T", " ").replace(/\.\d+Z$/, " UTC")}`} className="font-mono tabular-nums" data-testid="waiting-for">
              {formatDuration(waited)}
            </time>
          </span>
          <StatusBadge tone={collected >= required ? "ok" : "waiting"} data-testid="approval-count" title="Distinct approvals collected in Flightdeck for this run's SHA; GitHub is approved when all are in.">
            {collected}/{required} approval{required === 1 ? "" : "s"}
          </StatusBadge>
        </div>
        <dl className="grid gap-x-3 gap-y-1 text-xs sm:grid-cols-[5.5rem_1fr]">
          <dt className="text-zinc-500">Ships</dt>
          <dd>
            <ReleaseShipsSummary release={release} now={now} />
          </dd>
          <dt className="text-zinc-500">Checks</dt>
          <dd>
            <Checks release={release} />
          </dd>
          <dt className="text-zinc-500">Reviews</dt>
          <dd className="flex flex-wrap items-center gap-2">
            {release.approvals.collected.length > 0 ? (
              <span className="inline-flex flex-wrap items-center gap-1" data-testid="collected-approvals">
                approved in Flightdeck by
                {release.approvals.collected.map((approval) => (
                  <span key={approval.person.login} title={approval.comment ?? undefined}>
                    <PersonChip person={approval.person} />
                  </span>
                ))}
              </span>
            ) : null}
            <ApprovalReviews reviews={release.reviews} now={now} />
          </dd>
        </dl>
      </div>
      {release.viewer ? (
        <div className="@3xl:max-w-xs">
          <ReviewReleaseControls
            target={{
              application: release.application,
              environment: release.environment,
              runId: release.runId,
              runNumber: release.runNumber,
              headSha: release.headSha,
              ships: shipsSentence(release),
              approvals: collected,
              required,
            }}
            blocked={release.viewer}
          />
        </div>
      ) : null}
    </li>
  );
}

const VERDICT = {
  passing: { tone: "ok", label: "checks passed" },
  failing: { tone: "failed", label: "checks failed" },
  running: { tone: "progress", label: "checks running" },
  none: { tone: "unknown", label: "no checks" },
} as const;

/** The CI / security state of the release's SHA: other runs on it, and this run's own finished jobs. */
function Checks({ release }: { release: PendingRelease }) {
  const verdict = VERDICT[release.verdict];
  const jobs = release.jobs.filter((job) => job.status === "completed");
  return (
    <span className="flex flex-wrap items-center gap-1.5">
      <StatusBadge tone={verdict.tone} data-testid="checks-verdict">
        {verdict.label}
      </StatusBadge>
      {release.checks.map((check) => (
        <Link key={check.runId} href={`/apps/${release.application}/runs/${check.runId}`} className="inline-flex items-center gap-1 whitespace-nowrap hover:underline" data-testid="sha-check">
          <span>
            {check.workflow}
            {check.environment ? ` (${check.environment})` : ""}
          </span>
          <RunStatusBadge status={check.status} conclusion={check.conclusion} />
        </Link>
      ))}
      {jobs.length > 0 ? (
        <span className="inline-flex flex-wrap items-center gap-1 text-zinc-600 dark:text-zinc-400">
          this run:
          {jobs.map((job) => (
            <span key={job.name} className="inline-flex items-center gap-1 whitespace-nowrap">
              {job.name}
              <RunStatusBadge status={job.status} conclusion={job.conclusion} />
            </span>
          ))}
        </span>
      ) : null}
    </span>
  );
}
