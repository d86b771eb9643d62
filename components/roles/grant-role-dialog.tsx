"use client";

import { useRouter } from "next/navigation";
import { startTransition, useActionState, useState } from "react";
import type { CommandResult } from "@/lib/commands/types";
import { grantRoleAction } from "@/lib/actions/grant-role";
import { GRANTABLE_ROLES, ROLE_LABELS } from "@/lib/authz/roles";
import { describeBinding, type BindingIdentity, type SubjectType } from "@/lib/roles/model";
import { Button } from "@/components/ui/button";
import { FieldError, FormMessage, Modal, fieldErrors, inputClass, useIdempotencyKey } from "@/components/ui/form";
import { JsButton } from "@/components/ui/js-button";

export interface GrantRoleOptions {
  org: string;
  knownLogins: string[];
  knownTeams: string[];
  environments: { application: string; name: string; environments: string[] }[];
}

const ROLE_HINTS: Record<(typeof GRANTABLE_ROLES)[number], string> = {
  deployer: "deploy unprotected environments, cancel / re-run runs, edit their flags",
  release_manager: "also deploy protected environments, approve / reject, lock and unlock",
  oncall: "roll back and lock",
  admin: "manage roles and API keys (everywhere only)",
};

/** Grants a role to a login or a team, everywhere or in one environment. Typed values survive a refusal. */
export function GrantRoleDialog(options: GrantRoleOptions) {
  const [open, setOpen] = useState(false);
  const [granted, setGranted] = useState<string | null>(null);
  return (
    <div className="flex items-center gap-3">
      <p role="status" aria-live="polite" className="text-sm text-green-800 dark:text-green-300" data-testid="grant-outcome">
        {granted}
      </p>
      <JsButton
        variant="primary"
        size="sm"
        onClick={() => {
          setGranted(null);
          setOpen(true);
        }}
      >
        Grant a role
      </JsButton>
      {open ? (
        <GrantRoleForm
          {...options}
          onClose={() => setOpen(false)}
          onGranted={(text) => {
            setGranted(text);
            setOpen(false);
          }}
        />
      ) : null}
    </div>
  );
}

function GrantRoleForm({ org, knownLogins, knownTeams, environments, onClose, onGranted }: GrantRoleOptions & { onClose: () => void; onGranted: (text: string) => void }) {
  const router = useRouter();
  const [subjectType, setSubjectType] = useState<SubjectType>("user");
  const [subject, setSubject] = useState("");
  const [role, setRole] = useState("");
  const [scope, setScope] = useState("");
  const [result, grant, granting] = useActionState(async (previous: CommandResult | null, form: FormData) => {
    const answer = await grantRoleAction(previous, form);
    if (answer.ok) {
      onGranted(`Granted: ${describeBinding(answer.result as unknown as BindingIdentity, org)}. It applies on their next request.`);
      router.refresh();
    }
    return answer;
  }, null);
  const idempotencyKey = useIdempotencyKey(result);
  const errors = (field: string) => fieldErrors(result, field);
  const scopeErrors = [...errors("application"), ...errors("environment")];

  return (
    <Modal open onClose={onClose} title="Grant a role">
      {/* onSubmit, not action=: a form action resets the form afterwards, and React 19 then shows the
          selects' first options while their state still holds what was chosen. */}
      <form
        className="grid gap-1"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          startTransition(() => grant(form));
        }}
      >
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <fieldset className="mb-1 flex gap-4 text-sm" aria-describedby="grant-subject-type-error">
          <legend className="mb-1">Grant to</legend>
          {(["user", "team"] as const).map((type) => (
            <label key={type} className="flex items-center gap-1">
              <input type="radio" name="subjectType" value={type} checked={subjectType === type} onChange={() => setSubjectType(type)} />
              {type === "user" ? "a person" : `a team of ${org}`}
            </label>
          ))}
        </fieldset>
        <FieldError id="grant-subject-type-error" messages={errors("subjectType")} />

        <label htmlFor="grant-subject" className="text-sm">
          {subjectType === "user" ? "GitHub login" : "Team slug"}{" "}
          <span className="text-xs text-zinc-500">{subjectType === "user" ? "a member of the org, e.g. dana" : "e.g. release-managers; applies to its members at their next request"}</span>
        </label>
        <input
          id="grant-subject"
          name="subject"
          required
          autoComplete="off"
          list={subjectType === "user" ? "grant-known-logins" : "grant-known-teams"}
          value={subject}
          onChange={(event) => setSubject(event.target.value)}
          className={inputClass}
          aria-describedby="grant-subject-error"
          aria-invalid={errors("subject").length ? true : undefined}
        />
        <datalist id="grant-known-logins">
          {knownLogins.map((login) => (
            <option key={login} value={login} />
          ))}
        </datalist>
        <datalist id="grant-known-teams">
          {knownTeams.map((team) => (
            <option key={team} value={team} />
          ))}
        </datalist>
        <FieldError id="grant-subject-error" messages={errors("subject")} />

        <label htmlFor="grant-role" className="text-sm">
          Role
        </label>
        <select
          id="grant-role"
          name="role"
          required
          value={role}
          onChange={(event) => setRole(event.target.value)}
          className={inputClass}
          aria-describedby="grant-role-error"
          aria-invalid={errors("role").length ? true : undefined}
        >
          <option value="" disabled>
            Choose a role
          </option>
          {GRANTABLE_ROLES.map((option) => (
            <option key={option} value={option}>
              {ROLE_LABELS[option]}: {ROLE_HINTS[option]}
            </option>
          ))}
        </select>
        <FieldError id="grant-role-error" messages={errors("role")} />

        <label htmlFor="grant-scope" className="text-sm">
          Where <span className="text-xs text-zinc-500">everywhere, or only in one environment</span>
        </label>
        <select
          id="grant-scope"
          name="scope"
          value={scope}
          onChange={(event) => setScope(event.target.value)}
          className={inputClass}
          aria-describedby="grant-scope-error"
          aria-invalid={scopeErrors.length ? true : undefined}
        >
          <option value="">Everywhere</option>
          {environments.map((app) => (
            <optgroup key={app.application} label={app.name}>
              {app.environments.map((env) => (
                <option key={env} value={`${app.application}/${env}`}>
                  {app.application}/{env}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <FieldError id="grant-scope-error" messages={scopeErrors} />

        <FormMessage state={result && !result.ok ? result : null} />
        <div className="mt-1 flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={granting}>
            {granting ? "Granting…" : "Grant role"}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
