import type { Metadata } from "next";
import { assertPermission, requireUser } from "@/lib/auth/current-user";
import { getConfig } from "@/lib/config";
import { parseMetricsFilters } from "@/lib/metrics/filters";
import { getMetricsReport, metricsChoices } from "@/lib/metrics/get-metrics";
import { MetricsView } from "@/components/metrics/metrics-view";

export const metadata: Metadata = { title: "Metrics" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function MetricsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser("/metrics");
  assertPermission(user, "dashboard.read");
  const choices = metricsChoices();
  const { filters, ignored } = parseMetricsFilters(await searchParams, choices);
  const report = await getMetricsReport(filters);
  const applications = getConfig().applications.map((app) => ({ slug: app.slug, name: app.name }));
  return <MetricsView report={report} filters={filters} applications={applications} environments={[...choices.environments]} ignored={ignored} />;
}
