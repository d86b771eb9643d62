import type { DemoApp, DemoEnvironment, DemoWorkflow, EnvName } from "../demo/apps";
import type { RepoHistory } from "../demo/history";

/**
 * The mutable GitHub side of the sandbox: repositories with their history, workflow runs and
 * jobs, deployments and their statuses, approvals. Plain records; response shapes are built from
 * them in github/*-shapes.ts and the lifecycle engine mutates them as virtual time passes.
 */
export type RunStatus = "queued" | "in_progress" | "waiting" | "completed" | "requested" | "pending";
export type Conclusion = "success" | "failure" | "cancelled" | "skipped" | "neutral" | "timed_out" | "action_required" | null;

export interface Step {
  name: string;
  number: number;
  status: "queued" | "in_progress" | "completed";
  conclusion: Conclusion;
  startedAt: number | null;
  completedAt: number | null;
  /** Virtual ms this step takes once started. */
  durationMs: number;
}

export interface Job {
  id: number;
  runId: number;
  attempt: number;
  name: string;
  status: "queued" | "in_progress" | "completed" | "waiting";
  conclusion: Conclusion;
  createdAt: number;
  startedAt: number | null;
  completedAt: number | null;
  steps: Step[];
  /** The environment this job deploys to (deploy jobs only). */
  environment?: EnvName;
  runnerId: number | null;
  runnerName: string | null;
}

export interface Approval {
  environmentIds: number[];
  state: "approved" | "rejected";
  login: string;
  comment: string;
  at: number;
}

export interface Run {
  id: number;
  repo: string;
  workflowId: number;
  runNumber: number;
  attempt: number;
  event: "push" | "pull_request" | "schedule" | "workflow_dispatch";
  status: RunStatus;
  conclusion: Conclusion;
  headBranch: string;
  headSha: string;
  actor: string;
  triggeringActor: string;
  displayTitle: string;
  createdAt: number;
  updatedAt: number;
  runStartedAt: number;
  inputs: Record<string, string | boolean | number>;
  /** Where the deploy job goes, when the workflow deploys. */
  environment?: EnvName;
  /** Set while the deploy job waits on its environment's protection rules. */
  pending?: { environment: EnvName; since: number; customApprovedAt?: number };
  approvals: Approval[];
  /** Answers of the custom deployment protection rule (the App's state and comment), oldest first. */
  protectionAnswers?: { environment: EnvName; state: "approved" | "rejected"; comment: string | null; at: number }[];
  /** For pull_request runs: the PR and its base branch (head_branch is the PR's branch). */
  pullRequest?: { number: number; base: string };
  /** Why the run failed, for logs and tests ("ecs-rollout", "tests", "smoke-test", "rejected"). */
  failure?: string;
}

export interface DeploymentStatus {
  id: number;
  state: "error" | "failure" | "inactive" | "pending" | "success" | "queued" | "in_progress";
  creator: string;
  description: string;
  environment: string;
  targetUrl: string;
  logUrl: string;
  environmentUrl: string;
  createdAt: number;
}

export interface Deployment {
  id: number;
  repo: string;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  creator: string;
  payload: Record<string, unknown>;
  description: string | null;
  createdAt: number;
  updatedAt: number;
  productionEnvironment: boolean;
  transientEnvironment: boolean;
  /** The workflow run that created it (null for deployments made through the API). */
  runId: number | null;
  statuses: DeploymentStatus[];
}

export interface Release {
  id: number;
  tag: string;
  name: string;
  body: string;
  author: string;
  createdAt: number;
  prerelease: boolean;
}

export interface Repo {
  app: DemoApp;
  history: RepoHistory;
  /** sha → index in history.commits. */
  index: Map<string, number>;
  releases: Release[];
}

export interface GitHubData {
  repos: Map<string, Repo>;
  runs: Run[];
  jobs: Job[];
  deployments: Deployment[];
  /** Installation tokens (ghs_) minted through the control API for the demo GitHub App. */
  appTokens: Map<string, { createdAt: number }>;
  /** Environment → whether its health check is failing (a bad release that deployed "fine"). */
  unhealthy: Set<string>;
  nextId: { run: number; job: number; deployment: number; status: number; release: number; runNumber: Map<number, number> };
}

export function emptyGitHubData(): GitHubData {
  return {
    repos: new Map(),
    runs: [],
    jobs: [],
    deployments: [],
    appTokens: new Map(),
    unhealthy: new Set(),
    nextId: { run: 9_100_000_000, job: 25_600_000_000, deployment: 1_800_000_000, status: 4_200_000_000, release: 150_000_000, runNumber: new Map() },
  };
}

export function findRepo(data: GitHubData, owner: string, name: string, org: string): Repo | undefined {
  if (owner.toLowerCase() !== org.toLowerCase()) return undefined;
  return data.repos.get(name.toLowerCase());
}

export function findWorkflow(repo: Repo, idOrFile: string): DemoWorkflow | undefined {
  return repo.app.workflows.find((workflow) => String(workflow.id) === idOrFile || workflow.file === idOrFile || `.github/workflows/${workflow.file}` === idOrFile);
}

export function findEnvironment(repo: Repo, name: string): DemoEnvironment | undefined {
  return repo.app.environments.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
}

export function nextRunNumber(data: GitHubData, workflowId: number): number {
  const next = (data.nextId.runNumber.get(workflowId) ?? 0) + 1;
  data.nextId.runNumber.set(workflowId, next);
  return next;
}

export const healthKey = (app: string, env: string): string => `${app}/${env}`;
