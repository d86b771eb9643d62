import { empty, json, type Reply } from "../../http/reply";
import { authed, type ApiContext, type ApiRouter } from "../api";
import { jobShape, runShape, workflowShape } from "../actions-shapes";
import { githubError, notFound, validationFailed } from "../errors";
import { paginate } from "../pagination";
import { findWorkflow, type Run } from "../store";
import { dispatchSpec, validateInputs } from "./dispatch-inputs";
import { repoAccess, resolveRef, type RepoAccess } from "./repo-access";

/** Actions: workflows, runs (with GitHub's filters), jobs, cancel, re-run and workflow_dispatch. */
export function registerActionsRoutes(router: ApiRouter): void {
  router.add(
    "GET",
    "/repos/{owner}/{repo}/actions/workflows",
    authed((ctx) => {
      const access = repoAccess(ctx);
      if (!access) return notFound();
      const workflows = access.repo.app.workflows.map((workflow) => workflowShape(ctx.urls, access.org, access.repo, workflow));
      return listed(ctx, workflows, (items) => ({ total_count: workflows.length, workflows: items }));
    }),
  );

  router.add(
    "GET",
    "/repos/{owner}/{repo}/actions/workflows/{workflow_id}",
    authed((ctx) => {
      const access = repoAccess(ctx);
      const workflow = access ? findWorkflow(access.repo, ctx.params.workflow_id ?? "") : undefined;
      return access && workflow ? json(200, workflowShape(ctx.urls, access.org, access.repo, workflow)) : notFound();
    }),
  );

  router.add("GET", "/repos/{owner}/{repo}/actions/runs", authed((ctx) => listRuns(ctx, undefined)));
  router.add(
    "GET",
    "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
    authed((ctx) => {
      const access = repoAccess(ctx);
      const workflow = access ? findWorkflow(access.repo, ctx.params.workflow_id ?? "") : undefined;
      return workflow ? listRuns(ctx, workflow.id) : notFound();
    }),
  );

  router.add(
    "GET",
    "/repos/{owner}/{repo}/actions/runs/{run_id}",
    authed((ctx) => {
      const found = runOf(ctx);
      return found ? json(200, runShape(ctx.urls, found.org, ctx.state.directory, found.repo, found.run)) : notFound();
    }),
  );

  router.add(
    "GET",
    "/repos/{owner}/{repo}/actions/runs/{run_id}/jobs",
    authed((ctx) => {
      const found = runOf(ctx);
      if (!found) return notFound();
      const filter = ctx.query.get("filter") ?? "latest";
      if (filter !== "latest" && filter !== "all") return validationFailed([{ resource: "WorkflowJob", field: "filter", code: "invalid" }]);
      const jobs = ctx.state.github.data.jobs
        .filter((job) => job.runId === found.run.id && (filter === "all" || job.attempt === found.run.attempt))
        .sort((a, b) => b.attempt - a.attempt || a.id - b.id)
        .map((job) => jobShape(ctx.urls, found.org, found.repo, found.run, job));
      return listed(ctx, jobs, (items) => ({ total_count: jobs.length, jobs: items }));
    }),
  );

  router.add(
    "GET",
    "/repos/{owner}/{repo}/actions/jobs/{job_id}",
    authed((ctx) => {
      const access = repoAccess(ctx);
      const job = ctx.state.github.data.jobs.find((candidate) => String(candidate.id) === ctx.params.job_id);
      const run = job ? ctx.state.github.data.runs.find((candidate) => candidate.id === job.runId && candidate.repo === access?.repo.app.repo) : undefined;
      return access && job && run ? json(200, jobShape(ctx.urls, access.org, access.repo, run, job)) : notFound();
    }),
  );

  router.add(
    "POST",
    "/repos/{owner}/{repo}/actions/runs/{run_id}/cancel",
    authed((ctx) => {
      const found = runOf(ctx);
      if (!found) return notFound();
      if (!found.permissions.push) return githubError(403, "Must have admin rights to Repository.");
      if (found.run.status === "completed") return githubError(409, "Cannot cancel a workflow run that is completed.");
      ctx.state.github.engine.cancel(found.repo, found.run);
      return json(202, {});
    }),
  );

  for (const [suffix, failedOnly] of [["rerun", false], ["rerun-failed-jobs", true]] as const) {
    router.add(
      "POST",
      `/repos/{owner}/{repo}/actions/runs/{run_id}/${suffix}`,
      authed(async (ctx) => {
        const found = runOf(ctx);
        if (!found) return notFound();
        await ctx.json().catch(() => undefined);
        if (!found.permissions.push) return githubError(403, "Must have admin rights to Repository.");
        if (found.run.status !== "completed") return githubError(403, "This workflow is already running");
        if (failedOnly && found.run.conclusion === "success") return githubError(403, "This workflow run has no failed jobs to re-run");
        ctx.state.github.engine.rerun(found.repo, found.run, ctx.viewer.login, failedOnly);
        return json(201, {});
      }),
    );
  }

  router.add(
    "POST",
    "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",
    authed(async (ctx) => {
      const access = repoAccess(ctx);
      const workflow = access ? findWorkflow(access.repo, ctx.params.workflow_id ?? "") : undefined;
      if (!access || !workflow) return notFound();
      if (!access.permissions.push) return githubError(403, "Must have admin rights to Repository.");
      const body = await ctx.json();
      if (typeof body !== "object" || body === null || Array.isArray(body)) return githubError(400, "Problems parsing JSON");
      const { ref, inputs = {}, return_run_details: details } = body as { ref?: unknown; inputs?: unknown; return_run_details?: unknown };
      if (typeof ref !== "string" || ref === "") return githubError(422, 'Invalid request.\n\n"ref" wasn\'t supplied.');
      if (typeof inputs !== "object" || inputs === null || Array.isArray(inputs)) return githubError(422, "Invalid request.\n\nFor 'properties/inputs', it is not an object.");
      const spec = dispatchSpec(workflow);
      if (!spec.dispatchable) return githubError(422, "Workflow does not have 'workflow_dispatch' trigger");
      const branch = ref.replace(/^refs\/(heads|tags)\//, "");
      const index = access.repo.history.branches.has(branch) || access.repo.history.tags.some((tag) => tag.name === branch) ? resolveRef(access.repo, branch) : undefined;
      const commit = index === undefined ? undefined : access.repo.history.commits[index];
      if (!commit) return githubError(422, `No ref found for: ${ref}`);
      const checked = validateInputs(access.repo, spec.inputs, inputs as Record<string, unknown>);
      if (!checked.ok) return githubError(422, checked.message);
      const run = ctx.state.github.engine.start({ repo: access.repo, workflow, event: "workflow_dispatch", branch, sha: commit.sha, actor: ctx.viewer.login, inputs: checked.inputs });
      if (details !== true) return empty(204);
      const shape = runShape(ctx.urls, access.org, ctx.state.directory, access.repo, run);
      return json(200, { workflow_run_id: run.id, run_url: shape.url, html_url: shape.html_url });
    }),
  );
}

function runOf(ctx: ApiContext): (RepoAccess & { run: Run }) | undefined {
  const access = repoAccess(ctx);
  const run = access ? ctx.state.github.data.runs.find((candidate) => String(candidate.id) === ctx.params.run_id && candidate.repo === access.repo.app.repo) : undefined;
  return access && run ? { ...access, run } : undefined;
}

/** `{total_count, <items>}` envelopes paginate their array the way plain lists do. */
function listed<T>(ctx: ApiContext, items: T[], wrap: (page: T[]) => unknown): Reply {
  const page = paginate(items, ctx.query, `${ctx.urls.api}${ctx.path}`);
  return json(200, wrap(page.items), page.link ? { link: page.link } : {});
}

const STATUSES = new Set(["queued", "in_progress", "waiting", "completed", "requested", "pending"]);
const CONCLUSIONS = new Set(["success", "failure", "cancelled", "skipped", "neutral", "timed_out", "action_required", "stale"]);

function listRuns(ctx: ApiContext, workflowId: number | undefined): Reply {
  const access = repoAccess(ctx);
  if (!access) return notFound();
  const q = ctx.query;
  const status = q.get("status");
  if (status && !STATUSES.has(status) && !CONCLUSIONS.has(status)) return validationFailed([{ resource: "WorkflowRun", field: "status", code: "invalid" }]);
  const created = q.get("created") ? createdFilter(q.get("created") ?? "") : () => true;
  if (!created) return validationFailed([{ resource: "WorkflowRun", field: "created", code: "invalid" }]);
  const runs = ctx.state.github.data.runs
    .filter((run) => run.repo === access.repo.app.repo && (workflowId === undefined || run.workflowId === workflowId))
    .filter((run) => !q.get("branch") || run.headBranch === q.get("branch"))
    .filter((run) => !q.get("event") || run.event === q.get("event"))
    .filter((run) => !q.get("actor") || run.actor.toLowerCase() === (q.get("actor") ?? "").toLowerCase())
    .filter((run) => !q.get("head_sha") || run.headSha === q.get("head_sha"))
    .filter((run) => !status || (STATUSES.has(status) ? run.status === status : run.conclusion === status))
    .filter((run) => q.get("exclude_pull_requests") !== "true" || run.event !== "pull_request")
    .filter((run) => created(run.createdAt))
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  const shapes = runs.map((run) => run);
  return listed(ctx, shapes, (page) => ({ total_count: runs.length, workflow_runs: page.map((run) => runShape(ctx.urls, access.org, ctx.state.directory, access.repo, run)) }));
}

/**
 * GitHub's `created` search syntax: `>=2026-03-01`, `<2026-03-01T10:00:00Z`, `2026-03-01..2026-03-05`,
 * `2026-03-01..*`, or a bare date (that whole day). Returns undefined when it cannot be read.
 */
export function createdFilter(text: string): ((ms: number) => boolean) | undefined {
  const day = (value: string, end: boolean): number | undefined => {
    if (value === "*") return end ? Infinity : -Infinity;
    const parsed = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
    if (Number.isNaN(parsed)) return undefined;
    return end && /^\d{4}-\d{2}-\d{2}$/.test(value) ? parsed + 86_400_000 - 1 : parsed;
  };
  const trimmed = text.trim();
  const range = /^(.+?)\.\.(.+)$/.exec(trimmed);
  if (range) {
    const from = day(range[1] ?? "", false);
    const to = day(range[2] ?? "", true);
    return from === undefined || to === undefined ? undefined : (ms) => ms >= from && ms <= to;
  }
  const op = /^(>=|<=|>|<)(.+)$/.exec(trimmed);
  if (op) {
    const [, sign, value = ""] = op;
    const at = day(value, sign === "<=" || sign === ">");
    if (at === undefined) return undefined;
    if (sign === ">=") return (ms) => ms >= at;
    if (sign === ">") return (ms) => ms > at;
    if (sign === "<=") return (ms) => ms <= at;
    return (ms) => ms < at;
  }
  const from = day(trimmed, false);
  const to = day(trimmed, true);
  return from === undefined || to === undefined ? undefined : (ms) => ms >= from && ms <= to;
}
