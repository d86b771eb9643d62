// The approvals inbox's read model: small DTOs, dates as ISO strings (they cross into client components).
import type { CommitSummary, Person, RunConclusion, RunStatus, UpstreamStatus } from "@/lib/overview/types";

/** What a release would change in its environment, from GitHub's compare of what runs there with the run's SHA. */
export interface ReleaseShips {
  /** ahead: only new commits; behind: it would go back; diverged: both; identical: nothing changes. */
  status: "ahead" | "behind" | "identical" | "diverged";
  aheadBy: number;
  behindBy: number;
  /** Newest first, at most 50. */
  commits: CommitSummary[];
}

/** Another workflow run on the release's SHA (tests, scans, deploys elsewhere), latest per workflow and environment. */
export interface ShaCheck {
  runId: number;
  workflow: string;
  event: string;
  environment: string | null;
  status: RunStatus;
  conclusion: RunConclusion;
}

export type ChecksVerdict = "passing" | "failing" | "running" | "none";

export interface ReviewBlock {
  /** Why this person may not approve / reject right now (four-eyes, already approved, locked), or null. */
  approve: string | null;
  reject: string | null;
}

/** A run waiting for a review on a protected environment. */
export interface PendingRelease {
  application: string;
  applicationName: string;
  environment: string;
  runId: number;
  runNumber: number;
  runAttempt: number;
  workflow: string;
  title: string;
  branch: string | null;
  headSha: string;
  repoUrl: string;
  startedBy: Person | null;
  waitingSince: string;
  /** The SHA the environment runs now (its first service with a known SHA) and its tag. */
  running: { sha: string; tag: string | null } | null;
  /** Null while not known yet (no running SHA, or the refresher has not compared them yet). */
  ships: ReleaseShips | null;
  checks: ShaCheck[];
  /** This run's own jobs of the current attempt (test, build…) as they stand. */
  jobs: { name: string; status: RunStatus; conclusion: RunConclusion }[];
  verdict: ChecksVerdict;
  approvals: {
    /** Distinct approvers the environment needs (requiredApprovals). */
    required: number;
    /** Collected in Flightdeck for this attempt and SHA; GitHub is approved when there are `required`. */
    collected: { person: Person; comment: string | null; at: string }[];
  };
  /** Reviews GitHub recorded so far (from any attempt). */
  reviews: { person: Person; state: "approved" | "rejected"; comment: string | null; at: string }[];
  /** What the person looking may do; null when they may not review at all (no controls are shown). */
  viewer: ReviewBlock | null;
}

/** A release that stopped waiting recently, and how. */
export interface DecidedRelease {
  application: string;
  applicationName: string;
  environment: string;
  runId: number;
  runNumber: number;
  headSha: string;
  repoUrl: string;
  startedBy: Person | null;
  decidedAt: string;
  /** "withdrawn": no longer waiting without a review (cancelled, superseded, timed out). */
  decision: "approved" | "rejected" | "withdrawn";
  by: Person | null;
  /** Where the deciding review was given: through Flightdeck, or directly in GitHub. */
  via: "flightdeck" | "github" | null;
  comment: string | null;
}

export interface ApprovalsInbox {
  pending: PendingRelease[];
  decided: DecidedRelease[];
  upstream: UpstreamStatus[];
}
