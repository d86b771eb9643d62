"use client";

import { Button } from "@/components/ui/button";

/**
 * The body of every error.tsx: never a raw error message — the digest ties what the person sees to
 * the server's log line. `reassurance` says what still works ("events are still being recorded").
 */
export function PageError({
  error,
  reset,
  what = "This page",
  reassurance,
}: {
  error: Error & { digest?: string };
  reset: () => void;
  what?: string;
  reassurance?: string;
}) {
  const forbidden = error.name === "ForbiddenError";
  return (
    <main role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 dark:border-red-900 dark:bg-red-950">
      <h1 className="mb-1 font-semibold text-red-900 dark:text-red-200">{forbidden ? "Not allowed" : `${what} could not be loaded`}</h1>
      <p className="mb-3 text-red-800 dark:text-red-300">
        {forbidden ? "Your roles do not allow this page." : (reassurance ?? "Try again in a moment.")}
        {error.digest ? <span className="ml-1 font-mono text-xs">(reference {error.digest})</span> : null}
      </p>
      <Button onClick={reset}>Try again</Button>
    </main>
  );
}
