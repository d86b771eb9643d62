"use client";

import { cancelRunAction } from "@/lib/actions/cancel-run";
import { rerunRunAction } from "@/lib/actions/rerun-run";
import { ActionDialog } from "./action-dialog";

/** Cancel a run that has not finished; re-run a finished one, or only its failed jobs. */
export function RunControls({
  application,
  run,
  canCancel,
  canRerun,
}: {
  application: string;
  run: { id: number; runNumber: number; workflow: string; status: string; conclusion: string | null };
  canCancel: boolean;
  canRerun: boolean;
}) {
  const hidden = { application, runId: String(run.id) };
  const name = `${run.workflow} #${run.runNumber}`;
  if (run.status !== "completed") {
    return (
      <ActionDialog
        label="Cancel run"
        title={`Cancel ${name}?`}
        action={cancelRunAction}
        hidden={hidden}
        confirmLabel="Cancel the run"
        pendingLabel="Cancelling…"
        variant="danger"
        confirmVariant="danger"
        disabledReason={canCancel ? null : "Deployers cancel runs."}
      >
        {() => <p className="text-sm">GitHub stops the run&apos;s jobs; steps already done (a deploy half rolled out) are not undone.</p>}
      </ActionDialog>
    );
  }
  const failed = run.conclusion === "failure" || run.conclusion === "timed_out" || run.conclusion === "cancelled";
  return (
    <span className="flex gap-2">
      {failed ? (
        <ActionDialog
          label="Re-run failed jobs"
          title={`Re-run the failed jobs of ${name}?`}
          action={rerunRunAction}
          hidden={{ ...hidden, failedOnly: "true" }}
          confirmLabel="Re-run failed jobs"
          pendingLabel="Starting…"
          disabledReason={canRerun ? null : "Deployers re-run runs."}
        >
          {() => <p className="text-sm">GitHub runs the failed and cancelled jobs again (and the jobs that depend on them), on the same commit, as a new attempt attributed to you.</p>}
        </ActionDialog>
      ) : null}
      <ActionDialog
        label="Re-run"
        title={`Re-run all jobs of ${name}?`}
        action={rerunRunAction}
        hidden={{ ...hidden, failedOnly: "false" }}
        confirmLabel="Re-run all jobs"
        pendingLabel="Starting…"
        disabledReason={canRerun ? null : "Deployers re-run runs."}
      >
        {() => <p className="text-sm">GitHub runs every job again on the same commit, as a new attempt attributed to you. A deploy job deploys again.</p>}
      </ActionDialog>
    </span>
  );
}
