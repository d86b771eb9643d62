"use client";

import { PageError } from "@/components/layout/page-error";

export default function RolesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError error={error} reset={reset} what="The roles page" reassurance="Everyone keeps the roles they have. Try again in a moment." />;
}
