import { json } from "../../http/reply";
import { addStatus, createDeployment } from "../../lifecycle/deployments";
import { authed, type ApiContext, type ApiRouter } from "../api";
import { deploymentShape, deploymentStatusShape } from "../deployment-shapes";
import { githubError, notFound, validationFailed } from "../errors";
import type { Deployment, DeploymentStatus } from "../store";
import { pagedJson } from "./common";
import { repoAccess, resolveRef, type RepoAccess } from "./repo-access";

/** Deployments and deployment statuses: the ones runs create, and the API's own. */
const STATES = new Set(["error", "failure", "inactive", "in_progress", "queued", "pending", "success"]);

export function registerDeploymentRoutes(router: ApiRouter): void {
  router.add(
    "GET",
    "/repos/{owner}/{repo}/deployments",
    authed((ctx) => {
      const access = repoAccess(ctx);
      if (!access) return notFound();
      const q = ctx.query;
      const list = ctx.state.github.data.deployments
        .filter((deployment) => deployment.repo === access.repo.app.repo)
        .filter((deployment) => !q.get("sha") || deployment.sha === q.get("sha"))
        .filter((deployment) => !q.get("ref") || deployment.ref === q.get("ref"))
        .filter((deployment) => !q.get("task") || deployment.task === q.get("task"))
        .filter((deployment) => !q.get("environment") || deployment.environment === q.get("environment"))
        .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
      return pagedJson(ctx, list.map((deployment) => deploymentShape(ctx.urls, access.org, ctx.state.directory, access.repo, deployment)));
    }),
  );

  router.add(
    "POST",
    "/repos/{owner}/{repo}/deployments",
    authed(async (ctx) => {
      const access = repoAccess(ctx);
      if (!access) return notFound();
      const body = (await ctx.json()) as Record<string, unknown> | null;
      if (!access.permissions.push) return githubError(403, "Must have admin rights to Repository.");
      if (typeof body?.ref !== "string" || body.ref === "") return githubError(422, 'Invalid request.\n\n"ref" wasn\'t supplied.');
      const index = resolveRef(access.repo, body.ref);
      const commit = index === undefined ? undefined : access.repo.history.commits[index];
      if (!commit) return validationFailed([{ resource: "Deployment", field: "ref", code: "invalid", message: `No ref found for: ${body.ref}` }], `No ref found for: ${body.ref}`);
      const environment = typeof body.environment === "string" && body.environment !== "" ? body.environment : "production";
      const deployment = createDeployment(ctx.state.github.data, access.repo, {
        sha: commit.sha,
        ref: body.ref,
        task: typeof body.task === "string" ? body.task : "deploy",
        environment,
        creator: ctx.viewer.login,
        payload: typeof body.payload === "object" && body.payload !== null ? (body.payload as Record<string, unknown>) : {},
        description: typeof body.description === "string" ? body.description : null,
        createdAt: ctx.state.clock.now(),
        productionEnvironment: typeof body.production_environment === "boolean" ? body.production_environment : environment === "production",
        transientEnvironment: body.transient_environment === true,
        runId: null,
      });
      const hooks = ctx.state.github;
      hooks.engine.announceDeployment(access.repo, deployment);
      return json(201, deploymentShape(ctx.urls, access.org, ctx.state.directory, access.repo, deployment));
    }),
  );

  router.add(
    "GET",
    "/repos/{owner}/{repo}/deployments/{deployment_id}",
    authed((ctx) => {
      const found = deploymentOf(ctx);
      return found ? json(200, deploymentShape(ctx.urls, found.org, ctx.state.directory, found.repo, found.deployment)) : notFound();
    }),
  );

  router.add(
    "GET",
    "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
    authed((ctx) => {
      const found = deploymentOf(ctx);
      if (!found) return notFound();
      const statuses = [...found.deployment.statuses].reverse();
      return pagedJson(ctx, statuses.map((status) => deploymentStatusShape(ctx.urls, found.org, ctx.state.directory, found.repo, found.deployment, status)));
    }),
  );

  router.add(
    "POST",
    "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
    authed(async (ctx) => {
      const found = deploymentOf(ctx);
      if (!found) return notFound();
      const body = (await ctx.json()) as Record<string, unknown> | null;
      if (!found.permissions.push) return githubError(403, "Must have admin rights to Repository.");
      const state = body?.state;
      if (typeof state !== "string" || !STATES.has(state)) return validationFailed([{ resource: "DeploymentStatus", field: "state", code: "invalid" }]);
      const text = (key: string): string | undefined => (typeof body?.[key] === "string" ? (body[key] as string) : undefined);
      const status = addStatus(ctx.state.github.data, found.deployment, state as DeploymentStatus["state"], ctx.state.clock.now(), {
        creator: ctx.viewer.login,
        description: text("description") ?? "",
        // Where the status links when the caller gave no URL: the environment's deployment log on GitHub.
        targetUrl: text("target_url") ?? text("log_url") ?? `${ctx.urls.web}/${found.org.login}/${found.repo.app.repo}/deployments/${found.deployment.environment}`,
        logUrl: text("log_url") ?? text("target_url") ?? "",
        environmentUrl: text("environment_url") ?? "",
      });
      ctx.state.github.engine.announceStatus(found.repo, found.deployment, status);
      return json(201, deploymentStatusShape(ctx.urls, found.org, ctx.state.directory, found.repo, found.deployment, status));
    }),
  );
}

function deploymentOf(ctx: ApiContext): (RepoAccess & { deployment: Deployment }) | undefined {
  const access = repoAccess(ctx);
  const deployment = access ? ctx.state.github.data.deployments.find((candidate) => String(candidate.id) === ctx.params.deployment_id && candidate.repo === access.repo.app.repo) : undefined;
  return access && deployment ? { ...access, deployment } : undefined;
}
