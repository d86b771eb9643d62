import type { Metadata } from "next";
import { assertPermission, requireUser } from "@/lib/auth/current-user";
import { OverviewView } from "@/components/overview/overview-view";
import { getOverview } from "@/lib/overview/queries";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requireUser("/");
  assertPermission(user, "dashboard.read");
  const data = await getOverview();
  return <OverviewView data={data} now={new Date()} />;
}
