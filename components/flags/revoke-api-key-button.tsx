"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import type { CommandResult } from "@/lib/commands/types";
import { revokeApiKeyAction } from "@/lib/actions/revoke-api-key";
import { Button } from "@/components/ui/button";
import { JsButton } from "@/components/ui/js-button";
import { FormMessage, Modal, useIdempotencyKey } from "@/components/ui/form";

/** Revoking is irreversible and breaks the services using the key: it always confirms. */
export function RevokeApiKeyButton({ id, name, scope }: { id: string; name: string; scope: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [result, revoke, revoking] = useActionState(async (previous: CommandResult | null, form: FormData) => {
    const answer = await revokeApiKeyAction(previous, form);
    if (answer.ok) {
      setOpen(false);
      router.refresh();
    }
    return answer;
  }, null);
  const idempotencyKey = useIdempotencyKey(result);
  return (
    <>
      <JsButton size="sm" variant="ghost" onClick={() => setOpen(true)} aria-label={`Revoke ${name}`}>
        Revoke…
      </JsButton>
      <Modal open={open} onClose={() => setOpen(false)} title={`Revoke ${name}?`}>
        <p className="mb-2 text-sm">
          Services using this key stop getting flags from {scope} within a second (they fall back to their code defaults). This cannot be undone.
        </p>
        <FormMessage state={result && !result.ok ? result : null} />
        <form action={revoke} className="mt-2 flex justify-end gap-2">
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <input type="hidden" name="id" value={id} />
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button type="submit" variant="danger" disabled={revoking}>
            Revoke key
          </Button>
        </form>
      </Modal>
    </>
  );
}
