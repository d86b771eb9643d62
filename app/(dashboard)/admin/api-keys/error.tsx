"use client";

import { Button } from "@/components/ui/button";

// Never a raw error message: the digest ties what the user sees to the server log line.
export default function FlagsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const forbidden = error.name === "ForbiddenError";
  return (
    <main role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 dark:border-red-900 dark:bg-red-950">
      <h1 className="mb-1 font-semibold text-red-900 dark:text-red-200">{forbidden ? "Not allowed" : "This page could not be loaded"}</h1>
      <p className="mb-3 text-red-800 dark:text-red-300">
        {forbidden ? "Your roles do not allow this page." : "Flags are still being served to applications. Try again in a moment."}
        {error.digest ? <span className="ml-1 font-mono text-xs">(reference {error.digest})</span> : null}
      </p>
      <Button onClick={reset}>Try again</Button>
    </main>
  );
}
