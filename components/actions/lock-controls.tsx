"use client";

import { useState } from "react";
import { lockEnvironmentAction } from "@/lib/actions/lock-environment";
import { unlockEnvironmentAction } from "@/lib/actions/unlock-environment";
import { FieldError, fieldErrors, inputClass } from "@/components/ui/form";
import { ActionDialog } from "./action-dialog";

type Expiry = "none" | "1h" | "4h" | "end_of_day" | "custom";

const EXPIRY_LABELS: Record<Expiry, string> = {
  none: "No expiry — until a release manager unlocks it",
  "1h": "1 hour",
  "4h": "4 hours",
  end_of_day: "End of today",
  custom: "Until…",
};

/** Lock / unlock an environment. Locking stops deploys and flag changes; rollback keeps working. */
export function LockControls({
  application,
  environment,
  lock,
  canLock,
  canUnlock,
}: {
  application: string;
  environment: string;
  lock: { lockedBy: string; reason: string; until?: string | null } | null;
  canLock: boolean;
  canUnlock: boolean;
}) {
  const hidden = { application, environment };
  if (lock) {
    return (
      <ActionDialog
        label="Unlock"
        title={`Unlock ${environment}?`}
        action={unlockEnvironmentAction}
        hidden={hidden}
        confirmLabel={`Unlock ${environment}`}
        pendingLabel="Unlocking…"
        disabledReason={canUnlock ? null : "Only release managers unlock an environment."}
      >
        {() => (
          <p className="text-sm">
            {lock.lockedBy} locked {environment}
            {lock.until ? ` until ${new Date(lock.until).toLocaleString([], { dateStyle: "medium", timeStyle: "short" })} (your time)` : ""}: <q>{lock.reason}</q>. Unlocking allows deploys and flag changes there again.
          </p>
        )}
      </ActionDialog>
    );
  }
  return (
    <ActionDialog
      label="Lock"
      title={`Lock ${environment}`}
      action={lockEnvironmentAction}
      hidden={hidden}
      confirmLabel={`Lock ${environment}`}
      pendingLabel="Locking…"
      confirmVariant="danger"
      disabledReason={canLock ? null : "Release managers and on-call lock environments."}
    >
      {(state) => (
        <>
          <p className="text-sm">
            Deploys and flag changes in {environment} will be refused until the lock expires or a release manager unlocks it. Rollbacks still work.
          </p>
          <label htmlFor="lock-reason" className="text-sm">
            Why? <span className="text-xs text-zinc-500 dark:text-zinc-400">shown to everyone who is refused</span>
          </label>
          <textarea
            id="lock-reason"
            name="reason"
            rows={2}
            required
            minLength={3}
            className={inputClass}
            aria-describedby="lock-reason-error"
            aria-invalid={fieldErrors(state, "reason").length ? true : undefined}
          />
          <FieldError id="lock-reason-error" messages={fieldErrors(state, "reason")} />
          <ExpiryField errors={fieldErrors(state, "expiresAt")} />
        </>
      )}
    </ActionDialog>
  );
}

/** The end of today in the browser's time zone (23:59), as an instant. */
function endOfToday(): Date {
  const end = new Date();
  end.setHours(23, 59, 0, 0);
  return end;
}

/** "2026-11-22T18:30" for a datetime-local input, in the browser's time zone. */
function localInputValue(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * How long the lock lasts. Relative choices are counted by the server from the moment it locks;
 * "end of today" and a custom time are instants in the browser's time zone, sent as ISO 8601.
 */
function ExpiryField({ errors }: { errors: string[] }) {
  const [expiry, setExpiry] = useState<Expiry>("none");
  const [custom, setCustom] = useState(() => localInputValue(new Date(Date.now() + 2 * 60 * 60_000)));
  const customDate = custom ? new Date(custom) : null;
  const expiresAt = expiry === "end_of_day" ? endOfToday() : expiry === "custom" && customDate && !Number.isNaN(customDate.getTime()) ? customDate : null;
  return (
    <fieldset className="grid gap-1 text-sm" aria-describedby="lock-expiry-error">
      <legend className="mb-1">Expires</legend>
      <input type="hidden" name="expiry" value={expiry} />
      <input type="hidden" name="expiresAt" value={expiresAt ? expiresAt.toISOString() : ""} />
      {(Object.keys(EXPIRY_LABELS) as Expiry[]).map((choice) => (
        <label key={choice} className="flex items-center gap-2">
          <input type="radio" name="expiry-choice" value={choice} checked={expiry === choice} onChange={() => setExpiry(choice)} />
          {EXPIRY_LABELS[choice]}
          {choice === "end_of_day" ? <span className="text-xs text-zinc-500 dark:text-zinc-400">({endOfToday().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })} your time)</span> : null}
        </label>
      ))}
      {expiry === "custom" ? (
        <label className="ml-6 flex items-center gap-2">
          <span className="sr-only">Unlock at</span>
          <input
            type="datetime-local"
            aria-label="Unlock at"
            value={custom}
            min={localInputValue(new Date())}
            onChange={(event) => setCustom(event.target.value)}
            className={`${inputClass} w-auto`}
            aria-invalid={errors.length ? true : undefined}
          />
          <span className="text-xs text-zinc-500 dark:text-zinc-400">your time</span>
        </label>
      ) : null}
      <FieldError id="lock-expiry-error" messages={errors} />
    </fieldset>
  );
}
