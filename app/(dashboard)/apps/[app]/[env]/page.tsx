import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listApplications } from "@/lib/applications/list-applications";
import { assertPermission, requireUser } from "@/lib/auth/current-user";
import { findApplication } from "@/lib/config";
import { EnvironmentView } from "@/components/environments/environment-view";
import { readEnvironmentTimeline } from "@/lib/metrics/read-timeline";
import { getEnvironmentPage } from "@/lib/overview/queries";

type Params = Promise<{ app: string; env: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { app, env } = await params;
  return { title: `${env} · ${findApplication(app)?.name ?? app}` };
}

export default async function EnvironmentPage({ params }: { params: Params }) {
  const { app: slug, env: name } = await params;
  const user = await requireUser(`/apps/${encodeURIComponent(slug)}/${encodeURIComponent(name)}`);
  assertPermission(user, "dashboard.read");
  const app = listApplications().find((candidate) => candidate.slug === slug);
  const index = app?.environments.findIndex((candidate) => candidate.name === name) ?? -1;
  const config = app?.environments[index];
  if (!app || !config) notFound();
  const [data, timeline] = await Promise.all([getEnvironmentPage({ application: app.slug, environment: config.name }), readEnvironmentTimeline({ application: app.slug, environment: config.name })]);
  if (!data) notFound();
  const previous = index > 0 ? app.environments[index - 1] : undefined;
  const compareWith = data.status.behind?.environment ?? previous?.name ?? findApplication(app.slug)?.defaultBranch ?? "the default branch";
  return <EnvironmentView app={app} config={config} compareWith={compareWith} data={data} timeline={timeline} now={new Date()} />;
}
