"use client";

import { approveReleaseAction } from "@/lib/actions/approve-release";
import { rejectReleaseAction } from "@/lib/actions/reject-release";
import { FieldError, fieldErrors, inputClass } from "@/components/ui/form";
import { ActionDialog } from "./action-dialog";

export interface ReviewTarget {
  application: string;
  environment: string;
  runId: number;
  runNumber: number;
  headSha: string;
  /** What it changes compared with what the environment runs, as a sentence ("It ships 4 commits."); null when unknown. */
  ships: string | null;
  approvals: number;
  required: number;
}

/**
 * Approve / Reject for a release waiting on a protected environment. Only people who may review get
 * them; when one may not act right now (four-eyes: they started it; already approved; locked) the
 * buttons stay visible but disabled, with the reason written next to them. The server refuses the same
 * cases on its own: this only spares people a surprise.
 */
export function ReviewReleaseControls({ target, blocked }: { target: ReviewTarget; blocked: { approve: string | null; reject: string | null } }) {
  const reason = blocked.approve ?? blocked.reject;
  const hidden = { application: target.application, environment: target.environment, runId: String(target.runId), headSha: target.headSha };
  const sha = target.headSha.slice(0, 7);
  const ships = target.ships ? ` ${target.ships}` : "";
  const comment = (id: string, required: boolean) =>
    function CommentField(state: Parameters<typeof fieldErrors>[0]) {
      return (
        <>
          <label htmlFor={id} className="text-sm">
            Comment {required ? <span className="text-xs text-zinc-500">required: recorded on GitHub and in the audit trail</span> : <span className="text-xs text-zinc-500">optional</span>}
          </label>
          <textarea id={id} name="comment" rows={2} required={required} minLength={required ? 3 : undefined} className={inputClass} aria-describedby={`${id}-error`} />
          <FieldError id={`${id}-error`} messages={fieldErrors(state, "comment")} />
        </>
      );
    };
  const approveComment = comment(`approve-${target.runId}-comment`, false);
  const rejectComment = comment(`reject-${target.runId}-comment`, true);
  return (
    <div className="flex flex-wrap items-center justify-end gap-2" data-testid={`review-controls-${target.runId}`}>
      <ActionDialog
        label="Approve"
        title={`Approve ${target.application} run #${target.runNumber} for ${target.environment}`}
        action={approveReleaseAction}
        hidden={hidden}
        confirmLabel={`Approve ${sha}`}
        pendingLabel="Approving…"
        variant="primary"
        disabledReason={blocked.approve}
      >
        {(state) => (
          <>
            <p className="text-sm">
              Run #{target.runNumber} will deploy <code className="font-mono">{sha}</code> to {target.environment}.{ships}
              {target.required > 1
                ? ` This is approval ${Math.min(target.approvals + 1, target.required)} of ${target.required}; GitHub is approved when ${target.required} different people have approved.`
                : " GitHub records you as the reviewer."}
            </p>
            {approveComment(state)}
          </>
        )}
      </ActionDialog>
      <ActionDialog
        label="Reject"
        title={`Reject ${target.application} run #${target.runNumber} for ${target.environment}`}
        action={rejectReleaseAction}
        hidden={hidden}
        confirmLabel={`Reject ${sha}`}
        pendingLabel="Rejecting…"
        variant="danger"
        confirmVariant="danger"
        disabledReason={blocked.reject}
      >
        {(state) => (
          <>
            <p className="text-sm">
              Run #{target.runNumber} ends without deploying <code className="font-mono">{sha}</code>; {target.environment} keeps what it runs now.
            </p>
            {rejectComment(state)}
          </>
        )}
      </ActionDialog>
      {reason ? (
        <p className="basis-full text-right text-xs text-zinc-600 dark:text-zinc-400" data-testid={`review-blocked-${target.runId}`}>
          {reason}
        </p>
      ) : null}
    </div>
  );
}
