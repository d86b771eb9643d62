import type { components } from "@octokit/openapi-types";
import type { DemoEnvironment, DemoWorkflow } from "../demo/apps";
import type { DemoOrg } from "../demo/org";
import type { Directory } from "../directory";
import { findTeam, findUser } from "../directory";
import { iso, repoShape } from "./repo-shapes";
import { nodeId, simpleUser, teamShape, type Urls } from "./shapes";
import type { Approval, Job, Repo, Run } from "./store";

/** Actions shapes: workflows, runs, jobs, environments, pending deployments and approvals. */
type Schemas = components["schemas"];

const repoApi = (urls: Urls, org: DemoOrg, repo: Repo): string => `${urls.api}/repos/${org.login}/${repo.app.repo}`;
const repoHtml = (urls: Urls, org: DemoOrg, repo: Repo): string => `${urls.web}/${org.login}/${repo.app.repo}`;

export function workflowShape(urls: Urls, org: DemoOrg, repo: Repo, workflow: DemoWorkflow): Schemas["workflow"] {
  return {
    id: workflow.id,
    node_id: nodeId("Workflow", workflow.id),
    name: workflow.name,
    path: `.github/workflows/${workflow.file}`,
    state: "active",
    created_at: workflow.createdAt,
    updated_at: workflow.createdAt,
    url: `${repoApi(urls, org, repo)}/actions/workflows/${workflow.id}`,
    html_url: `${repoHtml(urls, org, repo)}/blob/${repo.app.defaultBranch}/.github/workflows/${workflow.file}`,
    badge_url: `${repoHtml(urls, org, repo)}/workflows/${encodeURIComponent(workflow.name)}/badge.svg`,
  };
}

/** A user or bot as it appears as actor / creator. Unknown logins (bots) get a Bot-typed account. */
export function actorShape(urls: Urls, dir: Directory, login: string): Schemas["simple-user"] {
  const user = findUser(dir, login);
  if (user) return simpleUser(urls, user);
  const bot = BOTS[login] ?? { id: 41_898_282 };
  return { ...simpleUser(urls, { ...PLACEHOLDER, login, id: bot.id }), type: "Bot" };
}

const BOTS: Record<string, { id: number }> = { "github-actions[bot]": { id: 41_898_282 }, "flightdeck-sandbox[bot]": { id: 149_000_001 } };
const PLACEHOLDER = { login: "", id: 0, name: "", email: null, company: null, location: null, bio: null, createdAt: "2018-01-01T00:00:00Z", orgRole: null, hint: "" };

export function runShape(urls: Urls, org: DemoOrg, dir: Directory, repo: Repo, run: Run): Schemas["workflow-run"] {
  const api = `${repoApi(urls, org, repo)}/actions/runs/${run.id}`;
  const workflow = repo.app.workflows.find((candidate) => candidate.id === run.workflowId);
  const commit = repo.history.commits[repo.index.get(run.headSha) ?? -1];
  const author = commit ? findUser(dir, commit.author) : undefined;
  const person = { name: author?.name ?? commit?.author ?? "", email: `${author?.id ?? 0}+${commit?.author ?? "ghost"}@users.noreply.github.com` };
  const repository = repoShape(urls, org, repo);
  return {
    id: run.id,
    name: workflow?.name ?? null,
    node_id: nodeId("WorkflowRun", run.id),
    check_suite_id: run.id + 17_000_000_000,
    check_suite_node_id: nodeId("CheckSuite", run.id + 17_000_000_000),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: `.github/workflows/${workflow?.file ?? "unknown.yml"}`,
    run_number: run.runNumber,
    run_attempt: run.attempt,
    referenced_workflows: [],
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflowId,
    url: api,
    html_url: `${repoHtml(urls, org, repo)}/actions/runs/${run.id}`,
    pull_requests: run.pullRequest
      ? [
          {
            id: run.pullRequest.number * 1000 + 7,
            number: run.pullRequest.number,
            url: `${repoApi(urls, org, repo)}/pulls/${run.pullRequest.number}`,
            head: { ref: run.headBranch, sha: run.headSha, repo: { id: repo.app.repoId, url: repoApi(urls, org, repo), name: repo.app.repo } },
            base: { ref: run.pullRequest.base, sha: run.headSha, repo: { id: repo.app.repoId, url: repoApi(urls, org, repo), name: repo.app.repo } },
          },
        ]
      : [],
    created_at: iso(run.createdAt),
    updated_at: iso(run.updatedAt),
    actor: actorShape(urls, dir, run.actor),
    triggering_actor: actorShape(urls, dir, run.triggeringActor),
    run_started_at: iso(run.runStartedAt),
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${repoApi(urls, org, repo)}/check-suites/${run.id + 17_000_000_000}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    previous_attempt_url: run.attempt > 1 ? `${api}/attempts/${run.attempt - 1}` : null,
    workflow_url: `${repoApi(urls, org, repo)}/actions/workflows/${run.workflowId}`,
    head_commit: commit ? { id: commit.sha, tree_id: commit.treeSha, message: commit.message, timestamp: iso(commit.date), author: person, committer: commit.viaWebFlow ? { name: "GitHub", email: "noreply@github.com" } : person } : null,
    repository,
    head_repository: repository,
    head_repository_id: repo.app.repoId,
    display_title: run.displayTitle,
  };
}

