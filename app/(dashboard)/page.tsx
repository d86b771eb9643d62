import type { Metadata } from "next";
import { listApplications } from "@/lib/applications/list-applications";
import { assertPermission, requireUser } from "@/lib/auth/current-user";
import { ApplicationsTable } from "@/components/applications/applications-table";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requireUser("/");
  assertPermission(user, "dashboard.read");
  const applications = listApplications();
  return (
    <main>
      <h1 className="mb-4 text-lg font-semibold">Applications and environments</h1>
      <ApplicationsTable applications={applications} />
    </main>
  );
}
