"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import type { CommandResult } from "@/lib/commands/types";
import { revokeRoleAction } from "@/lib/actions/revoke-role";
import type { RoleBindingView } from "@/lib/roles/find-role-bindings";
import { describeBinding } from "@/lib/roles/model";
import { Button } from "@/components/ui/button";
import { FormMessage, Modal, useIdempotencyKey } from "@/components/ui/form";
import { JsButton } from "@/components/ui/js-button";

/** Revoking always confirms, saying exactly what is taken away and when it applies. */
export function RevokeRoleButton({ binding, org }: { binding: RoleBindingView; org: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [result, revoke, revoking] = useActionState(async (previous: CommandResult | null, form: FormData) => {
    const answer = await revokeRoleAction(previous, form);
    if (answer.ok) {
      setOpen(false);
      router.refresh();
    }
    return answer;
  }, null);
  const idempotencyKey = useIdempotencyKey(result);
  const what = describeBinding(binding, org);
  const who = binding.subjectType === "team" ? `Members of ${org}/${binding.subject}` : binding.subject;
  return (
    <>
      <JsButton size="sm" variant="ghost" onClick={() => setOpen(true)} aria-label={`Revoke ${what}`}>
        Revoke…
      </JsButton>
      <Modal open={open} onClose={() => setOpen(false)} title={`Revoke ${what}?`}>
        <p className="mb-2 text-sm">
          {who} lose{binding.subjectType === "team" ? "" : "s"} this role on their next request, without signing out, unless the config&apos;s team mapping or another
          binding gives it to them too.
        </p>
        <FormMessage state={result && !result.ok ? result : null} />
        <form action={revoke} className="mt-2 flex justify-end gap-2">
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <input type="hidden" name="subjectType" value={binding.subjectType} />
          <input type="hidden" name="subject" value={binding.subject} />
          <input type="hidden" name="role" value={binding.role} />
          <input type="hidden" name="application" value={binding.application ?? ""} />
          <input type="hidden" name="environment" value={binding.environment ?? ""} />
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button type="submit" variant="danger" disabled={revoking}>
            {revoking ? "Revoking…" : "Revoke role"}
          </Button>
        </form>
      </Modal>
    </>
  );
}
