import type { DemoEnvironment } from "../demo/apps";
import type { Deployment, DeploymentStatus, GitHubData, Repo, Run } from "../github/store";

/**
 * Deployments and their statuses, as Actions creates them for a job that targets an environment
 * (and as POST /deployments creates them). A new success marks the environment's earlier
 * successful deployments inactive, as GitHub does for non-transient environments.
 */
export interface DeploymentUrls {
  runUrl?: string;
  environmentUrl: string;
}

export function createDeployment(data: GitHubData, repo: Repo, input: Omit<Deployment, "id" | "statuses" | "updatedAt" | "repo">): Deployment {
  const deployment: Deployment = { ...input, id: data.nextId.deployment++, repo: repo.app.repo, updatedAt: input.createdAt, statuses: [] };
  data.deployments.push(deployment);
  return deployment;
}

export function addStatus(data: GitHubData, deployment: Deployment, state: DeploymentStatus["state"], at: number, extra: Partial<Pick<DeploymentStatus, "description" | "creator" | "targetUrl" | "logUrl" | "environmentUrl">> = {}): DeploymentStatus {
  const previous = deployment.statuses.at(-1);
  const status: DeploymentStatus = {
    id: data.nextId.status++,
    state,
    creator: extra.creator ?? previous?.creator ?? deployment.creator,
    description: extra.description ?? describe(state),
    environment: deployment.environment,
    targetUrl: extra.targetUrl ?? previous?.targetUrl ?? "",
    logUrl: extra.logUrl ?? previous?.logUrl ?? "",
    environmentUrl: extra.environmentUrl ?? previous?.environmentUrl ?? "",
    createdAt: at,
  };
  deployment.statuses.push(status);
  deployment.updatedAt = at;
  if (state === "success" && !deployment.transientEnvironment) {
    for (const other of data.deployments) {
      if (other === deployment || other.repo !== deployment.repo || other.environment !== deployment.environment) continue;
      if (other.statuses.at(-1)?.state === "success") addStatus(data, other, "inactive", at, { description: `Superseded by deployment ${deployment.id}` });
    }
  }
  return status;
}

function describe(state: DeploymentStatus["state"]): string {
  switch (state) {
    case "queued":
      return "Deployment queued";
    case "in_progress":
      return "Rolling out to Amazon ECS";
    case "success":
      return "Services stable on the new task definition";
    case "failure":
      return "Deployment failed";
    case "inactive":
      return "Superseded";
    default:
      return "";
  }
}

/** Deployment made by a run's deploy job: created by github-actions[bot], payload naming the run. */
export function deploymentForRun(data: GitHubData, repo: Repo, run: Run, env: DemoEnvironment, at: number, urls: DeploymentUrls): Deployment {
  const deployment = createDeployment(data, repo, {
    sha: run.headSha,
    ref: run.headBranch,
    task: "deploy",
    environment: env.name,
    creator: "github-actions[bot]",
    payload: { run_id: run.id, actor: run.actor, services: Object.values(env.services) },
    description: `Deploy ${run.headSha.slice(0, 7)} to ${env.name} (run #${run.runNumber})`,
    createdAt: at,
    productionEnvironment: env.name === "production",
    transientEnvironment: false,
    runId: run.id,
  });
  addStatus(data, deployment, "queued", at, { creator: "github-actions[bot]", targetUrl: urls.runUrl ?? "", logUrl: urls.runUrl ?? "", environmentUrl: urls.environmentUrl });
  return deployment;
}
