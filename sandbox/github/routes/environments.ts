import { findTeam, teamRoleOf } from "../../directory";
import type { DemoEnvironment } from "../../demo/apps";
import { empty, json } from "../../http/reply";
import { authed, type ApiContext, type ApiRouter } from "../api";
import { approvalShape, environmentShape, pendingDeploymentShape } from "../actions-shapes";
import { deploymentShape } from "../deployment-shapes";
import { githubError, notFound } from "../errors";
import { findEnvironment, type Run } from "../store";
import { pagedJson } from "./common";
import { repoAccess, type RepoAccess } from "./repo-access";

/**
 * Environments with their protection rules, and the approval gate of a waiting run: pending
 * deployments, reviews (user tokens of required reviewers only; no self-review where the
 * environment forbids it), the review history, and a custom protection rule's callback (App only).
 */
export function registerEnvironmentRoutes(router: ApiRouter): void {
  router.add(
    "GET",
    "/repos/{owner}/{repo}/environments",
    authed((ctx) => {
      const access = repoAccess(ctx);
      if (!access) return notFound();
      const envs = access.repo.app.environments.map((env) => environmentShape(ctx.urls, access.org, ctx.state.directory, access.repo, env));
      return json(200, { total_count: envs.length, environments: envs });
    }),
  );

  router.add(
    "GET",
    "/repos/{owner}/{repo}/environments/{environment_name}",
    authed((ctx) => {
      const access = repoAccess(ctx);
      const env = access ? findEnvironment(access.repo, ctx.params.environment_name ?? "") : undefined;
      return access && env ? json(200, environmentShape(ctx.urls, access.org, ctx.state.directory, access.repo, env)) : notFound();
    }),
  );

  router.add(
    "GET",
    "/repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments",
    authed((ctx) => {
      const found = runOf(ctx);
      if (!found) return notFound();
      const env = waitingEnv(found);
      if (!env || !found.run.pending) return json(200, []);
      const can = !ctx.app && isReviewer(ctx, env) && !(env.preventSelfReview && found.run.triggeringActor === ctx.viewer?.login);
      return json(200, [pendingDeploymentShape(ctx.urls, found.org, ctx.state.directory, found.repo, env, found.run.pending.since, can)]);
    }),
  );

  router.add(
    "POST",
    "/repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments",
    authed(async (ctx) => {
      const found = runOf(ctx);
      if (!found) return notFound();
      const body = (await ctx.json()) as { environment_ids?: unknown; state?: unknown; comment?: unknown } | null;
      if (ctx.app) return githubError(403, "Resource not accessible by integration");
      const ids = Array.isArray(body?.environment_ids) ? body.environment_ids : undefined;
      const state = body?.state;
      const comment = typeof body?.comment === "string" ? body.comment : undefined;
      if (!ids || ids.length === 0 || !ids.every((id) => Number.isInteger(id))) return githubError(422, 'Invalid request.\n\n"environment_ids" wasn\'t supplied.');
      if (state !== "approved" && state !== "rejected") return githubError(422, "Invalid request.\n\nFor 'properties/state', must be one of: approved, rejected.");
      if (comment === undefined) return githubError(422, 'Invalid request.\n\n"comment" wasn\'t supplied.');
      const env = waitingEnv(found);
      if (!env || !ids.includes(env.id) || ids.some((id) => id !== env.id)) return githubError(422, "No pending deployment requests to approve or reject");
      const login = ctx.viewer.login;
      if (!isReviewer(ctx, env)) return githubError(422, `${login} is not a required reviewer for the environment ${env.name}`);
      if (env.preventSelfReview && found.run.triggeringActor.toLowerCase() === login.toLowerCase()) {
        return githubError(422, `Self-review is not allowed: ${login} triggered this run and ${env.name} prevents self-review`);
      }
      const engine = ctx.state.github.engine;
      const now = ctx.state.clock.now();
      found.run.approvals.push({ environmentIds: [env.id], state, login, comment, at: now });
      ctx.state.github.engine.reviewed(found.repo, found.run, env, state, login, comment);
      if (state === "rejected") {
        engine.reject(found.repo, found.run);
        return json(200, []);
      }
      const deployment = engine.releaseIfClear(found.repo, found.run);
      return json(200, deployment ? [deploymentShape(ctx.urls, found.org, ctx.state.directory, found.repo, deployment)] : []);
    }),
  );

  router.add(
    "GET",
    "/repos/{owner}/{repo}/actions/runs/{run_id}/approvals",
    authed((ctx) => {
      const found = runOf(ctx);
      if (!found) return notFound();
      const approvals = [...found.run.approvals].reverse().map((approval) => approvalShape(ctx.urls, found.org, ctx.state.directory, found.repo, approval));
      return pagedJson(ctx, approvals);
    }),
  );

  router.add(
    "POST",
    "/repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule",
    authed(async (ctx) => {
      const found = runOf(ctx);
      if (!found) return notFound();
      const body = (await ctx.json()) as { environment_name?: unknown; state?: unknown; comment?: unknown } | null;
      if (!ctx.app) return githubError(403, "Resource not accessible by personal access token");
      const env = waitingEnv(found);
      if (body?.state !== "approved" && body?.state !== "rejected") return githubError(422, "Invalid request.\n\nFor 'properties/state', must be one of: approved, rejected.");
      if (!env || !env.customGate || typeof body.environment_name !== "string" || body.environment_name !== env.name || !found.run.pending) {
        return githubError(422, "No pending deployment protection rule for this environment");
      }
      // GitHub shows the App's comment on the run; here it stays on the run for GET /_sandbox/runs/{id}.
      const comment = typeof body.comment === "string" ? body.comment : null;
      (found.run.protectionAnswers ??= []).push({ environment: env.name, state: body.state, comment, at: ctx.state.clock.now() });
      if (body.state === "rejected") ctx.state.github.engine.reject(found.repo, found.run);
      else {
        found.run.pending.customApprovedAt = ctx.state.clock.now();
        ctx.state.github.engine.releaseIfClear(found.repo, found.run);
      }
      return empty(204);
    }),
  );
}

function runOf(ctx: ApiContext): (RepoAccess & { run: Run }) | undefined {
  const access = repoAccess(ctx);
  const run = access ? ctx.state.github.data.runs.find((candidate) => String(candidate.id) === ctx.params.run_id && candidate.repo === access.repo.app.repo) : undefined;
  return access && run ? { ...access, run } : undefined;
}

function waitingEnv(found: RepoAccess & { run: Run }): DemoEnvironment | undefined {
  return found.run.status === "waiting" && found.run.pending ? findEnvironment(found.repo, found.run.pending.environment) : undefined;
}

function isReviewer(ctx: ApiContext, env: DemoEnvironment): boolean {
  const login = ctx.viewer?.login;
  if (!login || ctx.app) return false;
  const dir = ctx.state.directory;
  if (env.reviewers.users.some((user) => user.toLowerCase() === login.toLowerCase())) return true;
  return env.reviewers.teams.some((slug) => {
    const team = findTeam(dir, dir.org, slug);
    return team !== undefined && teamRoleOf(team, login) !== undefined;
  });
}
