"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { deployAction } from "@/lib/actions/deploy";
import type { DeployForm } from "@/lib/deploy/deploy-form";
import { FieldError, fieldErrors, inputClass } from "@/components/ui/form";
import { ActionDialog } from "./action-dialog";

/**
 * Deploy to an environment: promote what runs in the previous environment (the default), or any
 * branch, tag or SHA, with the workflow's own dispatch inputs. Protected environments get the
 * danger styling and a summary; the run page opens when GitHub has created the run.
 */
export function DeployDialog({
  application,
  environment,
  isProtected,
  form,
  promote,
  canDeploy,
  runPath,
}: {
  application: string;
  environment: string;
  isProtected: boolean;
  form: DeployForm | null;
  /** What runs in the previous environment, offered as the default ref. */
  promote: { environment: string; sha: string; commitCount: number | null } | null;
  canDeploy: boolean;
  /** Where a run's page is, with {id}. */
  runPath: string;
}) {
  const router = useRouter();
  // Until the person picks, the default follows the data: promote appears once the refresher knows
  // what the previous environment runs (a page updated live may get it after first render).
  const [picked, setMode] = useState<"promote" | "ref" | null>(null);
  const mode = picked ?? (promote ? "promote" : "ref");
  const [ref, setRef] = useState(form?.defaultRef ?? "");
  const chosenRef = mode === "promote" && promote ? promote.sha : ref;
  const disabledReason = !canDeploy
    ? isProtected
      ? "Release managers deploy to protected environments."
      : "Deployers deploy."
    : !form
      ? "GitHub cannot be reached to read the workflow; try again shortly."
      : !form.dispatchable
        ? `${form.workflow} has no workflow_dispatch trigger.`
        : null;
  return (
    <ActionDialog
      label={`Deploy to ${environment}`}
      title={`Deploy to ${environment}`}
      action={deployAction}
      hidden={{ application, environment, ref: chosenRef }}
      confirmLabel={`Deploy ${chosenRef.length === 40 ? chosenRef.slice(0, 7) : chosenRef || "…"} to ${environment}`}
      pendingLabel="Starting the workflow…"
      variant={isProtected ? "danger" : "primary"}
      confirmVariant={isProtected ? "danger" : "primary"}
      disabledReason={disabledReason}
      onDone={(result) => {
        const runId = result.ok ? (result.result as { runId?: number | null }).runId : null;
        if (runId) router.push(runPath.replace("{id}", String(runId)));
      }}
    >
      {(state) => (
        <>
          <fieldset className="grid gap-1">
            <legend className="text-sm">What to deploy</legend>
            {promote ? (
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" checked={mode === "promote"} onChange={() => setMode("promote")} />
                Promote <code className="font-mono">{promote.sha.slice(0, 7)}</code> from {promote.environment}
                {promote.commitCount !== null ? ` (${promote.commitCount} commit${promote.commitCount === 1 ? "" : "s"} not yet in ${environment})` : ""}
              </label>
            ) : null}
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" checked={mode === "ref"} onChange={() => setMode("ref")} />
              Branch, tag or SHA
              <input
                aria-label="Branch, tag or SHA"
                value={ref}
                onChange={(event) => {
                  setRef(event.target.value);
                  setMode("ref");
                }}
                className={`${inputClass} w-48 font-mono`}
                aria-describedby="deploy-ref-error"
              />
            </label>
            <FieldError id="deploy-ref-error" messages={fieldErrors(state, "ref")} />
          </fieldset>
          {form?.inputs.map((input) => (
            <div key={input.name} className="grid gap-0.5">
              <label htmlFor={`deploy-input-${input.name}`} className="text-sm">
                {input.name} {input.description ? <span className="text-xs text-zinc-500">{input.description}</span> : null}
              </label>
              {input.type === "boolean" ? (
                <input id={`deploy-input-${input.name}`} type="checkbox" name={`inputs.${input.name}`} defaultChecked={input.default} value="true" className="justify-self-start" />
              ) : input.type === "choice" ? (
                <select id={`deploy-input-${input.name}`} name={`inputs.${input.name}`} defaultValue={input.default ?? ""} className={inputClass}>
                  {input.required ? null : <option value="">(default)</option>}
                  {input.options.map((option) => (
                    <option key={option}>{option}</option>
                  ))}
                </select>
              ) : (
                <input
                  id={`deploy-input-${input.name}`}
                  name={`inputs.${input.name}`}
                  type={input.type === "number" ? "number" : "text"}
                  defaultValue={input.default === null ? "" : String(input.default)}
                  required={input.required}
                  className={inputClass}
                />
              )}
              <FieldError id={`deploy-input-${input.name}-error`} messages={fieldErrors(state, `inputs.${input.name}`)} />
            </div>
          ))}
          <p className="text-sm">
            Starts <code className="font-mono">{form?.workflow}</code> on GitHub as you, for {environment}.
            {isProtected ? " It will wait for approval by a release manager other than you before anything changes." : ""}
          </p>
        </>
      )}
    </ActionDialog>
  );
}
