// The read model of the overview, environment and runs pages: small DTOs, dates as ISO strings so
// they cross into client components unchanged. Produced by lib/overview/queries.ts from what the
// refresher and the webhooks stored in Postgres; pages never call GitHub or ECS themselves.

export type RolloutState = "stable" | "rolling" | "failed" | "unknown";
export type UpstreamSystem = "GitHub" | "ECS";

export interface Person {
  login: string;
  avatarUrl: string | null;
}

/** What one ECS service runs, as last observed. */
export interface ServiceRelease {
  /** Our key from the config (backend, worker…). */
  service: string;
  ecsServiceName: string;
  /** Full SHA, or null when unknown (then `image` / `imageDigest` say what runs). */
  sha: string | null;
  shaSource: "image-tag" | "environment" | null;
  /** Git tag pointing at the SHA, if any (v1.14.0). */
  tag: string | null;
  commitUrl: string | null;
  image: string | null;
  imageDigest: string | null;
  taskDefinition: { family: string; revision: number; arn: string } | null;
  rollout: { state: RolloutState; running: number; desired: number; pending: number; failedTasks: number; reason: string | null };
  /** When the running task definition became PRIMARY, and what caused it. */
  deployedAt: string | null;
  deployedBy: { person: Person | null; runId: number | null; runUrl: string | null; cause: "workflow_run" | "rollback" | "external" | "unknown" };
  /** Snapshot time of this service. */
  observedAt: string | null;
}

export interface HealthResult {
  name: string;
  url: string;
  ok: boolean | null;
  status: number | null;
  detail: string | null;
  checkedAt: string | null;
}

export interface EnvironmentStatus {
  application: string;
  environment: string;
  protected: boolean;
  services: ServiceRelease[];
  /** Services of this environment run different SHAs. */
  drift: boolean;
  pendingApprovals: number;
  /** `until`: when the lock expires on its own; null = until a release manager unlocks. */
  lock: { lockedBy: string; reason: string; since: string; until: string | null } | null;
  health: HealthResult[];
  /** Compared with the previous environment in the config's order (null for the first). */
  behind: { environment: string; commits: number } | null;
  /** Oldest snapshot time among the services: the "as of" the page shows. */
  asOf: string | null;
}

export interface UpstreamStatus {
  system: UpstreamSystem;
  ok: boolean;
  /** What failed, safe to show ("GitHub answered 503", "ECS is throttling requests"). */
  message: string | null;
  failingSince: string | null;
  lastSuccessAt: string | null;
}

export interface ApplicationStatus {
  slug: string;
  name: string;
  repo: string;
  repoUrl: string;
  environments: EnvironmentStatus[];
}

export interface OverviewData {
  applications: ApplicationStatus[];
  upstream: UpstreamStatus[];
}

export interface DeploymentHistoryEntry {
  id: string;
  service: string;
  fromSha: string | null;
  toSha: string | null;
  fromRevision: number | null;
  toRevision: number;
  cause: "workflow_run" | "rollback" | "external" | "unknown";
  runId: number | null;
  runUrl: string | null;
  person: Person | null;
  startedAt: string;
  finishedAt: string | null;
  outcome: "in_progress" | "succeeded" | "failed" | "rolled_back";
}

export interface CommitSummary {
  sha: string;
  message: string;
  author: Person | null;
  authorName: string;
  authoredAt: string;
  url: string;
  pullRequest: { number: number; url: string } | null;
}

export type RunStatus = "queued" | "in_progress" | "waiting" | "completed" | "requested" | "pending";
export type RunConclusion = "success" | "failure" | "cancelled" | "skipped" | "timed_out" | "action_required" | "neutral" | "stale" | null;

export interface WorkflowRunSummary {
  id: number;
  runNumber: number;
  runAttempt: number;
  workflow: string;
  workflowPath: string;
  title: string;
  event: string;
  branch: string | null;
  headSha: string;
  status: RunStatus;
  conclusion: RunConclusion;
  actor: Person | null;
  environment: string | null;
  createdAt: string;
  updatedAt: string;
  durationSeconds: number | null;
  url: string;
}

export interface RunStep {
  number: number;
  name: string;
  status: RunStatus;
  conclusion: RunConclusion;
  startedAt: string | null;
  completedAt: string | null;
}

export interface RunJob {
  id: number;
  name: string;
  status: RunStatus;
  conclusion: RunConclusion;
  startedAt: string | null;
  completedAt: string | null;
  steps: RunStep[];
  url: string;
}

export interface PendingApproval {
  application: string;
  environment: string;
  runId: number;
  runUrl: string;
  headSha: string;
  startedBy: Person | null;
  waitingSince: string;
  /** Reviews recorded so far (GitHub or Flightdeck). */
  reviews: { person: Person; state: "approved" | "rejected"; comment: string | null; at: string }[];
}

export interface RunDetail extends WorkflowRunSummary {
  jobs: RunJob[];
  approvals: PendingApproval["reviews"];
  pending: PendingApproval | null;
}

export interface EnvironmentPageData {
  status: EnvironmentStatus;
  history: DeploymentHistoryEntry[];
  /** Commits in the previous environment (or default branch) not running here; null if unknown. */
  notYetHere: { base: string; head: string; commits: CommitSummary[]; total: number } | null;
  recentRuns: WorkflowRunSummary[];
  pendingApprovals: PendingApproval[];
  upstream: UpstreamStatus[];
}

export interface RunFilters {
  workflow?: string;
  branch?: string;
  status?: string;
  event?: string;
  actor?: string;
}

export interface RunsPage {
  runs: WorkflowRunSummary[];
  total: number;
  page: number;
  perPage: number;
  workflows: { name: string; path: string }[];
  upstream: UpstreamStatus[];
}
