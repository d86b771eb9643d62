"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState, type ReactNode } from "react";
import type { CommandResult } from "@/lib/commands/types";
import { Button, type ButtonProps } from "@/components/ui/button";
import { FormMessage, Modal, useIdempotencyKey } from "@/components/ui/form";
import { JsButton } from "@/components/ui/js-button";

type Action = (previous: CommandResult | null, form: FormData) => Promise<CommandResult>;

/**
 * A button that opens a confirming dialog around one server action: the summary says exactly what
 * will happen, the form carries a fresh idempotency key, failures stay in the dialog with their
 * reason, and success closes it and refreshes the page in place.
 */
export function ActionDialog({
  label,
  title,
  action,
  hidden,
  confirmLabel,
  pendingLabel,
  variant = "secondary",
  confirmVariant = "primary",
  disabledReason,
  onDone,
  children,
}: {
  label: string;
  title: string;
  action: Action;
  hidden: Record<string, string>;
  confirmLabel: string;
  pendingLabel: string;
  variant?: ButtonProps["variant"];
  confirmVariant?: ButtonProps["variant"];
  /** When set, the button is disabled and says why on hover (never hidden: people should know it exists). */
  disabledReason?: string | null;
  onDone?: (result: CommandResult) => void;
  children: (state: CommandResult | null) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <JsButton size="sm" variant={variant} disabled={Boolean(disabledReason)} title={disabledReason ?? undefined} onClick={() => setOpen(true)}>
        {label}
      </JsButton>
      {open ? (
        <ActionForm title={title} action={action} hidden={hidden} confirmLabel={confirmLabel} pendingLabel={pendingLabel} confirmVariant={confirmVariant} onClose={() => setOpen(false)} onDone={onDone}>
          {children}
        </ActionForm>
      ) : null}
    </>
  );
}

function ActionForm({
  title,
  action,
  hidden,
  confirmLabel,
  pendingLabel,
  confirmVariant,
  onClose,
  onDone,
  children,
}: {
  title: string;
  action: Action;
  hidden: Record<string, string>;
  confirmLabel: string;
  pendingLabel: string;
  confirmVariant: ButtonProps["variant"];
  onClose: () => void;
  onDone?: (result: CommandResult) => void;
  children: (state: CommandResult | null) => ReactNode;
}) {
  const router = useRouter();
  const [state, submit, pending] = useActionState(async (previous: CommandResult | null, form: FormData) => {
    const result = await action(previous, form);
    if (result.ok) {
      onDone?.(result);
      router.refresh();
      onClose();
    }
    return result;
  }, null);
  const idempotencyKey = useIdempotencyKey(state);
  return (
    <Modal open onClose={onClose} title={title}>
      <form action={submit} className="grid grid-cols-1 gap-2">
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {children(state)}
        <FormMessage state={state && !state.ok ? state : null} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant={confirmVariant} disabled={pending}>
            {pending ? pendingLabel : confirmLabel}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
