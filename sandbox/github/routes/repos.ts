import { WORKFLOW_FILES } from "../../demo/workflow-files";
import { createHash } from "node:crypto";
import { json } from "../../http/reply";
import { authed, type ApiRouter } from "../api";
import { contentDirEntry, contentFileShape, releaseShape } from "../deployment-shapes";
import { notFound } from "../errors";
import { branchShape, commitShape, fullRepo, repoShape, tagShape } from "../repo-shapes";
import { orgOfMember, pagedJson } from "./common";
import { ancestry, permissionsOf, repoAccess, resolveRef } from "./repo-access";

/** Repositories, branches, commits, compare, tags, releases and workflow file contents. */
export function registerRepoRoutes(router: ApiRouter): void {
  const repos = (ctx: Parameters<Parameters<typeof authed>[0]>[0]) => {
    const permissions = permissionsOf(ctx);
    const dir = ctx.state.directory;
    if (!permissions) return [];
    return [...ctx.state.github.data.repos.values()].map((repo) => repoShape(ctx.urls, dir.org, repo, permissions));
  };
  router.add("GET", "/orgs/{org}/repos", authed((ctx) => (orgOfMember(ctx) || ctx.app ? pagedJson(ctx, repos(ctx)) : pagedJson(ctx, []))));
  router.add("GET", "/user/repos", authed((ctx) => pagedJson(ctx, repos(ctx))));
  router.add("GET", "/installation/repositories", authed((ctx) => (ctx.app ? json(200, { total_count: repos(ctx).length, repositories: repos(ctx) }) : notFound())));

  router.add(
    "GET",
    "/repos/{owner}/{repo}",
    authed((ctx) => {
      const access = repoAccess(ctx);
      return access ? json(200, fullRepo(ctx.urls, access.org, access.repo, access.permissions)) : notFound();
    }),
  );

  router.add(
    "GET",
    "/repos/{owner}/{repo}/branches",
    authed((ctx) => {
      const access = repoAccess(ctx);
      if (!access) return notFound();
      const { repo, org } = access;
      const branches = [...repo.history.branches.entries()].sort(([a], [b]) => a.localeCompare(b));
      return pagedJson(ctx, branches.map(([name, index]) => branchShape(ctx.urls, org, repo, name, repo.history.commits[index]?.sha ?? "")));
    }),
  );

  router.add(
    "GET",
    "/repos/{owner}/{repo}/commits",
    authed((ctx) => {
      const access = repoAccess(ctx);
      if (!access) return notFound();
      const { repo, org } = access;
      const ref = ctx.query.get("sha") ?? repo.app.defaultBranch;
      const head = resolveRef(repo, ref);
      if (head === undefined) return notFound();
      const path = ctx.query.get("path");
      const author = ctx.query.get("author");
      const since = Date.parse(ctx.query.get("since") ?? "");
      const until = Date.parse(ctx.query.get("until") ?? "");
      const commits = ancestry(repo, head)
        .map((index) => repo.history.commits[index])
        .filter((commit) => commit !== undefined)
        .filter((commit) => !path || commit.files.some((file) => file === path || file.startsWith(`${path.replace(/\/$/, "")}/`)))
        .filter((commit) => !author || commit.author.toLowerCase() === author.toLowerCase())
        .filter((commit) => (Number.isNaN(since) || commit.date >= since) && (Number.isNaN(until) || commit.date <= until));
      return pagedJson(ctx, commits.map((commit) => commitShape(ctx.urls, org, repo, commit, ctx.state.directory.users, false)));
    }),
  );

  router.add(
    "GET",
    "/repos/{owner}/{repo}/commits/{ref}",
    authed((ctx) => {
      const access = repoAccess(ctx);
      if (!access) return notFound();
      const index = resolveRef(access.repo, ctx.params.ref ?? "");
      const commit = index === undefined ? undefined : access.repo.history.commits[index];
      if (!commit) return json(422, { message: `No commit found for SHA: ${ctx.params.ref}`, documentation_url: "https://docs.github.com/rest/commits/commits#get-a-commit", status: "422" });
      return json(200, commitShape(ctx.urls, access.org, access.repo, commit, ctx.state.directory.users, true));
    }),
  );

  router.add(
    "GET",
    "/repos/{owner}/{repo}/compare/{basehead}",
    authed((ctx) => {
      const access = repoAccess(ctx);
      if (!access) return notFound();
      const { repo, org } = access;
      const [baseRef, headRef] = (ctx.params.basehead ?? "").split("...");
      const base = resolveRef(repo, baseRef ?? "");
      const head = resolveRef(repo, headRef ?? "");
      if (base === undefined || head === undefined || !headRef) return notFound();
      const shape = (index: number) => {
        const commit = repo.history.commits[index];
        return commit ? commitShape(ctx.urls, org, repo, commit, ctx.state.directory.users, false) : undefined;
      };
      const mergeBase = Math.min(base, head);
      const between = repo.history.commits.slice(base + 1, head + 1);
      const status = base === head ? "identical" : head > base ? "ahead" : "behind";
      const all = between.map((_, i) => shape(base + 1 + i)).filter((commit) => commit !== undefined);
      const api = `${ctx.urls.api}/repos/${org.login}/${repo.app.repo}`;
      const html = `${ctx.urls.web}/${org.login}/${repo.app.repo}`;
      const baseCommit = shape(base);
      const mergeCommit = shape(mergeBase);
      if (!baseCommit || !mergeCommit) return notFound();
      // GitHub lists at most 250 commits in a compare; the demo never gets near it, paging still applies.
      const perPage = ctx.query.has("per_page") || ctx.query.has("page");
      const pageOf = perPage ? all.slice(((Number(ctx.query.get("page")) || 1) - 1) * (Number(ctx.query.get("per_page")) || 250)).slice(0, Number(ctx.query.get("per_page")) || 250) : all;
      return json(200, {
        url: `${api}/compare/${baseRef}...${headRef}`,
        html_url: `${html}/compare/${baseRef}...${headRef}`,
        permalink_url: `${html}/compare/${org.login}:${baseCommit.sha.slice(0, 7)}...${org.login}:${(shape(head)?.sha ?? "").slice(0, 7)}`,
        diff_url: `${html}/compare/${baseRef}...${headRef}.diff`,
        patch_url: `${html}/compare/${baseRef}...${headRef}.patch`,
        base_commit: baseCommit,
        merge_base_commit: mergeCommit,
        status,
        ahead_by: Math.max(0, head - base),
        behind_by: Math.max(0, base - head),
        total_commits: Math.max(0, head - base),
        commits: pageOf,
        files: [],
      });
    }),
  );

  router.add(
    "GET",
    "/repos/{owner}/{repo}/tags",
    authed((ctx) => {
      const access = repoAccess(ctx);
      if (!access) return notFound();
      const tags = [...access.repo.history.tags].reverse();
      return pagedJson(ctx, tags.map((tag) => tagShape(ctx.urls, access.org, access.repo, tag.name, access.repo.history.commits[tag.index]?.sha ?? "")));
    }),
  );

  router.add(
    "GET",
    "/repos/{owner}/{repo}/releases",
    authed((ctx) => {
      const access = repoAccess(ctx);
      if (!access) return notFound();
      const releases = [...access.repo.releases].sort((a, b) => b.createdAt - a.createdAt);
      return pagedJson(ctx, releases.map((release) => releaseShape(ctx.urls, access.org, ctx.state.directory, access.repo, release)));
    }),
  );

  router.add(
    "GET",
    "/repos/{owner}/{repo}/releases/latest",
    authed((ctx) => {
      const access = repoAccess(ctx);
      const latest = access ? [...access.repo.releases].filter((release) => !release.prerelease).sort((a, b) => b.createdAt - a.createdAt)[0] : undefined;
      return access && latest ? json(200, releaseShape(ctx.urls, access.org, ctx.state.directory, access.repo, latest)) : notFound();
    }),
  );

  router.add(
    "GET",
    "/repos/{owner}/{repo}/contents/{+path}",
    authed((ctx) => {
      const access = repoAccess(ctx);
      if (!access) return notFound();
      const { repo, org } = access;
      const ref = ctx.query.get("ref") ?? repo.app.defaultBranch;
      if (resolveRef(repo, ref) === undefined) return json(404, { message: `No commit found for the ref ${ref}`, documentation_url: "https://docs.github.com/rest/repos/contents#get-repository-content", status: "404" });
      const path = (ctx.params.path ?? "").replace(/^\/+|\/+$/g, "");
      const files = repo.app.workflows.map((workflow) => ({ path: `.github/workflows/${workflow.file}`, text: WORKFLOW_FILES[workflow.file] ?? "" }));
      const blob = (text: string) => createHash("sha1").update(`blob ${Buffer.byteLength(text)}\0${text}`).digest("hex");
      const file = files.find((candidate) => candidate.path === path);
      if (file) return json(200, contentFileShape(ctx.urls, org, repo, file.path, file.text, blob(file.text), ref));
      if (path === ".github/workflows") {
        return json(200, files.map((entry) => ({ ...contentDirEntry(ctx.urls, org, repo, entry.path, Buffer.byteLength(entry.text), blob(entry.text), ref), type: "file" })));
      }
      return notFound();
    }),
  );
}
