import { DEFINITIONS, type Definition } from "@/lib/metrics/definitions";
import type { MetricsFilters } from "@/lib/metrics/filters";
import { formatDuration, formatPercent, formatRate, plural } from "@/lib/metrics/format";
import type { MetricsReport } from "@/lib/metrics/report";
import { LiveRefresh } from "@/components/live/live-refresh";
import { JOB_EVENTS } from "@/components/live/relevance";
import { BuildSuccessTable } from "./build-success-table";
import { MetricCard } from "./metric-card";
import { BuildChart, DeploysChart, FailureRateChart, LeadTimeChart, RestoreChart } from "./metric-charts";
import { MetricsFiltersForm } from "./metrics-filters";
import { TrendChip } from "./trend-chip";

const definition = (id: Definition["id"]) => DEFINITIONS.find((entry) => entry.id === id)?.text ?? "";
const short = (text: string) => text.split(/(?<=\.)\s/)[0] ?? text;
const dateOf = (iso: string) => new Date(iso).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

export interface MetricsViewProps {
  report: MetricsReport;
  filters: MetricsFilters;
  applications: { slug: string; name: string }[];
  environments: string[];
  ignored: string[];
}

/** The body of /metrics: filters, the four DORA metrics and build success, each with trend and chart, and the definitions. */
export function MetricsView({ report, filters, applications, environments, ignored }: MetricsViewProps) {
  const scope = filters.application ? (applications.find((app) => app.slug === filters.application)?.name ?? filters.application) : "all applications";
  const where = `${filters.environment} of ${scope}`;
  const { deploymentFrequency: df, leadTime: lt, changeFailureRate: cfr, timeToRestore: ttr, buildSuccess: builds } = report;
  const nothing = report.releases === 0 && builds.workflows.length === 0 && df.previous.deploys === 0;
  const days = `${report.period.days} days`;

  return (
    <main>
      <div className="mb-3 flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 className="text-lg font-semibold">Metrics</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="metrics-scope">
          {where}, last {days} ({dateOf(report.period.start)} – {dateOf(report.period.end)}), each against the {days} before.
        </p>
        <span className="ml-auto">
          <LiveRefresh application={filters.application ?? undefined} ignore={JOB_EVENTS} />
        </span>
      </div>
      <MetricsFiltersForm filters={filters} applications={applications} environments={environments} />
      {ignored.length > 0 ? (
        <p role="alert" className="mb-3 text-sm text-red-700 dark:text-red-400">
          Some filters were not understood and are ignored: {ignored.join(", ")}.
        </p>
      ) : null}

      {nothing ? (
        <div className="rounded-md border border-dashed border-zinc-300 p-8 text-center dark:border-zinc-700" data-testid="metrics-empty">
          <p className="font-medium">Nothing to measure yet for {where} in the last {days}.</p>
          <p className="mt-1 text-sm text-zinc-500">
            Metrics are computed from the deployments, ECS rollouts and workflow runs Flightdeck has stored. The refresher fills that history in the background; try a longer period or another environment.
          </p>
        </div>
      ) : (
        <>
          <div className="grid gap-3 md:grid-cols-2">
            <MetricCard
              id="deployment-frequency"
              title="Deployment frequency"
              value={String(df.current.deploys)}
              raw={df.current.deploys}
              summary={
                <>
                  {plural(df.current.deploys, "deploy")} · {formatRate(df.current.perDay)} · {plural(df.current.failedRollouts, "failed rollout")} · {plural(df.current.rollbacks, "rollback")}
                  <span className="text-zinc-500"> (previous: {df.previous.deploys})</span>
                </>
              }
              trend={<TrendChip trend={df.trend} format={(delta) => String(delta)} testId="trend-deployment-frequency" />}
              chart={<DeploysChart data={df.series} label={`Deploys to ${where} per ${report.period.days > 30 ? "week" : "day"}`} />}
              empty={df.current.deploys + df.current.failedRollouts === 0 ? `No deploys to ${where} in the last ${days}.` : null}
              definition={short(definition("deployment-frequency"))}
            />
            <MetricCard
              id="lead-time"
              title="Lead time for changes (median)"
              value={formatDuration(lt.current.medianMs)}
              raw={lt.current.medianMs}
              summary={
                <>
                  p90 <span data-testid="metric-lead-time-p90" data-value={lt.current.p90Ms ?? ""}>{formatDuration(lt.current.p90Ms)}</span> · over {plural(lt.current.commits, "commit")}
                  {lt.current.pendingDeploys > 0 ? ` · ${plural(lt.current.pendingDeploys, "deploy")} still being read from GitHub` : ""}
                  <span className="text-zinc-500"> (previous: median {formatDuration(lt.previous.medianMs)}, p90 {formatDuration(lt.previous.p90Ms)})</span>
                </>
              }
              trend={<TrendChip trend={lt.trend} format={formatDuration} testId="trend-lead-time" />}
              chart={<LeadTimeChart data={lt.series} label={`Median lead time to ${where} per ${report.period.days > 30 ? "week" : "day"}`} />}
              empty={lt.current.commits === 0 ? `No commits reached ${where} in the last ${days}.` : null}
              definition={short(definition("lead-time"))}
            />
            <MetricCard
              id="change-failure-rate"
              title="Change failure rate"
              value={formatPercent(cfr.trend.value)}
              raw={cfr.trend.value}
              summary={
                <>
                  {cfr.current.failed} of {plural(cfr.current.changes, "change")} failed
                  {cfr.current.failed > 0
                    ? ` (${[
                        cfr.current.byReason.failed_rollout ? `${cfr.current.byReason.failed_rollout} failed rollout` : null,
                        cfr.current.byReason.rolled_back ? `${cfr.current.byReason.rolled_back} rolled back` : null,
                        cfr.current.byReason.hotfix ? `${cfr.current.byReason.hotfix} hotfixed` : null,
                      ]
                        .filter(Boolean)
                        .join(", ")})`
                    : ""}
                  <span className="text-zinc-500"> (previous: {formatPercent(cfr.trend.previous)})</span>
                </>
              }
              trend={<TrendChip trend={cfr.trend} format={(delta) => `${formatPercent(Math.round(delta * 10) / 10).replace(" %", "")} pts`} testId="trend-change-failure-rate" />}
              chart={<FailureRateChart data={cfr.series} label={`Change failure rate of ${where} per ${report.period.days > 7 ? "week" : "day"}`} />}
              empty={cfr.current.changes === 0 ? `No changes to ${where} in the last ${days}.` : null}
              definition={short(definition("change-failure-rate"))}
            />
            <MetricCard
              id="time-to-restore"
              title="Time to restore (median)"
              value={formatDuration(ttr.current.medianMs)}
              raw={ttr.current.medianMs}
              summary={
                <>
                  {plural(ttr.current.incidents, "incident")}
                  {ttr.current.open > 0 ? `, ${ttr.current.open} not restored yet` : ""}
                  {ttr.current.meanMs !== null ? ` · mean ${formatDuration(ttr.current.meanMs)}` : ""}
                  <span className="text-zinc-500"> (previous: median {formatDuration(ttr.previous.medianMs)} over {plural(ttr.previous.incidents, "incident")})</span>
                </>
              }
              trend={<TrendChip trend={ttr.trend} format={formatDuration} testId="trend-time-to-restore" />}
              chart={<RestoreChart data={ttr.series} label={`Incidents in ${where} and how long each took to restore`} />}
              empty={ttr.current.incidents === 0 ? `No failed changes in ${where} in the last ${days}: nothing to restore.` : null}
              definition={short(definition("time-to-restore"))}
            />
          </div>

          <section aria-labelledby="build-success-title" className="mt-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800" data-testid="metric-build-success" data-value={builds.trend.value ?? ""}>
            <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
              <h2 id="build-success-title" className="text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
                Build success rate · {scope}
              </h2>
              <p className="text-2xl font-semibold tabular-nums" data-testid="metric-build-success-value">
                {formatPercent(builds.trend.value)}
              </p>
              <TrendChip trend={builds.trend} format={(delta) => `${formatPercent(Math.round(delta * 10) / 10).replace(" %", "")} pts`} testId="trend-build-success" />
              <p className="text-xs text-zinc-600 dark:text-zinc-400">
                {builds.current.succeeded} of {plural(builds.current.succeeded + builds.current.failed, "judged run")} succeeded
                <span className="text-zinc-500"> (previous: {formatPercent(builds.trend.previous)})</span>
              </p>
            </div>
            {builds.workflows.length === 0 ? (
              <p className="mt-2 rounded border border-dashed border-zinc-300 p-3 text-center text-xs text-zinc-500 dark:border-zinc-700">No workflow runs of {scope} in the last {days}.</p>
            ) : (
              <div className="mt-2 grid gap-3 2xl:grid-cols-2">
                <BuildSuccessTable workflows={builds.workflows} showApplication={filters.application === null} />
                <BuildChart
                  data={builds.workflows.map((workflow) => ({ name: filters.application === null ? `${workflow.application} · ${workflow.workflow}` : workflow.workflow, ratePercent: workflow.ratePercent, previousPercent: workflow.previousPercent }))}
                  label={`Build success rate per workflow of ${scope}, this period and the previous one`}
                />
              </div>
            )}
            <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">{short(definition("build-success"))} The environment filter does not apply.</p>
          </section>
        </>
      )}

      <section aria-labelledby="definitions-title" className="mt-5" id="definitions">
        <h2 id="definitions-title" className="mb-1.5 text-sm font-semibold">
          How these are computed
        </h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm md:grid-cols-2" data-testid="metrics-definitions">
          {DEFINITIONS.map((entry) => (
            <div key={entry.id}>
              <dt className="font-medium">{entry.term}</dt>
              <dd className="text-zinc-600 dark:text-zinc-400">{entry.text}</dd>
            </div>
          ))}
          <div>
            <dt className="font-medium">Periods and trends</dt>
            <dd className="text-zinc-600 dark:text-zinc-400">
              A period is the last 7, 30 or 90 days up to now; each number is compared with the same number of days just before. A release counts in the period in which it was running (or failed). Everything is computed from what Flightdeck has stored from GitHub and ECS; nothing is asked of GitHub or ECS when this page loads.
            </dd>
          </div>
        </dl>
      </section>
    </main>
  );
}
