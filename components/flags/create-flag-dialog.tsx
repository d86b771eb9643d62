"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import type { CommandResult } from "@/lib/commands/types";
import { createFlagAction } from "@/lib/actions/create-flag";
import { FLAG_TYPES } from "@/lib/flags/model";
import { Button } from "@/components/ui/button";
import { JsButton } from "@/components/ui/js-button";
import { FieldError, FormMessage, Modal, fieldErrors, inputClass, useIdempotencyKey } from "@/components/ui/form";

/** "New flag": starts off in every environment, so creating one never changes what is served. */
export function CreateFlagDialog({ application, applicationName }: { application: string; applicationName: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <JsButton variant="primary" size="sm" onClick={() => setOpen(true)}>
        New flag
      </JsButton>
      {open ? <CreateFlagForm application={application} applicationName={applicationName} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function CreateFlagForm({ application, applicationName, onClose }: { application: string; applicationName: string; onClose: () => void }) {
  const router = useRouter();
  const [result, create, creating] = useActionState(async (previous: CommandResult | null, form: FormData) => {
    const answer = await createFlagAction(previous, form);
    if (answer.ok) {
      router.refresh();
      onClose();
    }
    return answer;
  }, null);
  const idempotencyKey = useIdempotencyKey(result);
  const field = (name: string) => ({
    id: `new-flag-${name}`,
    name,
    "aria-describedby": `new-flag-${name}-error`,
    "aria-invalid": fieldErrors(result, name).length ? true : undefined,
  });
  return (
    <Modal open onClose={onClose} title={`New flag in ${applicationName}`}>
      <form action={create} className="grid gap-1">
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <input type="hidden" name="application" value={application} />
        <label htmlFor="new-flag-key" className="text-sm">
          Key <span className="text-xs text-zinc-500">what code asks for, e.g. new-checkout; cannot change later</span>
        </label>
        <input {...field("key")} required className={`${inputClass} font-mono`} autoComplete="off" pattern="[a-z][a-z0-9._\-]{1,62}" />
        <FieldError id="new-flag-key-error" messages={fieldErrors(result, "key")} />
        <label htmlFor="new-flag-type" className="text-sm">
          Type
        </label>
        <select {...field("type")} className={inputClass} defaultValue="boolean">
          {FLAG_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
        <FieldError id="new-flag-type-error" messages={fieldErrors(result, "type")} />
        <label htmlFor="new-flag-owner" className="text-sm">
          Owner <span className="text-xs text-zinc-500">GitHub login or team to ask about it</span>
        </label>
        <input {...field("owner")} required className={inputClass} />
        <FieldError id="new-flag-owner-error" messages={fieldErrors(result, "owner")} />
        <label htmlFor="new-flag-description" className="text-sm">
          Description
        </label>
        <textarea {...field("description")} rows={2} className={inputClass} />
        <FieldError id="new-flag-description-error" messages={fieldErrors(result, "description")} />
        <p className="text-xs text-zinc-600 dark:text-zinc-400">The flag starts off in every environment.</p>
        <FormMessage state={result && !result.ok ? result : null} />
        <div className="mt-1 flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={creating}>
            {creating ? "Creating…" : "Create flag"}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
