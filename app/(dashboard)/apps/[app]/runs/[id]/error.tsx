"use client";

import { PageError } from "@/components/layout/page-error";

export default function RunsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError error={error} reset={reset} what="Workflow runs" reassurance="Runs keep going on GitHub. Try again in a moment." />;
}
