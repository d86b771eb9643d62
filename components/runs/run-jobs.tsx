import type { RunJob } from "@/lib/overview/types";
import { RunStatusBadge } from "./run-status-badge";
import { formatDuration, secondsBetween } from "./run-status";

/** Jobs in order, each with its steps and durations (a running one counts up to `now`). */
export function RunJobs({ jobs, now }: { jobs: RunJob[]; now: Date }) {
  if (jobs.length === 0) return <p className="rounded-md border border-dashed border-zinc-300 p-3 text-center text-zinc-500 dark:border-zinc-700">No jobs have started yet.</p>;
  return (
    <ol className="space-y-2">
      {jobs.map((job) => (
        <li key={job.id} className="rounded-md border border-zinc-200 dark:border-zinc-800" data-testid={`job-${job.name}`} data-status={job.status}>
          <div className="flex flex-wrap items-center gap-2 border-b border-zinc-200 bg-zinc-50 px-3 py-1.5 dark:border-zinc-800 dark:bg-zinc-900">
            <RunStatusBadge status={job.status} conclusion={job.conclusion} />
            <span className="font-medium">{job.name}</span>
            <span className="ml-auto font-mono text-xs tabular-nums text-zinc-600 dark:text-zinc-400">{formatDuration(secondsBetween(job.startedAt, job.completedAt, now))}</span>
            {job.url ? (
              <a href={job.url} className="text-xs text-sky-700 hover:underline dark:text-sky-400">
                logs on GitHub
              </a>
            ) : null}
          </div>
          {job.steps.length > 0 ? (
            <ol className="divide-y divide-zinc-100 text-xs dark:divide-zinc-900">
              {job.steps.map((step) => (
                <li key={step.number} className="flex items-center gap-2 px-3 py-1" data-testid="step">
                  <span className="w-5 text-right font-mono text-zinc-400">{step.number}</span>
                  <RunStatusBadge status={step.status} conclusion={step.conclusion} />
                  <span>{step.name}</span>
                  <span className="ml-auto font-mono tabular-nums text-zinc-600 dark:text-zinc-400">{formatDuration(secondsBetween(step.startedAt, step.completedAt, now))}</span>
                </li>
              ))}
            </ol>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
