import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listApplications } from "@/lib/applications/list-applications";
import { assertPermission, requireUser } from "@/lib/auth/current-user";
import { hasPermission } from "@/lib/authz/policy";
import { RunControls } from "@/components/actions/run-controls";
import { RunDetailView } from "@/components/runs/run-detail-view";
import { getWorkflowRun } from "@/lib/overview/queries";

type Params = Promise<{ app: string; id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  return { title: `Run ${id}` };
}

export default async function RunPage({ params }: { params: Params }) {
  const { app: slug, id } = await params;
  const user = await requireUser(`/apps/${encodeURIComponent(slug)}/runs/${encodeURIComponent(id)}`);
  assertPermission(user, "dashboard.read");
  const app = listApplications().find((candidate) => candidate.slug === slug);
  const runId = /^\d{1,15}$/.test(id) ? Number(id) : null;
  if (!app || runId === null) notFound();
  const run = await getWorkflowRun({ application: app.slug, runId });
  if (!run) notFound();
  const actions = <RunControls application={app.slug} run={run} canCancel={hasPermission(user, "run.cancel")} canRerun={hasPermission(user, "run.rerun")} />;
  return <RunDetailView app={app} run={run} upstream={[]} now={new Date()} actions={actions} />;
}
