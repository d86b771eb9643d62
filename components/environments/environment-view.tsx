import type { EnvironmentSummary } from "@/lib/applications/list-applications";
import type { EnvironmentPageData } from "@/lib/overview/types";
import { UpstreamBanner } from "@/components/overview/upstream-banner";
import { RunsTable } from "@/components/runs/runs-table";
import type { TimelineEntry } from "@/lib/metrics/timeline";
import { DeploymentHistory } from "./deployment-history";
import { EnvironmentHeader } from "./environment-header";
import { EnvironmentTimeline } from "./environment-timeline";
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
  /** Deploys, reviews, rollbacks, locks and flag changes, newest first (lib/metrics/read-timeline.ts). */
  timeline?: TimelineEntry[];
  now: Date;
}

/** The body of /apps/<app>/<env>. */
export function EnvironmentView({ app, config, compareWith, data, timeline = [], now }: EnvironmentViewProps) {
  const { status } = data;
  return (
    <main>
      <EnvironmentHeader app={app} config={config} status={status} now={now} />
      <UpstreamBanner upstream={data.upstream} now={now} />
      <Section id="services" title="Services" aside={`${status.services.length} in ${config.cluster}`}>
        <ServicesTable application={app.slug} services={status.services} now={now} />
      </Section>
      <div className="grid gap-x-4 lg:grid-cols-2">
        <Section id="approvals" title="Pending approvals">
          <PendingApprovals application={app.slug} approvals={data.pendingApprovals} repoUrl={app.repoUrl} now={now} />
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
      <Section id="timeline" title="Timeline" aside="deploys, approvals, rollbacks, locks and flag changes, newest first">
        <EnvironmentTimeline application={app.slug} entries={timeline} repoUrl={app.repoUrl} now={now} />
      </Section>
    </main>
  );
}
