import type { DemoEnvironment } from "../demo/apps";
import type { Directory } from "../directory";
import { actorShape, jobShape, reviewersOf, runShape, workflowShape } from "../github/actions-shapes";
import { deploymentShape, deploymentStatusShape } from "../github/deployment-shapes";
import { iso, repoShape } from "../github/repo-shapes";
import { omit } from "../github/omit";
import { nodeId, orgSimple, type Urls } from "../github/shapes";
import type { Deployment, DeploymentStatus, Job, Repo, Run } from "../github/store";
import type { LifecycleHooks } from "../lifecycle/hooks";
import type { WebhookSender } from "./sender";

/**
 * GitHub's webhook payloads for the run lifecycle, built from the same shapes as the REST answers:
 * workflow_run, workflow_job, deployment, deployment_status, deployment_review and
 * deployment_protection_rule, each with repository, organization, sender and the demo GitHub
 * App's installation (Flightdeck receives them as an App would).
 */
export const INSTALLATION_ID = 48_000_001;

export interface EventContext {
  urls: Urls;
  directory(): Directory;
  sender: WebhookSender;
}

export function webhookHooks(ctx: EventContext): LifecycleHooks {
  const envelope = (repo: Repo, senderLogin: string) => {
    const dir = ctx.directory();
    return {
      repository: repoShape(ctx.urls, dir.org, repo),
      organization: orgSimple(ctx.urls, dir.org),
      installation: { id: INSTALLATION_ID, node_id: nodeId("Installation", INSTALLATION_ID) },
      sender: actorShape(ctx.urls, dir, senderLogin),
    };
  };
  const workflowOf = (repo: Repo, run: Run) => {
    const workflow = repo.app.workflows.find((candidate) => candidate.id === run.workflowId);
    return workflow ? workflowShape(ctx.urls, ctx.directory().org, repo, workflow) : null;
  };
  const run = (repo: Repo, value: Run) => runShape(ctx.urls, ctx.directory().org, ctx.directory(), repo, value);
  // Deployment events carry a slimmer workflow_run (no commit or repositories), as GitHub documents them.
  const slimRun = (repo: Repo, value: Run) => omit(run(repo, value), ["head_commit", "repository", "head_repository", "head_repository_id", "referenced_workflows"]);
  const jobRun = (repo: Repo, value: Run, env: DemoEnvironment) => {
    // The deploy job's id is not passed to the hook; the run id stands in, stable per run.
    return { id: value.id, name: "deploy", status: value.status, conclusion: value.conclusion, html_url: `${ctx.urls.web}/${ctx.directory().org.login}/${repo.app.repo}/actions/runs/${value.id}`, created_at: iso(value.createdAt), updated_at: iso(value.updatedAt), environment: env.name };
  };

  return {
    workflowRun(action, repo, value) {
      ctx.sender.send("workflow_run", { action, workflow_run: run(repo, value), workflow: workflowOf(repo, value), ...envelope(repo, value.triggeringActor) });
    },
    workflowJob(action, repo, value, job: Job) {
      ctx.sender.send("workflow_job", { action, workflow_job: jobShape(ctx.urls, ctx.directory().org, repo, value, job), ...envelope(repo, value.triggeringActor) });
    },
    deployment(repo, value: Run | undefined, deployment: Deployment) {
      const dir = ctx.directory();
      ctx.sender.send("deployment", {
        action: "created",
        deployment: deploymentShape(ctx.urls, dir.org, dir, repo, deployment),
        workflow: value ? workflowOf(repo, value) : null,
        workflow_run: value ? slimRun(repo, value) : null,
        ...envelope(repo, deployment.creator),
      });
    },
    deploymentStatus(repo, value: Run | undefined, deployment: Deployment, status: DeploymentStatus) {
      const dir = ctx.directory();
      ctx.sender.send("deployment_status", {
        action: "created",
        deployment_status: deploymentStatusShape(ctx.urls, dir.org, dir, repo, deployment, status),
        deployment: deploymentShape(ctx.urls, dir.org, dir, repo, deployment),
        ...(value ? { workflow: workflowOf(repo, value), workflow_run: slimRun(repo, value) } : {}),
        ...envelope(repo, status.creator),
      });
    },
    deploymentReview(action, repo, value, env, reviewer) {
      const dir = ctx.directory();
      const since = iso(value.pending?.since ?? value.updatedAt);
      const base = { action, since, workflow_run: slimRun(repo, value), ...envelope(repo, reviewer?.login ?? value.triggeringActor) };
      if (action === "requested") {
        ctx.sender.send("deployment_review", {
          ...base,
          environment: env.name,
          workflow_job_run: jobRun(repo, value, env),
          // Teams appear without their REST-only `type` field, which the webhook schema reserves for accounts.
          reviewers: reviewersOf(ctx.urls, dir, env).map(({ type, reviewer }) => ({ type, reviewer: type === "Team" ? omit(reviewer, ["type"]) : reviewer })),
          requestor: actorShape(ctx.urls, dir, value.triggeringActor),
        });
        return;
      }
      ctx.sender.send("deployment_review", {
        ...base,
        approver: actorShape(ctx.urls, dir, reviewer?.login ?? ""),
        comment: reviewer?.comment ?? "",
        workflow_job_runs: [jobRun(repo, value, env)],
      });
    },
    protectionRule(repo, value, env) {
      const api = `${ctx.urls.api}/repos/${ctx.directory().org.login}/${repo.app.repo}`;
      ctx.sender.send("deployment_protection_rule", {
        action: "requested",
        environment: env.name,
        event: value.event,
        deployment_callback_url: `${api}/actions/runs/${value.id}/deployment_protection_rule`,
        pull_requests: [],
        ...envelope(repo, value.triggeringActor),
      });
    },
  };
}
