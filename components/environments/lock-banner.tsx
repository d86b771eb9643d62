import type { EnvironmentStatus } from "@/lib/overview/types";
import { LockControls } from "@/components/actions/lock-controls";
import { LockIcon } from "@/components/ui/icons";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatUtcInstant, timeLeft } from "./lock-until";

export interface LockPermissions {
  canLock: boolean;
  canUnlock: boolean;
}

/**
 * The environment's lock, impossible to miss: who locked it, why, since when and until when, with
 * the Unlock button. Always rendered as a live region (empty when unlocked) so a lock set or lifted
 * by someone else is announced when the page refreshes in place.
 */
export function LockBanner({ status, permissions, now }: { status: EnvironmentStatus; permissions: LockPermissions | null; now: Date }) {
  const lock = status.lock;
  return (
    <div aria-live="polite" data-testid="lock-banner-region">
      {lock ? (
        <div
          role="status"
          data-testid="lock-banner"
          className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-2 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          <LockIcon className="shrink-0" />
          <p className="min-w-0 flex-1">
            <strong>
              {status.environment} is locked by {lock.lockedBy}
            </strong>{" "}
            <span className="text-amber-800 dark:text-amber-300">
              (<RelativeTime iso={lock.since} now={now} />)
            </span>
            : <q data-testid="lock-reason">{lock.reason}</q>.{" "}
            <span data-testid="lock-until">
              {lock.until ? (
                <>
                  Until{" "}
                  <time dateTime={lock.until} title={lock.until.replace("T", " ").replace(/\.\d+Z$/, " UTC")}>
                    {formatUtcInstant(lock.until, now)}
                  </time>{" "}
                  ({timeLeft(lock.until, now)}), then it unlocks on its own.
                </>
              ) : (
                "Until a release manager unlocks it."
              )}
            </span>{" "}
            Deploys and flag changes are refused; rollbacks still work.
          </p>
          {permissions ? <LockControls application={status.application} environment={status.environment} lock={lock} canLock={permissions.canLock} canUnlock={permissions.canUnlock} /> : null}
        </div>
      ) : null}
    </div>
  );
}
