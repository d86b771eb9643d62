"use client";

import { useEffect, useState } from "react";
import { CheckIcon, CopyIcon } from "./icons";

/** A tiny button that copies `value` (a full SHA) to the clipboard; its width never changes. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <button
      type="button"
      aria-label={copied ? "Copied" : label}
      title={copied ? "Copied" : label}
      onClick={() => {
        // Clipboard access can be refused (insecure origin, permissions); then nothing happens.
        navigator.clipboard?.writeText(value).then(() => setCopied(true), () => undefined);
      }}
      className="inline-flex size-5 shrink-0 items-center justify-center rounded text-zinc-400 hover:bg-zinc-200 hover:text-zinc-700 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
    >
      {copied ? <CheckIcon className="text-green-600 dark:text-green-400" /> : <CopyIcon />}
    </button>
  );
}
