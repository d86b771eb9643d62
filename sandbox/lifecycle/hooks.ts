import type { DemoEnvironment } from "../demo/apps";
import type { Deployment, DeploymentStatus, Job, Repo, Run } from "../github/store";

/** What the lifecycle tells the outside world (webhooks) as runs move; a no-op when nobody listens. */
export interface LifecycleHooks {
  workflowRun(action: "requested" | "in_progress" | "completed", repo: Repo, run: Run): void;
  workflowJob(action: "queued" | "in_progress" | "completed" | "waiting", repo: Repo, run: Run, job: Job): void;
  deployment(repo: Repo, run: Run | undefined, deployment: Deployment): void;
  deploymentStatus(repo: Repo, run: Run | undefined, deployment: Deployment, status: DeploymentStatus): void;
  deploymentReview(action: "requested" | "approved" | "rejected", repo: Repo, run: Run, env: DemoEnvironment, reviewer?: { login: string; comment: string }): void;
  protectionRule(repo: Repo, run: Run, env: DemoEnvironment): void;
}

export const silentHooks: LifecycleHooks = {
  workflowRun: () => {},
  workflowJob: () => {},
  deployment: () => {},
  deploymentStatus: () => {},
  deploymentReview: () => {},
  protectionRule: () => {},
};
