"use client";

import { PageError } from "@/components/layout/page-error";

export default function EnvironmentError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError error={error} reset={reset} what="This environment" reassurance="Deploys and rollouts are not affected. Try again in a moment." />;
}
