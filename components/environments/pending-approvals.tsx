import Link from "next/link";
import type { PendingApproval } from "@/lib/overview/types";
import { PersonChip } from "@/components/ui/person-chip";
import { RelativeTime } from "@/components/ui/relative-time";
import { ShaLink } from "@/components/ui/sha-link";
import { StatusBadge } from "@/components/ui/status-badge";
import { Empty } from "./section";

/** Deploys waiting for a review, with the reviews recorded so far. */
export function PendingApprovals({ application, approvals, repoUrl, now }: { application: string; approvals: PendingApproval[]; repoUrl: string; now: Date }) {
  if (approvals.length === 0) return <Empty testId="approvals-empty">No deploy is waiting for approval.</Empty>;
  return (
    <ul className="divide-y divide-zinc-200 rounded-md border border-amber-300 dark:divide-zinc-800 dark:border-amber-800">
      {approvals.map((approval) => (
        <li key={approval.runId} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2" data-testid={`approval-${approval.runId}`}>
          <StatusBadge tone="waiting">waiting for approval</StatusBadge>
          <Link href={`/apps/${application}/runs/${approval.runId}`} className="text-sky-700 hover:underline dark:text-sky-400">
            run {approval.runId}
          </Link>
          <ShaLink sha={approval.headSha} url={`${repoUrl}/commit/${approval.headSha}`} />
          <span className="text-xs text-zinc-600 dark:text-zinc-400">
            started by <PersonChip person={approval.startedBy} />, waiting <RelativeTime iso={approval.waitingSince} now={now} />
          </span>
          <ApprovalReviews reviews={approval.reviews} now={now} />
        </li>
      ))}
    </ul>
  );
}

export function ApprovalReviews({ reviews, now }: { reviews: PendingApproval["reviews"]; now: Date }) {
  if (reviews.length === 0) return <span className="text-xs text-zinc-500">no reviews yet</span>;
  return (
    <ul className="flex flex-wrap gap-2 text-xs">
      {reviews.map((review) => (
        <li key={`${review.person.login}-${review.at}`} className="inline-flex items-center gap-1">
          <StatusBadge tone={review.state === "approved" ? "ok" : "failed"}>{review.state}</StatusBadge>
          <PersonChip person={review.person} />
          <RelativeTime iso={review.at} now={now} />
          {review.comment ? <span className="text-zinc-500">“{review.comment}”</span> : null}
        </li>
      ))}
    </ul>
  );
}
