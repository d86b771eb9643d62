"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import type { CommandResult } from "@/lib/commands/types";
import { changeFlagAction } from "@/lib/actions/change-flag";
import type { FlagStateView } from "@/lib/flags/find-flags";
import { describeState, formatValue, parseAllowList, type FlagType } from "@/lib/flags/model";
import { Button } from "@/components/ui/button";
import { JsButton } from "@/components/ui/js-button";
import { FlagStateBadge } from "./flag-state-badge";
import { FieldError, FormMessage, Modal, fieldErrors, inputClass, useIdempotencyKey } from "@/components/ui/form";

export interface FlagCellProps {
  application: string;
  environment: { name: string; protected: boolean };
  flag: { key: string; type: FlagType };
  state: FlagStateView;
  /** Why this person may not change the flag here; null when they may. */
  deniedReason: string | null;
}

function Hidden({ props, version, idempotencyKey }: { props: FlagCellProps; version: number; idempotencyKey: string }) {
  return (
    <>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <input type="hidden" name="application" value={props.application} />
      <input type="hidden" name="environment" value={props.environment.name} />
      <input type="hidden" name="key" value={props.flag.key} />
      <input type="hidden" name="type" value={props.flag.type} />
      <input type="hidden" name="version" value={version} />
    </>
  );
}

