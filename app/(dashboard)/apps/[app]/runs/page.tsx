import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listApplications } from "@/lib/applications/list-applications";
import { assertPermission, requireUser } from "@/lib/auth/current-user";
import { findApplication } from "@/lib/config";
import { parseRunSearch, runsHref, RUNS_PER_PAGE } from "@/components/runs/run-filters";
import { RunsView } from "@/components/runs/runs-view";
import { findWorkflowRuns } from "@/lib/overview/queries";

type Params = Promise<{ app: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { app } = await params;
  return { title: `Runs · ${findApplication(app)?.name ?? app}` };
}

export default async function RunsPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { app: slug } = await params;
  const { filters, page } = parseRunSearch(await searchParams);
  const user = await requireUser(runsHref(slug, filters, page));
  assertPermission(user, "dashboard.read");
  const app = listApplications().find((candidate) => candidate.slug === slug);
  if (!app) notFound();
  const data = await findWorkflowRuns({ application: app.slug, filters, page, perPage: RUNS_PER_PAGE });
  if (!data) notFound();
  return <RunsView app={app} data={data} filters={filters} now={new Date()} />;
}
