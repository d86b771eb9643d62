"use client";

import { lockEnvironmentAction } from "@/lib/actions/lock-environment";
import { unlockEnvironmentAction } from "@/lib/actions/unlock-environment";
import { FieldError, fieldErrors, inputClass } from "@/components/ui/form";
import { ActionDialog } from "./action-dialog";

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
  lock: { lockedBy: string; reason: string } | null;
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
            {lock.lockedBy} locked {environment}: <q>{lock.reason}</q>. Unlocking allows deploys and flag changes there again.
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
          <p className="text-sm">Deploys and flag changes in {environment} will be refused until a release manager unlocks it. Rollbacks still work.</p>
          <label htmlFor="lock-reason" className="text-sm">
            Why? <span className="text-xs text-zinc-500">shown to everyone who is refused</span>
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
        </>
      )}
    </ActionDialog>
  );
}
