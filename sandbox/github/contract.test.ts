import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { control, octokit, signIn, startSandbox } from "../testing/sandbox-fixture";
import { restValidator, type Operation } from "../testing/openapi-validator";

/**
 * Contract tests: every repository / Actions / environment / deployment operation the sandbox
 * serves, called with the real @octokit/rest, its body validated against GitHub's OpenAPI
 * description (closed objects: undocumented fields fail), plus status codes and headers.
 */
const OPERATIONS: Operation[] = [
  "GET /orgs/{org}/repos",
  "GET /user/repos",
  "GET /repos/{owner}/{repo}",
  "GET /repos/{owner}/{repo}/branches",
  "GET /repos/{owner}/{repo}/commits",
  "GET /repos/{owner}/{repo}/commits/{ref}",
  "GET /repos/{owner}/{repo}/compare/{basehead}",
  "GET /repos/{owner}/{repo}/tags",
  "GET /repos/{owner}/{repo}/releases",
  "GET /repos/{owner}/{repo}/releases/latest",
  "GET /repos/{owner}/{repo}/contents/{path}",
  "GET /repos/{owner}/{repo}/actions/workflows",
  "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}",
  "GET /repos/{owner}/{repo}/actions/runs",
  "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs",
  "GET /repos/{owner}/{repo}/actions/jobs/{job_id}",
  "GET /repos/{owner}/{repo}/environments",
  "GET /repos/{owner}/{repo}/environments/{environment_name}",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments",
  "POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments",
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals",
  "GET /repos/{owner}/{repo}/deployments",
  "POST /repos/{owner}/{repo}/deployments",
  "GET /repos/{owner}/{repo}/deployments/{deployment_id}",
  "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
  "POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
  "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",
];

let sandbox: Sandbox;
let check: (op: Operation, body: unknown) => void;
let token: string;
beforeAll(async () => {
  check = restValidator(OPERATIONS);
  sandbox = await startSandbox();
  token = await signIn(sandbox, "ravi");
}, 120_000);
afterAll(async () => {
  await sandbox.close();
});

const repos = ["wumbo", "dreamcatchr", "beacon"] as const;

