import type { PendingRelease } from "@/lib/approvals/types";
import { PendingReleases } from "@/components/approvals/pending-releases";

export { ApprovalReviews } from "@/components/approvals/approval-reviews";

/** The environment page's "Pending approvals": the approvals inbox's list, for this environment only. */
export function PendingApprovals({ releases, now }: { releases: PendingRelease[]; now: Date }) {
  return <PendingReleases releases={releases} now={now} showApplication={false} empty="No deploy is waiting for approval." />;
}
