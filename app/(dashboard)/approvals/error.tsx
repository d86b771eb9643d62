"use client";

import { PageError } from "@/components/layout/page-error";

export default function ApprovalsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PageError error={error} reset={reset} what="The approvals inbox" reassurance="Nothing was approved or rejected: waiting runs keep waiting on GitHub. Try again in a moment." />
  );
}
