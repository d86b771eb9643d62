"use client";

import { PageError } from "@/components/layout/page-error";

export default function MetricsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError error={error} reset={reset} what="The metrics" reassurance="Nothing is lost: deployments and runs are still being recorded. Try again in a moment." />;
}
