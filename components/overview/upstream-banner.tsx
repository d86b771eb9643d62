import type { UpstreamStatus } from "@/lib/overview/types";
import { AlertIcon } from "@/components/ui/icons";
import { RelativeTime } from "@/components/ui/relative-time";

/**
 * Names what is unavailable upstream and how old the data shown is. Rendered (as an empty, zero-height
 * region) even when all is well, so a banner appearing later is announced without moving focus.
 */
export function UpstreamBanner({ upstream, now }: { upstream: UpstreamStatus[]; now: Date }) {
  const failing = upstream.filter((status) => !status.ok);
  return (
    <div aria-live="polite" data-testid="upstream-banner-region">
      {failing.length > 0 ? (
        <div role="alert" data-testid="upstream-banner" className="mb-3 space-y-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
          {failing.map((status) => (
            <p key={status.system} className="flex flex-wrap items-center gap-x-1.5" data-system={status.system}>
              <AlertIcon className="shrink-0" />
              <strong>{status.system} is unavailable</strong>
              {status.message ? <span>— {status.message}.</span> : null}
              {status.failingSince ? (
                <span>
                  Failing since <RelativeTime iso={status.failingSince} now={now} />.
                </span>
              ) : null}
              <span>
                Showing data as of {status.lastSuccessAt ? <RelativeTime iso={status.lastSuccessAt} now={now} /> : "an unknown time"}.
              </span>
            </p>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** "as of 2 min ago" for a page header; grey "no data yet" when nothing was observed. */
export function AsOf({ iso, now }: { iso: string | null; now: Date }) {
  return (
    <span className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="as-of">
      {iso ? (
        <>
          as of <RelativeTime iso={iso} now={now} />
        </>
      ) : (
        "no data yet"
      )}
    </span>
  );
}
