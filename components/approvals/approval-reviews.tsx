import type { PendingRelease } from "@/lib/approvals/types";
import { PersonChip } from "@/components/ui/person-chip";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";

/** Reviews GitHub recorded for a run (given in GitHub or through Flightdeck). */
export function ApprovalReviews({ reviews, now }: { reviews: PendingRelease["reviews"]; now: Date }) {
  if (reviews.length === 0) return <span className="text-xs text-zinc-500">no reviews on GitHub yet</span>;
  return (
    <ul className="flex flex-wrap gap-2 text-xs">
      {reviews.map((review) => (
        <li key={`${review.person.login}-${review.state}-${review.at}`} className="inline-flex items-center gap-1">
          <StatusBadge tone={review.state === "approved" ? "ok" : "failed"}>{review.state}</StatusBadge>
          <PersonChip person={review.person} />
          <RelativeTime iso={review.at} now={now} />
          {review.comment ? <span className="text-zinc-500">“{review.comment}”</span> : null}
        </li>
      ))}
    </ul>
  );
}
