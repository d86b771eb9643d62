"use client";

import { useState } from "react";
import { endSession } from "@/lib/auth/client";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <Button
      size="sm"
      variant="ghost"
      disabled={pending}
      onClick={() => {
        setPending(true);
        endSession().catch(() => setPending(false));
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </Button>
  );
}
