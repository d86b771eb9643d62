"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button";

// Never a raw error message: the digest ties what the user sees to the server log line.
export default function AuditError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const forbidden = error.name === "ForbiddenError";
  return (
    <main role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 dark:border-red-900 dark:bg-red-950">
      <h1 className="mb-1 font-semibold text-red-900 dark:text-red-200">{forbidden ? "Not allowed" : "The audit trail could not be loaded"}</h1>
      <p className="mb-3 text-red-800 dark:text-red-300">
        {forbidden ? "Your roles do not allow this page." : "Nothing was lost: events are still being recorded. Try again in a moment."}
        {error.digest ? <span className="ml-1 font-mono text-xs">(reference {error.digest})</span> : null}
      </p>
      <div className="flex gap-2">
        <Button onClick={reset}>Try again</Button>
        <Link href="/audit" className="self-center text-sm underline">
          Clear filters
        </Link>
      </div>
    </main>
  );
}
