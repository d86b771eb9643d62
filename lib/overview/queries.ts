import "server-only";
// The read functions the pages call. Implemented by the data-plane work (refresher + webhooks); each
// reads only Postgres, scoped by the configured application/environment, and never throws for an
// upstream outage: it returns cached data plus UpstreamStatus.
import { findEnvironment, getConfig } from "@/lib/config";
import { cachedPageRead } from "@/lib/live/page-cache";
import { db } from "@/lib/db";
import { readUpstream } from "./read-common";
import { readEnvironmentPage } from "./read-environment";
import { readWorkflowRun, readWorkflowRuns } from "./read-runs";
import { readEnvironmentStatuses } from "./read-status";
import type { EnvironmentPageData, OverviewData, RunDetail, RunFilters, RunsPage } from "./types";

export interface OverviewQueries {
  getOverview(): Promise<OverviewData>;
  /** Null when the app/env is not configured (the page shows not-found). */
  getEnvironmentPage(options: { application: string; environment: string }): Promise<EnvironmentPageData | null>;
  findWorkflowRuns(options: { application: string; filters: RunFilters; page: number; perPage: number }): Promise<RunsPage | null>;
  getWorkflowRun(options: { application: string; runId: number }): Promise<RunDetail | null>;
}

// The implementation: plain functions over Postgres (lib/overview/read-*.ts), bundled as one object.
// The overview and the environment pages — what every open page re-reads on each live event — go
// through the instance's page cache (lib/live/page-cache.ts): one load per live event, shared by all
// viewers, never served after an event nor more than a second old. Run lists (filtered, paged) and run
// details read Postgres directly.

export function getOverview(): Promise<OverviewData> {
  return cachedPageRead("overview", readOverview);
}

async function readOverview(): Promise<OverviewData> {
  const config = getConfig();
  const prisma = db();
  const [statuses, upstream] = await Promise.all([readEnvironmentStatuses(prisma, config, config.applications), readUpstream(prisma)]);
  return {
    applications: config.applications.map((app) => ({
      slug: app.slug,
      name: app.name,
      repo: app.repo,
      repoUrl: `${config.github.webUrl}/${app.repo}`,
      environments: statuses.get(app.slug) ?? [],
    })),
    upstream,
  };
}

export const getEnvironmentPage: OverviewQueries["getEnvironmentPage"] = async ({ application, environment }) => {
  // Only configured environments are cached (a made-up URL must not grow the cache).
  if (!findEnvironment(application, environment)) return null;
  return cachedPageRead(`environment:${application}/${environment}`, () => readEnvironmentPage({ application, environment }));
};
export const findWorkflowRuns: OverviewQueries["findWorkflowRuns"] = (options) => readWorkflowRuns(options);
export const getWorkflowRun: OverviewQueries["getWorkflowRun"] = (options) => readWorkflowRun(options);

export const overviewQueries: OverviewQueries = { getOverview, getEnvironmentPage, findWorkflowRuns, getWorkflowRun };
