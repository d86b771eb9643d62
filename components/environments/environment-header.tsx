import Link from "next/link";
import type { EnvironmentSummary } from "@/lib/applications/list-applications";
import type { EnvironmentStatus } from "@/lib/overview/types";
import { LiveRefresh } from "@/components/live/live-refresh";
import { EnvironmentBadges } from "@/components/overview/environment-badges";
import { AsOf } from "@/components/overview/upstream-banner";
import { Badge } from "@/components/ui/badge";
import { LockIcon, UnlockIcon } from "@/components/ui/icons";
import { LockControls } from "@/components/actions/lock-controls";
import { LockBanner, type LockPermissions } from "./lock-banner";

/** Title, live state and the configured facts of the environment (workflow, ref, cluster, protection). */
export function EnvironmentHeader({
  app,
  config,
  status,
  now,
  lockPermissions = null,
}: {
  app: { slug: string; name: string; repo: string; repoUrl: string };
  config: EnvironmentSummary;
  status: EnvironmentStatus;
  now: Date;
  /** Who may lock / unlock here; null shows no lock controls. */
  lockPermissions?: LockPermissions | null;
}) {
  return (
    <header className="mb-3 space-y-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="text-lg font-semibold">
          <Link href="/" className="text-zinc-500 hover:underline dark:text-zinc-400">
            {app.name}
          </Link>{" "}
          / {config.name}
        </h1>
        <AsOf iso={status.asOf} now={now} />
        <EnvironmentBadges status={status} showProtected={false} now={now} />
        {lockPermissions && !status.lock ? (
          <span className="ml-auto">
            <LockControls application={app.slug} environment={config.name} lock={null} canLock={lockPermissions.canLock} canUnlock={lockPermissions.canUnlock} />
          </span>
        ) : null}
        <span className={lockPermissions && !status.lock ? undefined : "ml-auto"}>
          <LiveRefresh application={app.slug} environment={config.name} />
        </span>
      </div>
      <dl className="flex flex-wrap gap-x-5 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400" data-testid="environment-config">
        <Fact label="Protection">
          {config.protected ? (
            <Badge tone="waiting">
              <LockIcon /> protected · {config.requiredApprovals} approval{config.requiredApprovals === 1 ? "" : "s"}
            </Badge>
          ) : (
            <Badge>
              <UnlockIcon /> unprotected
            </Badge>
          )}
        </Fact>
        <Fact label="Deploy workflow">
          <a href={`${app.repoUrl}/actions/workflows/${config.workflow}`} className="font-mono hover:underline">
            {config.workflow}
          </a>
        </Fact>
        <Fact label="Default ref">
          <span className="font-mono">{config.ref}</span>
        </Fact>
        <Fact label="GitHub environment">
          <span className="font-mono">{config.githubEnvironment}</span>
        </Fact>
        <Fact label="ECS">
          <span className="font-mono">{config.cluster}</span> ({config.region})
        </Fact>
        <Fact label="Repository">
          <a href={app.repoUrl} className="font-mono hover:underline">
            {app.repo}
          </a>
        </Fact>
        <Fact label="Runs">
          <Link href={`/apps/${app.slug}/runs`} className="text-sky-700 hover:underline dark:text-sky-400">
            all workflow runs
          </Link>
        </Fact>
      </dl>
      <LockBanner status={status} permissions={lockPermissions} now={now} />
    </header>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex items-center gap-1">
      <dt className="text-zinc-500">{label}:</dt>
      <dd className="text-zinc-800 dark:text-zinc-200">{children}</dd>
    </div>
  );
}
