"use client";

import { PageError } from "@/components/layout/page-error";

export default function FlagsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError error={error} reset={reset} what="This page" reassurance="Flags are still being served to applications. Try again in a moment." />;
}