describe("repositories, commits, tags, releases and contents match GitHub's schemas", () => {
  it("lists and gets repositories", async () => {
    const gh = octokit(sandbox, token);
    const org = await gh.rest.repos.listForOrg({ org: "skyward" });
    check("GET /orgs/{org}/repos", org.data);
    expect(org.data.map((repo) => repo.full_name)).toEqual(["skyward/wumbo", "skyward/dreamcatchr", "skyward/beacon"]);
    check("GET /user/repos", (await gh.rest.repos.listForAuthenticatedUser()).data);
    for (const repo of repos) {
      const { data, headers } = await gh.rest.repos.get({ owner: "skyward", repo });
      check("GET /repos/{owner}/{repo}", data);
      expect(data).toMatchObject({ private: true, default_branch: "main", permissions: { push: true, admin: false } });
      expect(headers.etag).toMatch(/^W\//);
      expect(headers["x-ratelimit-remaining"]).toBeDefined();
    }
    const mallory = octokit(sandbox, await signIn(sandbox, "mallory"));
    await expect(mallory.rest.repos.get({ owner: "skyward", repo: "wumbo" })).rejects.toMatchObject({ status: 404 });
    await expect(octokit(sandbox).rest.repos.get({ owner: "skyward", repo: "wumbo" })).rejects.toMatchObject({ status: 401 });
  });

  it("serves branches, paginated commits, single commits and compare", async () => {
    const gh = octokit(sandbox, token);
    const branches = (await gh.rest.repos.listBranches({ owner: "skyward", repo: "wumbo" })).data;
    check("GET /repos/{owner}/{repo}/branches", branches);
    expect(branches.map((branch) => branch.name).sort()).toEqual(["development", "main", "staging"]);
    const page = await gh.rest.repos.listCommits({ owner: "skyward", repo: "wumbo", sha: "development", per_page: 10 });
    check("GET /repos/{owner}/{repo}/commits", page.data);
    expect(page.headers.link).toContain('rel="next"');
    const all = await gh.paginate(gh.rest.repos.listCommits, { owner: "skyward", repo: "wumbo", sha: "development", per_page: 100 });
    expect(all.length).toBeGreaterThanOrEqual(80);
    expect(all.length).toBeLessThanOrEqual(180);
    const commit = await gh.rest.repos.getCommit({ owner: "skyward", repo: "wumbo", ref: all[0]?.sha ?? "" });
    check("GET /repos/{owner}/{repo}/commits/{ref}", commit.data);
    for (const repo of ["wumbo", "dreamcatchr"] as const) {
      const tip = repo === "wumbo" ? "development" : "dev";
      const ahead = await gh.rest.repos.compareCommitsWithBasehead({ owner: "skyward", repo, basehead: `main...${tip}` });
      check("GET /repos/{owner}/{repo}/compare/{basehead}", ahead.data);
      expect(ahead.data).toMatchObject({ status: "ahead", behind_by: 0 });
      expect(ahead.data.ahead_by).toBeGreaterThan(0);
      expect(ahead.data.total_commits).toBe(ahead.data.commits.length);
      const staging = await gh.rest.repos.compareCommitsWithBasehead({ owner: "skyward", repo, basehead: `staging...main` });
      expect(staging.data.status).toBe("behind");
    }
    const same = await gh.rest.repos.compareCommitsWithBasehead({ owner: "skyward", repo: "beacon", basehead: "main...main" });
    expect(same.data).toMatchObject({ status: "identical", ahead_by: 0, total_commits: 0, commits: [] });
  });

  it("serves tags, releases and workflow files", async () => {
    const gh = octokit(sandbox, token);
    const tags = (await gh.rest.repos.listTags({ owner: "skyward", repo: "wumbo" })).data;
    check("GET /repos/{owner}/{repo}/tags", tags);
    expect(tags[0]?.name).toMatch(/^v1\.\d+\.0$/);
    check("GET /repos/{owner}/{repo}/releases", (await gh.rest.repos.listReleases({ owner: "skyward", repo: "wumbo" })).data);
    const latest = (await gh.rest.repos.getLatestRelease({ owner: "skyward", repo: "wumbo" })).data;
    check("GET /repos/{owner}/{repo}/releases/latest", latest);
    expect(latest.tag_name).toBe(tags[0]?.name);
    for (const [repo, file] of [["wumbo", "deploy.yml"], ["dreamcatchr", "production-deploy.yml"], ["beacon", "04-deploy.yml"]] as const) {
      const { data } = await gh.rest.repos.getContent({ owner: "skyward", repo, path: `.github/workflows/${file}` });
      check("GET /repos/{owner}/{repo}/contents/{path}", data);
      if (Array.isArray(data) || data.type !== "file") throw new Error("expected a file");
      expect(Buffer.from(data.content, "base64").toString("utf8")).toContain("workflow_dispatch");
    }
    await expect(gh.rest.repos.getContent({ owner: "skyward", repo: "wumbo", path: "nope.txt" })).rejects.toMatchObject({ status: 404 });
  });
});

describe("Actions, environments and deployments match GitHub's schemas", () => {
  it("lists workflows and runs with filters, jobs with steps", async () => {
    const gh = octokit(sandbox, token);
    for (const repo of repos) {
      const workflows = (await gh.rest.actions.listRepoWorkflows({ owner: "skyward", repo })).data;
      check("GET /repos/{owner}/{repo}/actions/workflows", workflows);
      const first = workflows.workflows[0];
      check("GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}", (await gh.rest.actions.getWorkflow({ owner: "skyward", repo, workflow_id: first?.id ?? 0 })).data);
      const runs = await gh.rest.actions.listWorkflowRunsForRepo({ owner: "skyward", repo, per_page: 100 });
      check("GET /repos/{owner}/{repo}/actions/runs", runs.data);
      expect(runs.data.total_count).toBeGreaterThan(20);
      expect(runs.data.workflow_runs.some((run) => run.conclusion === "failure")).toBe(true);
    }
    const byFile = await gh.rest.actions.listWorkflowRuns({ owner: "skyward", repo: "wumbo", workflow_id: "deploy.yml", branch: "main", per_page: 5 });
    check("GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs", byFile.data);
    expect(byFile.data.workflow_runs.every((run) => run.head_branch === "main" && run.path === ".github/workflows/deploy.yml")).toBe(true);
    expect(byFile.headers.link).toContain('rel="next"');
    const failed = (await gh.rest.actions.listWorkflowRunsForRepo({ owner: "skyward", repo: "wumbo", status: "failure" })).data;
    expect(failed.workflow_runs.every((run) => run.conclusion === "failure")).toBe(true);
    const waiting = (await gh.rest.actions.listWorkflowRunsForRepo({ owner: "skyward", repo: "wumbo", status: "waiting", actor: "rita", event: "workflow_dispatch" })).data;
    expect(waiting.total_count).toBe(1);
    const { epochMs } = await control<{ epochMs: number }>(sandbox, "GET", "/clock");
    const day = new Date(epochMs - 3 * 86_400_000).toISOString().slice(0, 10);
    const recent = (await gh.rest.actions.listWorkflowRunsForRepo({ owner: "skyward", repo: "wumbo", created: `>=${day}`, per_page: 100 })).data;
    expect(recent.workflow_runs.every((run) => run.created_at >= day)).toBe(true);
    expect(recent.total_count).toBeLessThan((await gh.rest.actions.listWorkflowRunsForRepo({ owner: "skyward", repo: "wumbo" })).data.total_count);
    await expect(gh.rest.actions.listWorkflowRunsForRepo({ owner: "skyward", repo: "wumbo", created: "yesterday-ish" })).rejects.toMatchObject({ status: 422 });

    const run = waiting.workflow_runs[0];
    check("GET /repos/{owner}/{repo}/actions/runs/{run_id}", (await gh.rest.actions.getWorkflowRun({ owner: "skyward", repo: "wumbo", run_id: run?.id ?? 0 })).data);
    const jobs = (await gh.rest.actions.listJobsForWorkflowRun({ owner: "skyward", repo: "wumbo", run_id: run?.id ?? 0 })).data;
    check("GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs", jobs);
    check("GET /repos/{owner}/{repo}/actions/jobs/{job_id}", (await gh.rest.actions.getJobForWorkflowRun({ owner: "skyward", repo: "wumbo", job_id: jobs.jobs[0]?.id ?? 0 })).data);
  });

  it("describes environments, the waiting release and its approval", async () => {
    const gh = octokit(sandbox, token);
    for (const repo of repos) {
      const envs = (await gh.rest.repos.getAllEnvironments({ owner: "skyward", repo })).data;
      check("GET /repos/{owner}/{repo}/environments", envs);
      expect(envs.environments?.map((env) => env.name)).toEqual(["development", "staging", "production"]);
      check("GET /repos/{owner}/{repo}/environments/{environment_name}", (await gh.rest.repos.getEnvironment({ owner: "skyward", repo, environment_name: "production" })).data);
    }
    const [run] = (await gh.rest.actions.listWorkflowRunsForRepo({ owner: "skyward", repo: "wumbo", status: "waiting" })).data.workflow_runs;
    const pending = (await gh.rest.actions.getPendingDeploymentsForRun({ owner: "skyward", repo: "wumbo", run_id: run?.id ?? 0 })).data;
    check("GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments", pending);
    const approved = await gh.rest.actions.reviewPendingDeploymentsForRun({ owner: "skyward", repo: "wumbo", run_id: run?.id ?? 0, environment_ids: [pending[0]?.environment.id ?? 0], state: "approved", comment: "ok" });
    check("POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments", approved.data);
    check("GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals", (await gh.rest.actions.getReviewsForRun({ owner: "skyward", repo: "wumbo", run_id: run?.id ?? 0 })).data);
  });

  it("lists, creates and updates deployments", async () => {
    const gh = octokit(sandbox, token);
    const list = (await gh.rest.repos.listDeployments({ owner: "skyward", repo: "beacon", environment: "staging" })).data;
    check("GET /repos/{owner}/{repo}/deployments", list);
    expect(list.length).toBeGreaterThan(0);
    const created = await gh.rest.repos.createDeployment({ owner: "skyward", repo: "beacon", ref: "main", environment: "staging", auto_merge: false, required_contexts: [] });
    expect(created.status).toBe(201);
    check("POST /repos/{owner}/{repo}/deployments", created.data);
    const id = "id" in created.data ? created.data.id : 0;
    check("GET /repos/{owner}/{repo}/deployments/{deployment_id}", (await gh.rest.repos.getDeployment({ owner: "skyward", repo: "beacon", deployment_id: id })).data);
    const status = await gh.rest.repos.createDeploymentStatus({ owner: "skyward", repo: "beacon", deployment_id: id, state: "success", description: "manual" });
    check("POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses", status.data);
    check("GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses", (await gh.rest.repos.listDeploymentStatuses({ owner: "skyward", repo: "beacon", deployment_id: id })).data);
  });
});
