// The /metrics page's data (pure): every number, trend and chart series is computed here, on the server;
// the page's client islands only draw what they are given.
import {
  assessDeploys,
  buildSuccess,
  changeFailureRate,
  deploymentFrequency,
  incidents,
  inPeriod,
  isHotfix,
  leadTime,
  overallBuildSuccess,
  periodsEndingAt,
  timeToRestore,
  type ChangeFailure,
  type CommitFact,
  type DeployFrequency,
  type LeadTime,
  type Period,
  type RunRow,
  type TimeToRestore,
} from "./dora";
import { releaseTime, sameSha, type Release } from "./releases";
import { median, ratio } from "./stats";

export const PERIOD_DAYS = [7, 30, 90] as const;
export type PeriodDays = (typeof PERIOD_DAYS)[number];

/** A number against the previous period. `better` says whether the change is good news (null: no change or no comparison). */
export interface Trend {
  value: number | null;
  previous: number | null;
  delta: number | null;
  better: boolean | null;
}

export function trend(value: number | null, previous: number | null, higherIsBetter: boolean): Trend {
  if (value === null || previous === null) return { value, previous, delta: null, better: null };
  const delta = value - previous;
  return { value, previous, delta, better: delta === 0 ? null : higherIsBetter ? delta > 0 : delta < 0 };
}

export interface Bucket {
  start: Date;
  end: Date;
  label: string;
}

const DAY_MS = 24 * 60 * 60_000;
const label = (date: Date) => date.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** Chart buckets: days for periods up to 30 days, weeks for longer ones (the last may be shorter), or as asked. */
export function buckets(period: Period, unit?: "day" | "week"): Bucket[] {
  const span = period.end.getTime() - period.start.getTime();
  const size = (unit ?? (span > 31 * DAY_MS ? "week" : "day")) === "week" ? 7 * DAY_MS : DAY_MS;
  const out: Bucket[] = [];
  for (let start = period.start.getTime(); start < period.end.getTime(); start += size) {
    const end = Math.min(start + size, period.end.getTime());
    out.push({ start: new Date(start), end: new Date(end), label: label(new Date(size === DAY_MS ? end - 1 : start)) });
  }
  return out;
}

export interface MetricsInput {
  releases: readonly Release[];
  ranges: ReadonlyMap<string, readonly CommitFact[]>;
  runs: readonly RunRow[];
  now: Date;
  days: PeriodDays;
}

export interface MetricsReport {
  period: { start: string; end: string; previousStart: string; days: PeriodDays };
  /** Finished releases in the period (0: the page shows its empty state). */
  releases: number;
  deploymentFrequency: { current: DeployFrequency; previous: DeployFrequency; trend: Trend; series: { label: string; succeeded: number; failed: number }[] };
  leadTime: {
    current: { commits: number; medianMs: number | null; p90Ms: number | null; pendingDeploys: number };
    previous: { commits: number; medianMs: number | null; p90Ms: number | null; pendingDeploys: number };
    trend: Trend;
    p90Trend: Trend;
    series: { label: string; medianHours: number | null; commits: number }[];
  };
  changeFailureRate: { current: ChangeFailure; previous: ChangeFailure; trend: Trend; series: { label: string; ratePercent: number | null; changes: number; failed: number }[] };
  timeToRestore: {
    current: TimeToRestore;
    previous: TimeToRestore;
    trend: Trend;
    series: { label: string; hours: number; open: boolean; application: string; environment: string }[];
  };
  buildSuccess: {
    current: { succeeded: number; failed: number; rate: number | null };
    previous: { succeeded: number; failed: number; rate: number | null };
    trend: Trend;
    workflows: { key: string; application: string; workflow: string; path: string; succeeded: number; failed: number; other: number; ratePercent: number | null; previousPercent: number | null; trend: Trend }[];
  };
}

const percent = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);
const hours = (ms: number) => Math.round((ms / 3_600_000) * 10) / 10;

/** Whether a release is a hotfix, from its ref and the head commit's message (from any stored range ending at its SHA). */
export function hotfixDetector(ranges: ReadonlyMap<string, readonly CommitFact[]>): (release: Release) => boolean {
  const heads: CommitFact[] = [];
  for (const commits of ranges.values()) {
    const head = commits.at(-1);
    if (head) heads.push(head);
  }
  return (release) => {
    const head = release.sha ? heads.find((commit) => sameSha(commit.sha, release.sha)) : undefined;
    return isHotfix(release.ref, head?.message ?? null);
  };
}

