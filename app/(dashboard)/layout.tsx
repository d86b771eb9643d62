import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/current-user";
import { getConfig } from "@/lib/config";
import { AppHeader } from "@/components/layout/app-header";

// Every page below checks the user again itself; this layout only frames them.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <AppHeader user={user} org={getConfig().github.org} />
      <div className="mx-auto max-w-screen-2xl px-4 py-4">{children}</div>
    </>
  );
}
