"use client";

import { PageError } from "@/components/layout/page-error";

export default function AuditError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError error={error} reset={reset} what="The audit trail" reassurance="Nothing was lost: events are still being recorded. Try again in a moment." />;
}