export function computeMetrics(input: MetricsInput): MetricsReport {
  const { current, previous } = periodsEndingAt(input.now, input.days);
  const hotfix = hotfixDetector(input.ranges);
  const assessed = assessDeploys(input.releases, hotfix);
  const incidentList = incidents(input.releases, assessed);
  const chartBuckets = buckets(current);

  const frequency = { current: deploymentFrequency(input.releases, current), previous: deploymentFrequency(input.releases, previous) };
  const lead = { current: leadTime(input.releases, input.ranges, current), previous: leadTime(input.releases, input.ranges, previous) };
  const failure = { current: changeFailureRate(assessed, current), previous: changeFailureRate(assessed, previous) };
  const restore = { current: timeToRestore(incidentList, current), previous: timeToRestore(incidentList, previous) };
  const workflows = { current: buildSuccess(input.runs, current), previous: buildSuccess(input.runs, previous) };
  const builds = { current: overallBuildSuccess(workflows.current), previous: overallBuildSuccess(workflows.previous) };
  const withoutSamples = ({ commits, medianMs, p90Ms, pendingDeploys }: LeadTime) => ({ commits, medianMs, p90Ms, pendingDeploys });

  return {
    period: { start: current.start.toISOString(), end: current.end.toISOString(), previousStart: previous.start.toISOString(), days: input.days },
    releases: input.releases.filter((release) => release.outcome !== "in_progress" && inPeriod(releaseTime(release), current)).length,
    deploymentFrequency: {
      ...frequency,
      trend: trend(frequency.current.deploys, frequency.previous.deploys, true),
      series: chartBuckets.map((bucket) => {
        const inside = deploymentFrequency(input.releases, bucket);
        return { label: bucket.label, succeeded: inside.deploys, failed: inside.failedRollouts };
      }),
    },
    leadTime: {
      current: withoutSamples(lead.current),
      previous: withoutSamples(lead.previous),
      trend: trend(lead.current.medianMs, lead.previous.medianMs, false),
      p90Trend: trend(lead.current.p90Ms, lead.previous.p90Ms, false),
      series: chartBuckets.map((bucket) => {
        const values = lead.current.samples.filter((sample) => inPeriod(sample.at.getTime(), bucket)).map((sample) => sample.ms);
        const value = median(values);
        return { label: bucket.label, medianHours: value === null ? null : hours(value), commits: values.length };
      }),
    },
    changeFailureRate: {
      ...failure,
      trend: trend(percent(failure.current.rate), percent(failure.previous.rate), false),
      // A rate of one or two changes a day jumps between 0 and 100 %: weekly, except for a 7-day period.
      series: buckets(current, input.days > 7 ? "week" : "day").map((bucket) => {
        const inside = changeFailureRate(assessed, bucket);
        return { label: bucket.label, ratePercent: percent(inside.rate), changes: inside.changes, failed: inside.failed };
      }),
    },
    timeToRestore: {
      ...restore,
      trend: trend(restore.current.medianMs, restore.previous.medianMs, false),
      series: incidentList
        .filter((incident) => inPeriod(incident.start.getTime(), current))
        .map((incident) => ({
          label: label(incident.start),
          hours: hours((incident.end ?? input.now).getTime() - incident.start.getTime()),
          open: incident.end === null,
          application: incident.application,
          environment: incident.environment,
        })),
    },
    buildSuccess: {
      ...builds,
      trend: trend(percent(builds.current.rate), percent(builds.previous.rate), true),
      workflows: workflows.current.map((entry) => {
        const before = workflows.previous.find((candidate) => candidate.application === entry.application && candidate.path === entry.path);
        const rate = percent(entry.rate);
        const previousRate = percent(before ? ratio(before.succeeded, before.succeeded + before.failed) : null);
        return {
          key: `${entry.application}/${entry.path || entry.workflow}`,
          application: entry.application,
          workflow: entry.workflow,
          path: entry.path,
          succeeded: entry.succeeded,
          failed: entry.failed,
          other: entry.other,
          ratePercent: rate,
          previousPercent: previousRate,
          trend: trend(rate, previousRate, true),
        };
      }),
    },
  };
}
