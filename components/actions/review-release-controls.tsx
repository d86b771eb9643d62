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
  startedBy: string | null;
  /** Commits this release ships compared with what the environment runs (null when unknown). */
  commitCount: number | null;
  approvals: number;
  required: number;
}

/**
 * Approve / Reject for a release waiting on a protected environment. The server refuses the
 * person who started it (four-eyes); the buttons say so too, so nobody is surprised.
 */
export function ReviewReleaseControls({ target, viewer, canReview }: { target: ReviewTarget; viewer: string; canReview: boolean }) {
  const selfReview = target.startedBy !== null && target.startedBy.toLowerCase() === viewer.toLowerCase();
  const disabledReason = !canReview ? "Only release managers review production releases." : selfReview ? "You started this release; another release manager must review it." : null;
  const hidden = { application: target.application, environment: target.environment, runId: String(target.runId), headSha: target.headSha };
  const sha = target.headSha.slice(0, 7);
  const ships = target.commitCount === null ? "" : ` It ships ${target.commitCount} commit${target.commitCount === 1 ? "" : "s"}.`;
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
    <div className="flex gap-2">
      <ActionDialog
        label="Approve"
        title={`Approve run #${target.runNumber} for ${target.environment}`}
        action={approveReleaseAction}
        hidden={hidden}
        confirmLabel={`Approve ${sha}`}
        pendingLabel="Approving…"
        variant="primary"
        disabledReason={disabledReason}
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
        title={`Reject run #${target.runNumber} for ${target.environment}`}
        action={rejectReleaseAction}
        hidden={hidden}
        confirmLabel={`Reject ${sha}`}
        pendingLabel="Rejecting…"
        variant="danger"
        confirmVariant="danger"
        disabledReason={disabledReason}
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
    </div>
  );
}
