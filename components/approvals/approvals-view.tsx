import type { ApprovalsInbox } from "@/lib/approvals/types";
import { LiveRefresh } from "@/components/live/live-refresh";
import { UpstreamBanner } from "@/components/overview/upstream-banner";
import { DecidedReleases } from "./decided-releases";
import { PendingReleases } from "./pending-releases";

/** The body of /approvals: every run waiting on a protected environment, across applications, live. */
export function ApprovalsView({ inbox, now }: { inbox: ApprovalsInbox; now: Date }) {
  const waiting = inbox.pending.length;
  return (
    <main>
      <div className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="text-lg font-semibold">Approvals</h1>
        <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="approvals-count">
          {waiting === 0 ? "Nothing is waiting." : `${waiting} release${waiting === 1 ? "" : "s"} waiting for review, longest-waiting first.`}
        </p>
        <span className="ml-auto">
          <LiveRefresh />
        </span>
      </div>
      <UpstreamBanner upstream={inbox.upstream} now={now} />
      <section aria-labelledby="waiting-title" className="mb-5">
        <h2 id="waiting-title" className="sr-only">
          Waiting for approval
        </h2>
        <PendingReleases releases={inbox.pending} now={now} showApplication empty="Nothing is waiting for approval." />
      </section>
      <section aria-labelledby="decided-title">
        <h2 id="decided-title" className="mb-1.5 text-sm font-semibold">
          Decided in the last 24 hours
        </h2>
        <DecidedReleases releases={inbox.decided} now={now} />
      </section>
    </main>
  );
}
