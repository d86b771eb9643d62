import Link from "next/link";
import type { ReactNode } from "react";
import type { RunDetail, UpstreamStatus } from "@/lib/overview/types";
import { ApprovalReviews } from "@/components/environments/pending-approvals";
import { LiveRefresh } from "@/components/live/live-refresh";
import { UpstreamBanner } from "@/components/overview/upstream-banner";
import { PersonChip } from "@/components/ui/person-chip";
import { RelativeTime } from "@/components/ui/relative-time";
import { ShaLink } from "@/components/ui/sha-link";
import { StatusBadge } from "@/components/ui/status-badge";
import { RunJobs } from "./run-jobs";
import { RunStatusBadge } from "./run-status-badge";
import { formatDuration, secondsBetween } from "./run-status";

/** The body of /apps/<app>/runs/<id>: the run, its jobs and steps, and its approvals. */
export function RunDetailView({
  app,
  run,
  upstream,
  now,
  actions,
}: {
  app: { slug: string; name: string; repoUrl: string };
  run: RunDetail;
  upstream: UpstreamStatus[];
  now: Date;
  /** Cancel / re-run for the signed-in person. */
  actions?: ReactNode;
}) {
  const running = run.status !== "completed";
  const duration = run.durationSeconds ?? (running ? secondsBetween(run.createdAt, null, now) : null);
  return (
    <main data-testid="run-detail" data-status={run.status} data-conclusion={run.conclusion ?? ""}>
      <div className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="text-lg font-semibold">
          <Link href={`/apps/${app.slug}/runs`} className="text-zinc-500 hover:underline dark:text-zinc-400">
            {app.name} runs
          </Link>{" "}
          / {run.title}
        </h1>
        <RunStatusBadge status={run.status} conclusion={run.conclusion} />
        {actions}
        <span className="ml-auto">
          <LiveRefresh application={app.slug} />
        </span>
      </div>
      <dl className="mb-3 flex flex-wrap gap-x-5 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <Fact label="Workflow">
          {run.workflow} #{run.runNumber}
          {run.runAttempt > 1 ? ` (attempt ${run.runAttempt})` : ""}
        </Fact>
        <Fact label="Event">{run.event}</Fact>
        <Fact label="Branch">
          <span className="font-mono">{run.branch ?? "—"}</span>
        </Fact>
        <Fact label="SHA">
          <ShaLink sha={run.headSha} url={`${app.repoUrl}/commit/${run.headSha}`} />
        </Fact>
        {run.environment ? (
          <Fact label="Environment">
            <Link href={`/apps/${app.slug}/${run.environment}`} className="text-sky-700 hover:underline dark:text-sky-400">
              {run.environment}
            </Link>
          </Fact>
        ) : null}
        <Fact label="Actor">
          <PersonChip person={run.actor} />
        </Fact>
        <Fact label="Started">
          <RelativeTime iso={run.createdAt} now={now} />
        </Fact>
        <Fact label={running ? "Running for" : "Duration"}>
          <span className="font-mono tabular-nums">{formatDuration(duration)}</span>
        </Fact>
        <Fact label="GitHub">
          <a href={run.url} className="text-sky-700 hover:underline dark:text-sky-400">
            open run
          </a>
        </Fact>
      </dl>
      <UpstreamBanner upstream={upstream} now={now} />
      {run.pending ? (
        <div className="mb-3 flex flex-wrap items-center gap-2 rounded-md border border-amber-300 px-3 py-2 dark:border-amber-800" data-testid="run-pending-approval">
          <StatusBadge tone="waiting">waiting for approval</StatusBadge>
          <span className="text-xs">
            to deploy to <strong>{run.pending.environment}</strong>, since <RelativeTime iso={run.pending.waitingSince} now={now} />
          </span>
        </div>
      ) : null}
      <h2 className="mb-1.5 text-sm font-semibold">Jobs</h2>
      <RunJobs jobs={run.jobs} now={now} />
      <h2 className="mb-1.5 mt-4 text-sm font-semibold">Approvals</h2>
      {run.approvals.length > 0 ? <ApprovalReviews reviews={run.approvals} now={now} /> : <p className="text-xs text-zinc-500">No reviews on this run.</p>}
    </main>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex items-center gap-1">
      <dt className="text-zinc-500">{label}:</dt>
      <dd className="text-zinc-800 dark:text-zinc-200">{children}</dd>
    </div>
  );
}
