import type { ReactNode } from "react";
import type { EnvironmentSummary } from "@/lib/applications/list-applications";
import type { PendingRelease } from "@/lib/approvals/types";
import type { EnvironmentPageData } from "@/lib/overview/types";
import { UpstreamBanner } from "@/components/overview/upstream-banner";
import { RunsTable } from "@/components/runs/runs-table";
import { DeploymentHistory } from "./deployment-history";
import { EnvironmentHeader } from "./environment-header";
import type { LockPermissions } from "./lock-banner";
import { HealthChecks } from "./health-checks";
import { NotYetHere } from "./not-yet-here";
import { PendingApprovals } from "./pending-approvals";
import { Section } from "./section";
import { ServicesTable } from "./services-table";

export interface EnvironmentViewProps {
  app: { slug: string; name: string; repo: string; repoUrl: string };
  config: EnvironmentSummary;
  /** The environment "not yet here" compares with (previous in the config's order), or the default branch. */
  compareWith: string;
  data: EnvironmentPageData;
  /** Runs waiting for review here, with what the viewer may do (lib/approvals). */
  pendingReleases: PendingRelease[];
  now: Date;
  /** The action bar (Deploy, Roll back, Lock) for the signed-in person. */
  actions?: ReactNode;
  /** Per service key, e.g. its Roll back button. */
  serviceActions?: Record<string, ReactNode>;
  /** Who may lock / unlock here (the header's Lock, the banner's Unlock); null shows no lock controls. */
  lockPermissions?: LockPermissions | null;
}

/** The body of /apps/<app>/<env>. */
export function EnvironmentView({ app, config, compareWith, data, pendingReleases, now, actions, serviceActions, lockPermissions = null }: EnvironmentViewProps) {
  const { status } = data;
  return (
    <main>
      <EnvironmentHeader app={app} config={config} status={status} now={now} lockPermissions={lockPermissions} />
      <UpstreamBanner upstream={data.upstream} now={now} />
      {actions ? <div className="mb-4">{actions}</div> : null}
      <Section id="services" title="Services" aside={`${status.services.length} in ${config.cluster}`}>
        <ServicesTable application={app.slug} services={status.services} now={now} actions={serviceActions} />
      </Section>
      <div className="grid gap-x-4 lg:grid-cols-2">
        <Section id="approvals" title="Pending approvals">
          <PendingApprovals releases={pendingReleases} now={now} />
        </Section>
        <Section id="health" title="Health checks">
          <HealthChecks checks={status.health} now={now} />
        </Section>
      </div>
      <Section
        id="not-yet-here"
        title="Not yet here"
        aside={data.notYetHere ? `${data.notYetHere.total} commit${data.notYetHere.total === 1 ? "" : "s"} in ${compareWith} that ${config.name} does not run` : `compared with ${compareWith}`}
      >
        <NotYetHere data={data.notYetHere} now={now} />
      </Section>
      <Section id="history" title="Deployment history">
        <DeploymentHistory application={app.slug} entries={data.history} repoUrl={app.repoUrl} now={now} />
      </Section>
      <Section id="runs" title="Recent deploy runs" aside={config.workflow}>
        <RunsTable application={app.slug} runs={data.recentRuns} repoUrl={app.repoUrl} now={now} empty={`No runs of ${config.workflow} for ${config.name} yet.`} />
      </Section>
    </main>
  );
}
