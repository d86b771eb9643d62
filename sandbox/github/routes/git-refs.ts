import { json } from "../../http/reply";
import { authed, type ApiRouter } from "../api";
import { githubError, notFound } from "../errors";
import { repoAccess } from "./repo-access";

/**
 * `POST /repos/{owner}/{repo}/git/refs`: create a branch or tag pointing at a commit — what Flightdeck
 * does to dispatch a workflow on an exact SHA (workflow_dispatch takes only a branch or tag name).
 * GitHub's answers: 201 with the reference, 422 "Reference already exists" / "Object does not exist".
 */
export function registerGitRefRoutes(router: ApiRouter): void {
  router.add(
    "POST",
    "/repos/{owner}/{repo}/git/refs",
    authed(async (ctx) => {
      const access = repoAccess(ctx);
      if (!access) return notFound();
      if (!access.permissions.push) return githubError(403, "Resource not accessible by integration");
      const body = (await ctx.json()) as { ref?: unknown; sha?: unknown } | null;
      const ref = typeof body?.ref === "string" ? body.ref : "";
      const sha = typeof body?.sha === "string" ? body.sha.toLowerCase() : "";
      const match = /^refs\/(heads|tags)\/(.+)$/.exec(ref);
      if (!match || /\s|\.\.|[~^:?*[\\]/.test(match[2]!)) return githubError(422, `${ref || "ref"} is not a valid ref name.`);
      const index = access.repo.index.get(sha);
      if (index === undefined) return githubError(422, "Object does not exist");
      const [, kind, name] = match as unknown as [string, "heads" | "tags", string];
      const history = access.repo.history;
      const exists = kind === "heads" ? history.branches.has(name) : history.tags.some((tag) => tag.name === name);
      if (exists) return githubError(422, "Reference already exists");
      if (kind === "heads") history.branches.set(name, index);
      else history.tags.push({ name, index });
      const url = `${ctx.urls.api}/repos/${ctx.params.owner}/${ctx.params.repo}/git/${ref}`;
      return json(201, { ref, node_id: Buffer.from(`ref:${ctx.params.owner}/${ctx.params.repo}:${ref}`).toString("base64"), url, object: { sha, type: "commit", url: `${ctx.urls.api}/repos/${ctx.params.owner}/${ctx.params.repo}/git/commits/${sha}` } });
    }),
  );
}