export function jobShape(urls: Urls, org: DemoOrg, repo: Repo, run: Run, job: Job): Schemas["job"] {
  const api = repoApi(urls, org, repo);
  const workflow = repo.app.workflows.find((candidate) => candidate.id === run.workflowId);
  return {
    id: job.id,
    run_id: job.runId,
    run_url: `${api}/actions/runs/${job.runId}`,
    run_attempt: job.attempt,
    node_id: nodeId("CheckRun", job.id),
    head_sha: run.headSha,
    url: `${api}/actions/jobs/${job.id}`,
    html_url: `${repoHtml(urls, org, repo)}/actions/runs/${job.runId}/job/${job.id}`,
    status: job.status,
    conclusion: job.conclusion,
    created_at: iso(job.createdAt),
    started_at: iso(job.startedAt ?? job.createdAt),
    completed_at: job.completedAt === null ? null : iso(job.completedAt),
    name: job.name,
    steps: job.steps.map((step) => ({
      name: step.name,
      number: step.number,
      status: step.status,
      conclusion: step.conclusion,
      started_at: step.startedAt === null ? null : iso(step.startedAt),
      completed_at: step.completedAt === null ? null : iso(step.completedAt),
    })),
    check_run_url: `${api}/check-runs/${job.id}`,
    labels: ["ubuntu-latest"],
    runner_id: job.runnerId,
    runner_name: job.runnerName,
    runner_group_id: job.runnerId === null ? null : 2,
    runner_group_name: job.runnerId === null ? null : "GitHub Actions",
    workflow_name: workflow?.name ?? null,
    head_branch: run.headBranch,
  };
}

type Reviewer = { type: "User" | "Team"; reviewer: Schemas["simple-user"] | Schemas["team"] };

export function reviewersOf(urls: Urls, dir: Directory, env: DemoEnvironment): Reviewer[] {
  const teams = env.reviewers.teams.flatMap((slug) => {
    const team = findTeam(dir, dir.org, slug);
    return team ? [{ type: "Team" as const, reviewer: teamShape(urls, dir.org, team) }] : [];
  });
  const users = env.reviewers.users.flatMap((login) => {
    const user = findUser(dir, login);
    return user ? [{ type: "User" as const, reviewer: simpleUser(urls, user) }] : [];
  });
  return [...teams, ...users];
}

/** Environment timestamps: environments were set up with the repository. */
function envBase(urls: Urls, org: DemoOrg, repo: Repo, env: DemoEnvironment) {
  return {
    id: env.id,
    node_id: nodeId("Environment", env.id),
    name: env.name,
    url: `${repoApi(urls, org, repo)}/environments/${env.name}`,
    html_url: `${repoHtml(urls, org, repo)}/deployments/activity_log?environments_filter=${env.name}`,
  };
}

export function environmentShape(urls: Urls, org: DemoOrg, dir: Directory, repo: Repo, env: DemoEnvironment): Schemas["environment"] {
  const rules: NonNullable<Schemas["environment"]["protection_rules"]> = [];
  const reviewers = reviewersOf(urls, dir, env);
  if (env.waitTimerMinutes > 0) rules.push({ id: env.id * 10 + 1, node_id: nodeId("Gate", env.id * 10 + 1), type: "wait_timer", wait_timer: env.waitTimerMinutes });
  if (reviewers.length > 0) rules.push({ id: env.id * 10 + 2, node_id: nodeId("Gate", env.id * 10 + 2), prevent_self_review: env.preventSelfReview, type: "required_reviewers", reviewers });
  if (env.protectedBranchesOnly) rules.push({ id: env.id * 10 + 3, node_id: nodeId("Gate", env.id * 10 + 3), type: "branch_policy" });
  return {
    ...envBase(urls, org, repo, env),
    created_at: repo.app.createdAt,
    updated_at: repo.app.createdAt,
    protection_rules: rules,
    deployment_branch_policy: env.protectedBranchesOnly ? { protected_branches: true, custom_branch_policies: false } : null,
  };
}

export function pendingDeploymentShape(urls: Urls, org: DemoOrg, dir: Directory, repo: Repo, env: DemoEnvironment, since: number, canApprove: boolean): Schemas["pending-deployment"] {
  const { id, node_id, name, url, html_url } = envBase(urls, org, repo, env);
  return {
    environment: { id, node_id, name, url, html_url },
    wait_timer: env.waitTimerMinutes,
    wait_timer_started_at: env.waitTimerMinutes > 0 ? iso(since) : null,
    current_user_can_approve: canApprove,
    reviewers: reviewersOf(urls, dir, env),
  };
}

export function approvalShape(urls: Urls, org: DemoOrg, dir: Directory, repo: Repo, approval: Approval): Schemas["environment-approvals"] {
  return {
    environments: repo.app.environments
      .filter((env) => approval.environmentIds.includes(env.id))
      .map((env) => ({ ...envBase(urls, org, repo, env), created_at: repo.app.createdAt, updated_at: repo.app.createdAt })),
    state: approval.state,
    user: actorShape(urls, dir, approval.login),
    comment: approval.comment,
  };
}
