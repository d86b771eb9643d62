import Link from "next/link";
import type { ServiceRelease } from "@/lib/overview/types";
import { PersonChip } from "@/components/ui/person-chip";
import { RelativeTime } from "@/components/ui/relative-time";

/** "12 min ago · rita · run" — when the running revision became primary, and who or what did it. */
export function DeployedBy({ application, release, now }: { application: string; release: Pick<ServiceRelease, "deployedAt" | "deployedBy">; now: Date }) {
  const { deployedAt, deployedBy } = release;
  return (
    <span className="inline-flex flex-wrap items-center gap-x-1.5 text-xs text-zinc-600 dark:text-zinc-400">
      {deployedAt ? <RelativeTime iso={deployedAt} now={now} /> : <span>deployed: unknown</span>}
      {deployedBy.person ? <PersonChip person={deployedBy.person} /> : null}
      <CauseLink application={application} cause={deployedBy.cause} runId={deployedBy.runId} />
    </span>
  );
}

export function CauseLink({ application, cause, runId }: { application: string; cause: ServiceRelease["deployedBy"]["cause"]; runId: number | null }) {
  if (cause === "rollback") return <span className="font-medium text-amber-700 dark:text-amber-400">rollback</span>;
  if (runId !== null) {
    return (
      <Link href={`/apps/${application}/runs/${runId}`} title={`Workflow run ${runId}`} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
        run
      </Link>
    );
  }
  if (cause === "external") return <span title="Changed outside Flightdeck and GitHub Actions">external</span>;
  return null;
}
