"use client";

import { useState } from "react";
import { rollBackAction } from "@/lib/actions/roll-back";
import { FieldError, fieldErrors, inputClass } from "@/components/ui/form";
import { ActionDialog } from "./action-dialog";

export interface RollbackCandidate {
  revision: number;
  sha: string | null;
  deployedAt: string;
  deployedBy: string | null;
  /** How long it ran before being replaced, for "was it good?" at a glance. */
  ranFor: string | null;
  outcome: string;
}

/**
 * On-call's button. Lists earlier releases (newest first), defaulting to the last one that ran
 * successfully before the current; the summary names exactly what changes. A reason is required.
 */
export function RollbackDialog({
  application,
  environment,
  service,
  currentRevision,
  currentSha,
  candidates,
  compareUrl,
  canRollBack,
}: {
  application: string;
  environment: string;
  /** A service key, or null for every service of the environment. */
  service: string | null;
  currentRevision: number | null;
  currentSha: string | null;
  candidates: RollbackCandidate[];
  /** GitHub compare URL template with {base} and {head}, to see the commits being reverted. */
  compareUrl: string;
  canRollBack: boolean;
}) {
  const fallback = candidates.find((candidate) => candidate.outcome === "succeeded") ?? candidates[0];
  const [revision, setRevision] = useState(fallback ? String(fallback.revision) : "");
  const chosen = candidates.find((candidate) => String(candidate.revision) === revision);
  const what = service ? `${service} in ${environment}` : `every service in ${environment}`;
  return (
    <ActionDialog
      label={service ? "Roll back" : "Roll back all"}
      title={`Roll back ${what}`}
      action={rollBackAction}
      hidden={{ application, environment, service: service ?? "" }}
      confirmLabel={chosen ? `Roll back to revision ${chosen.revision}` : "Roll back"}
      pendingLabel="Rolling back…"
      variant="danger"
      confirmVariant="danger"
      disabledReason={!canRollBack ? "On-call engineers and release managers roll back." : candidates.length === 0 ? "No earlier release is known." : null}
    >
      {(state) => (
        <>
          <label htmlFor={`rollback-${service ?? "all"}-revision`} className="text-sm">
            Roll back to
          </label>
          <select
            id={`rollback-${service ?? "all"}-revision`}
            name="revision"
            value={revision}
            onChange={(event) => setRevision(event.target.value)}
            className={inputClass}
            aria-describedby={`rollback-${service ?? "all"}-revision-error`}
          >
            {candidates.map((candidate) => (
              <option key={candidate.revision} value={candidate.revision}>
                rev {candidate.revision} · {candidate.sha?.slice(0, 7) ?? "unknown SHA"} · {new Date(candidate.deployedAt).toLocaleString()}
                {candidate.deployedBy ? ` · ${candidate.deployedBy}` : ""}
                {candidate.ranFor ? ` · ran ${candidate.ranFor}` : ""} · {candidate.outcome}
              </option>
            ))}
          </select>
          <FieldError id={`rollback-${service ?? "all"}-revision-error`} messages={fieldErrors(state, "revision")} />
          {chosen ? (
            <p className="text-sm">
              ECS will point {what} at task-definition revision {chosen.revision}
              {currentRevision ? ` (now ${currentRevision})` : ""}, running <code className="font-mono">{chosen.sha?.slice(0, 7) ?? "?"}</code> instead of{" "}
              <code className="font-mono">{currentSha?.slice(0, 7) ?? "?"}</code>.{" "}
              {chosen.sha && currentSha ? (
                <a className="underline" href={compareUrl.replace("{base}", chosen.sha).replace("{head}", currentSha)} target="_blank" rel="noreferrer">
                  Commits being reverted
                </a>
              ) : null}
            </p>
          ) : null}
          <label htmlFor={`rollback-${service ?? "all"}-reason`} className="text-sm">
            Reason <span className="text-xs text-zinc-500">required, goes into the audit trail</span>
          </label>
          <textarea id={`rollback-${service ?? "all"}-reason`} name="reason" rows={2} required minLength={3} className={inputClass} aria-describedby={`rollback-${service ?? "all"}-reason-error`} />
          <FieldError id={`rollback-${service ?? "all"}-reason-error`} messages={fieldErrors(state, "reason")} />
        </>
      )}
    </ActionDialog>
  );
}
