import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listApplications } from "@/lib/applications/list-applications";
import { findPendingReleases } from "@/lib/approvals/find-approvals-inbox";
import { assertPermission, requireUser } from "@/lib/auth/current-user";
import { hasPermission, permissionFor } from "@/lib/authz/policy";
import { findApplication } from "@/lib/config";
import { getDeployForm } from "@/lib/deploy/deploy-form";
import { getEnvironmentPage } from "@/lib/overview/queries";
import { rollbackCandidates } from "@/lib/releases/rollback-candidates";
import { RollbackDialog } from "@/components/actions/rollback-dialog";
import { EnvironmentActions } from "@/components/environments/environment-actions";
import { EnvironmentView } from "@/components/environments/environment-view";

type Params = Promise<{ app: string; env: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { app, env } = await params;
  return { title: `${env} · ${findApplication(app)?.name ?? app}` };
}

const SHA = /^[0-9a-f]{40}$/;

export default async function EnvironmentPage({ params }: { params: Params }) {
  const { app: slug, env: name } = await params;
  const user = await requireUser(`/apps/${encodeURIComponent(slug)}/${encodeURIComponent(name)}`);
  assertPermission(user, "dashboard.read");
  const app = listApplications().find((candidate) => candidate.slug === slug);
  const index = app?.environments.findIndex((candidate) => candidate.name === name) ?? -1;
  const config = app?.environments[index];
  if (!app || !config) notFound();
  const can = {
    deploy: hasPermission(user, permissionFor("deploy", config)),
    rollBack: hasPermission(user, "service.rollback"),
    lock: hasPermission(user, "env.lock"),
    unlock: hasPermission(user, "env.unlock"),
  };
  const [data, deployForm, pendingReleases] = await Promise.all([
    getEnvironmentPage({ application: app.slug, environment: config.name }),
    // The workflow's dispatch inputs, only for people who may deploy (cached per process; see deploy-form).
    can.deploy ? getDeployForm({ application: app.slug, environment: config.name, userId: user.id }) : Promise.resolve(null),
    findPendingReleases({ application: app.slug, environment: config.name, viewer: user }),
  ]);
  if (!data) notFound();
  const previous = index > 0 ? app.environments[index - 1] : undefined;
  const compareWith = data.status.behind?.environment ?? previous?.name ?? findApplication(app.slug)?.defaultBranch ?? "the default branch";
  // "Promote": what the previous environment runs (the head of "not yet here"), with how many commits it adds.
  const head = data.notYetHere?.head;
  const promote = previous && head && SHA.test(head) ? { environment: previous.name, sha: head, commitCount: data.notYetHere?.total ?? null } : null;
  const serviceActions = Object.fromEntries(
    data.status.services.map((service) => [
      service.service,
      <RollbackDialog
        key={service.service}
        application={app.slug}
        environment={config.name}
        service={service.service}
        currentSha={service.sha}
        candidates={rollbackCandidates(data.history, [service.sha], service.service)}
        canRollBack={can.rollBack}
      />,
    ]),
  );
  return (
    <EnvironmentView
      app={app}
      config={config}
      compareWith={compareWith}
      data={data}
      pendingReleases={pendingReleases}
      now={new Date()}
      actions={<EnvironmentActions application={app.slug} config={config} data={data} deployForm={deployForm} promote={promote} can={can} />}
      serviceActions={serviceActions}
      lockPermissions={{ canLock: can.lock, canUnlock: can.unlock }}
    />
  );
}
