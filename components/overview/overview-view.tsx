import type { OverviewData } from "@/lib/overview/types";
import { LiveRefresh } from "@/components/live/live-refresh";
import { GITHUB_ACTIVITY_EVENTS } from "@/components/live/relevance";
import { OverviewMatrix } from "./overview-matrix";
import { UpstreamBanner } from "./upstream-banner";

/** The body of `/`: every application × environment, live. */
export function OverviewView({ data, now }: { data: OverviewData; now: Date }) {
  return (
    <main>
      <div className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="text-lg font-semibold">What runs where</h1>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">Each cell: the SHA every service runs, its rollout, and who deployed it when.</p>
        <span className="ml-auto">
          <LiveRefresh ignore={GITHUB_ACTIVITY_EVENTS} />
        </span>
      </div>
      <UpstreamBanner upstream={data.upstream} now={now} />
      <OverviewMatrix applications={data.applications} now={now} />
    </main>
  );
}
