import "server-only";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { leadTimePairs, periodsEndingAt } from "./dora";
import type { FilterChoices, MetricsFilters } from "./filters";
import { historyHorizon, loadCommitRanges, loadReleases, loadRuns } from "./load";
import { computeMetrics, type MetricsReport } from "./report";

/** What the filters may name: the configured applications and their environment names. */
export function metricsChoices(): FilterChoices {
  const { applications } = getConfig();
  return { applications: applications.map((app) => app.slug), environments: [...new Set(applications.flatMap((app) => app.environments.map((env) => env.name)))] };
}

/** The /metrics report for these filters, from Postgres only. */
export async function getMetricsReport(filters: MetricsFilters, options: { now?: Date; prisma?: PrismaClient } = {}): Promise<MetricsReport> {
  const prisma = options.prisma ?? db();
  const now = options.now ?? new Date();
  const applications = getConfig()
    .applications.filter((app) => (filters.application === null || app.slug === filters.application) && app.environments.some((env) => env.name === filters.environment))
    .map((app) => app.slug);
  const { previous } = periodsEndingAt(now, filters.days);
  const [releases, runs] = await Promise.all([
    loadReleases(prisma, { applications, environment: filters.environment, since: historyHorizon(now) }),
    loadRuns(prisma, { applications: filters.application === null ? getConfig().applications.map((app) => app.slug) : [filters.application], since: previous.start }),
  ]);
  const ranges = await loadCommitRanges(prisma, leadTimePairs(releases));
  return computeMetrics({ releases, ranges, runs, now, days: filters.days });
}