/** One flag in one environment: its state, a toggle and an editor (protected environments confirm first). */
export function FlagCell(props: FlagCellProps) {
  const { state, environment, flag, deniedReason } = props;
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const [result, toggle, toggling] = useActionState(async (previous: CommandResult | null, form: FormData) => {
    const answer = await changeFlagAction(previous, form);
    if (answer.ok) {
      setConfirming(false);
      router.refresh();
    }
    return answer;
  }, null);
  const idempotencyKey = useIdempotencyKey(result);
  const label = `${flag.key} in ${environment.name}`;

  const next = !state.enabled;
  const toggleForm = (danger: boolean) => (
    <form action={toggle}>
      <Hidden props={props} version={state.version} idempotencyKey={idempotencyKey} />
      <input type="hidden" name="enabled" value={String(next)} />
      <Button type="submit" size={danger ? "md" : "sm"} variant={danger ? "danger" : "secondary"} disabled={toggling} aria-label={danger ? undefined : `Turn ${next ? "on" : "off"} ${label}`}>
        {danger ? `Turn ${next ? "on" : "off"} in ${environment.name}` : next ? "Turn on" : "Turn off"}
      </Button>
    </form>
  );

  return (
    <div className="flex flex-col gap-1" data-testid={`flag-cell-${flag.key}-${environment.name}`}>
      <div className="flex items-center gap-1.5">
        <FlagStateBadge state={state} />
        {deniedReason ? null : environment.protected ? (
          <JsButton size="sm" variant="secondary" onClick={() => setConfirming(true)} aria-label={`Turn ${next ? "on" : "off"} ${label}`}>
            {next ? "Turn on…" : "Turn off…"}
          </JsButton>
        ) : (
          toggleForm(false)
        )}
        {deniedReason ? null : (
          <JsButton size="sm" variant="ghost" onClick={() => setEditing(true)} aria-label={`Edit ${label}`}>
            Edit
          </JsButton>
        )}
      </div>
      {deniedReason ? (
        <span className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="flag-denied">
          <span aria-hidden>🔒 </span>
          {deniedReason}
        </span>
      ) : null}
      {result && !result.ok && !confirming ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          {result.error.message}
        </span>
      ) : null}
      <Modal open={confirming} onClose={() => setConfirming(false)} title={`Turn ${next ? "on" : "off"} ${flag.key} in ${environment.name}?`}>
        <Summary before={describeState(state)} after={describeState({ ...state, enabled: next })} environment={environment.name} />
        <FormMessage state={result} />
        <div className="mt-3 flex justify-end gap-2">
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
          {toggleForm(true)}
        </div>
      </Modal>
      {editing ? <EditFlagDialog {...props} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}

function Summary({ before, after, environment }: { before: string; after: string; environment: string }) {
  return (
    <dl className="grid grid-cols-[5rem_1fr] gap-x-2 gap-y-1 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-800 dark:bg-amber-950" data-testid="change-summary">
      <dt className="text-zinc-600 dark:text-zinc-400">Now</dt>
      <dd>{before}</dd>
      <dt className="text-zinc-600 dark:text-zinc-400">After</dt>
      <dd className="font-medium">{after}</dd>
      <dd className="col-span-2 text-xs text-zinc-600 dark:text-zinc-400">Applications evaluating flags in {environment} see this within a second.</dd>
    </dl>
  );
}

function EditFlagDialog(props: FlagCellProps & { onClose: () => void }) {
  const { state, environment, flag, onClose } = props;
  const router = useRouter();
  const [reviewing, setReviewing] = useState(false);
  const [result, save, saving] = useActionState(async (previous: CommandResult | null, form: FormData) => {
    const answer = await changeFlagAction(previous, form);
    if (answer.ok) {
      router.refresh();
      onClose();
    } else setReviewing(false);
    return answer;
  }, null);
  const idempotencyKey = useIdempotencyKey(result);
  const [draft, setDraft] = useState({
    enabled: state.enabled,
    defaultValue: String(state.defaultValue),
    rolloutValue: String(state.rolloutValue),
    rolloutPercentage: String(state.rolloutPercentage),
    allowList: state.allowList.join("\n"),
  });

  const errorsFor = (field: string) => fieldErrors(result, field);
  const invalid = (field: string) => (errorsFor(field).length ? true : undefined);
  const id = (field: string) => `${flag.key}-${environment.name}-${field}`;
  const previewAfter = () => {
    const defaultValue = flag.type === "boolean" ? draft.defaultValue === "true" : flag.type === "number" ? Number(draft.defaultValue) : draft.defaultValue;
    const rolloutValue = flag.type === "boolean" ? !defaultValue : flag.type === "number" ? Number(draft.rolloutValue) : draft.rolloutValue;
    return describeState({ enabled: draft.enabled, defaultValue, rolloutValue, rolloutPercentage: Number(draft.rolloutPercentage) || 0, allowList: parseAllowList(draft.allowList) });
  };

  return (
    <Modal open onClose={onClose} title={`Edit ${flag.key} in ${environment.name}`}>
      <form action={save} className="grid gap-2" onSubmit={(event) => {
        if (environment.protected && !reviewing) {
          event.preventDefault();
          setReviewing(true);
        }
      }}>
        <Hidden props={props} version={state.version} idempotencyKey={idempotencyKey} />
        <input type="hidden" name="enabled" value={String(draft.enabled)} />
        <fieldset inert={reviewing} className={reviewing ? "grid gap-2 opacity-60" : "grid gap-2"}>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={draft.enabled} onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })} className="size-4" />
            Enabled in {environment.name}
          </label>
          <label className="text-sm" htmlFor={id("defaultValue")}>
            Default value <span className="text-xs text-zinc-500">served when off, and to everyone outside the rollout</span>
          </label>
          {flag.type === "boolean" ? (
            <select id={id("defaultValue")} name="defaultValue" className={inputClass} value={draft.defaultValue} onChange={(event) => setDraft({ ...draft, defaultValue: event.target.value })} aria-describedby={id("defaultValue-error")} aria-invalid={invalid("defaultValue")}>
              <option value="false">false</option>
              <option value="true">true</option>
            </select>
          ) : (
            <input id={id("defaultValue")} name="defaultValue" className={inputClass} value={draft.defaultValue} inputMode={flag.type === "number" ? "decimal" : undefined} onChange={(event) => setDraft({ ...draft, defaultValue: event.target.value })} aria-describedby={id("defaultValue-error")} aria-invalid={invalid("defaultValue")} />
          )}
          <FieldError id={id("defaultValue-error")} messages={errorsFor("defaultValue")} />
          {flag.type === "boolean" ? (
            <p className="text-xs text-zinc-600 dark:text-zinc-400">The rollout and the allow list get {formatValue(draft.defaultValue !== "true")}.</p>
          ) : (
            <>
              <label className="text-sm" htmlFor={id("rolloutValue")}>
                Rollout value <span className="text-xs text-zinc-500">served to the rollout and the allow list</span>
              </label>
              <input id={id("rolloutValue")} name="rolloutValue" className={inputClass} value={draft.rolloutValue} onChange={(event) => setDraft({ ...draft, rolloutValue: event.target.value })} aria-describedby={id("rolloutValue-error")} aria-invalid={invalid("rolloutValue")} />
              <FieldError id={id("rolloutValue-error")} messages={errorsFor("rolloutValue")} />
            </>
          )}
          <label className="text-sm" htmlFor={id("rolloutPercentage")}>
            Rollout percentage <span className="text-xs text-zinc-500">0–100; a user keeps their result as it grows</span>
          </label>
          <input id={id("rolloutPercentage")} name="rolloutPercentage" type="number" min={0} max={100} step={1} className={inputClass} value={draft.rolloutPercentage} onChange={(event) => setDraft({ ...draft, rolloutPercentage: event.target.value })} aria-describedby={id("rolloutPercentage-error")} aria-invalid={invalid("rolloutPercentage")} />
          <FieldError id={id("rolloutPercentage-error")} messages={errorsFor("rolloutPercentage")} />
          <label className="text-sm" htmlFor={id("allowList")}>
            Allow list <span className="text-xs text-zinc-500">targeting keys that always get the rollout value; one per line</span>
          </label>
          <textarea id={id("allowList")} name="allowList" rows={3} className={`${inputClass} font-mono`} value={draft.allowList} onChange={(event) => setDraft({ ...draft, allowList: event.target.value })} aria-describedby={id("allowList-error")} aria-invalid={invalid("allowList")} />
          <FieldError id={id("allowList-error")} messages={errorsFor("allowList")} />
        </fieldset>
        {reviewing ? <Summary before={describeState(state)} after={previewAfter()} environment={environment.name} /> : null}
        <FormMessage state={result && !result.ok ? result : null} />
        <div className="flex justify-end gap-2">
          <Button onClick={reviewing ? () => setReviewing(false) : onClose}>{reviewing ? "Back" : "Cancel"}</Button>
          <Button type="submit" variant={environment.protected ? "danger" : "primary"} disabled={saving}>
            {environment.protected ? (reviewing ? `Apply to ${environment.name}` : "Review change…") : saving ? "Saving…" : "Save"}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
