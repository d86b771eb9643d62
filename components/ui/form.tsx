"use client";
// Form primitives shared by every action dialog: idempotency keys, field errors, the outcome line, a modal.

import { useEffect, useRef, useState, type ReactNode } from "react";
import type { CommandResult } from "@/lib/commands/types";
import { cn } from "@/components/ui/cn";

/** A fresh idempotency key per intent (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The key for the form's current intent: renewed after every answer, since an answered key replays its answer. */
export function useIdempotencyKey(state: unknown): string {
  const [key, setKey] = useState(newIdempotencyKey);
  const [seen, setSeen] = useState(state);
  // Adjusting state while rendering (not in an effect): React re-renders at once, before painting.
  if (seen !== state) {
    setSeen(state);
    setKey(newIdempotencyKey());
  }
  return key;
}

export function fieldErrors(state: CommandResult | null | undefined, field: string): string[] {
  return state && !state.ok ? (state.error.fieldErrors?.[field] ?? []) : [];
}

export function FieldError({ id, messages }: { id: string; messages: string[] }) {
  return (
    <p id={id} aria-live="polite" className="min-h-4 text-xs text-red-700 dark:text-red-400">
      {messages.join(" ")}
    </p>
  );
}

/** The form-level outcome: failures in red with the reason, successes in green, both announced. */
export function FormMessage({ state, success }: { state: CommandResult | null | undefined; success?: string }) {
  return (
    <p role="status" aria-live="polite" className={cn("text-sm", state && !state.ok ? "text-red-700 dark:text-red-400" : "text-green-800 dark:text-green-300")}>
      {state ? (state.ok ? (success ?? "Saved.") : state.error.kind === "validation" && state.error.fieldErrors ? "Some fields need attention." : state.error.message) : null}
    </p>
  );
}

export const inputClass =
  "w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-600 aria-[invalid=true]:border-red-600";

/** A modal on the native <dialog>: focus is trapped and Escape closes it, with no library. */
export function Modal({ open, onClose, title, children }: { open: boolean; onClose: () => void; title: string; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-label={title}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-zinc-300 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      {open ? (
        <div className="p-4">
          <h2 className="mb-3 text-base font-semibold">{title}</h2>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
