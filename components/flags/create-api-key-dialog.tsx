"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { createApiKeyAction, type CreateApiKeyState } from "@/lib/actions/create-api-key";
import { Button } from "@/components/ui/button";
import { JsButton } from "@/components/ui/js-button";
import { FieldError, FormMessage, Modal, fieldErrors, inputClass, useIdempotencyKey } from "@/components/ui/form";

export interface KeyScopeOption {
  application: string;
  name: string;
  environments: string[];
}

/** Creates a key and shows its secret exactly once. */
export function CreateApiKeyDialog({ scopes }: { scopes: KeyScopeOption[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <JsButton variant="primary" size="sm" onClick={() => setOpen(true)}>
        New API key
      </JsButton>
      {open ? <CreateApiKeyForm scopes={scopes} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function CreateApiKeyForm({ scopes, onClose }: { scopes: KeyScopeOption[]; onClose: () => void }) {
  const router = useRouter();
  const [result, create, creating] = useActionState(async (previous: CreateApiKeyState, form: FormData) => {
    const answer = await createApiKeyAction(previous, form);
    if (answer?.ok) router.refresh();
    return answer;
  }, null);
  const idempotencyKey = useIdempotencyKey(result);
  const [copied, setCopied] = useState(false);

  if (result?.ok) {
    const created = result.result as { name: string; application: string; environment: string };
    return (
      <Modal open onClose={onClose} title="API key created">
        <p className="mb-2 text-sm">
          Key <strong>{created.name}</strong> for {created.application}/{created.environment}.{" "}
          {result.secret ? "Copy it now: it is shown only once and Flightdeck keeps only a hash." : "It was shown when it was created and cannot be shown again."}
        </p>
        {result.secret ? (
          <div className="flex gap-2">
            <input readOnly value={result.secret} aria-label="API key secret" className={`${inputClass} font-mono`} data-testid="api-key-secret" onFocus={(event) => event.target.select()} />
            <Button
              onClick={() => {
                void navigator.clipboard?.writeText(result.secret ?? "").then(() => setCopied(true));
              }}
            >
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
        ) : null}
        <div className="mt-3 flex justify-end">
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        </div>
      </Modal>
    );
  }

  return (
    <Modal open onClose={onClose} title="New OFREP API key">
      <form action={create} className="grid gap-1">
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <label htmlFor="api-key-scope" className="text-sm">
          Application and environment
        </label>
        <select id="api-key-scope" className={inputClass} name="scope" defaultValue={`${scopes[0]?.application}/${scopes[0]?.environments[0]}`} aria-describedby="api-key-scope-error">
          {scopes.flatMap((scope) =>
            scope.environments.map((env) => (
              <option key={`${scope.application}/${env}`} value={`${scope.application}/${env}`}>
                {scope.name} / {env}
              </option>
            )),
          )}
        </select>
        <FieldError id="api-key-scope-error" messages={[...fieldErrors(result, "application"), ...fieldErrors(result, "environment")]} />
        <label htmlFor="api-key-name" className="text-sm">
          Name <span className="text-xs text-zinc-500">the service that will use it, e.g. web-frontend</span>
        </label>
        <input id="api-key-name" name="name" required className={inputClass} aria-describedby="api-key-name-error" aria-invalid={fieldErrors(result, "name").length ? true : undefined} />
        <FieldError id="api-key-name-error" messages={fieldErrors(result, "name")} />
        <FormMessage state={result && !result.ok ? result : null} />
        <div className="mt-1 flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={creating}>
            {creating ? "Creating…" : "Create key"}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
