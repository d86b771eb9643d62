import type { Metadata } from "next";
import { findApprovalsInbox } from "@/lib/approvals/find-approvals-inbox";
import { assertPermission, requireUser } from "@/lib/auth/current-user";
import { ApprovalsView } from "@/components/approvals/approvals-view";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const user = await requireUser("/approvals");
  assertPermission(user, "dashboard.read");
  const now = new Date();
  const inbox = await findApprovalsInbox({ viewer: user, now });
  return <ApprovalsView inbox={inbox} now={now} />;
}
