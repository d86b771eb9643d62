import "server-only";
import type { ApplicationConfig } from "@/lib/config";
import { conditionalGet } from "@/lib/github/conditional";
import type { GithubAccess } from "@/lib/github/service-client";
import type { RefresherContext } from "./context";
import { compareCommits, environmentSha, type CompareCommit } from "./compare-mapping";

// "Not yet here": the commits the previous environment (or, for the first one, the default branch)
// runs that this environment does not. Fetched here, behind an ETag, and stored — never per page view.

export async function refreshCompares(ctx: RefresherContext, access: GithubAccess, app: ApplicationConfig): Promise<boolean> {
  const snapshots = await ctx.prisma.serviceSnapshot.findMany({ where: { application: app.slug }, select: { environment: true, service: true, sha: true } });
  const [owner, repo] = app.repo.split("/") as [string, string];
  let changed = false;
  for (const [index, env] of app.environments.entries()) {
    const base = environmentSha(env, snapshots);
    const previous = index > 0 ? app.environments[index - 1]! : null;
    const head = previous ? environmentSha(previous, snapshots) : app.defaultBranch;
    if (!base || !head) continue;
    const where = { application_environment: { application: app.slug, environment: env.name } };
    const result = await conditionalGet<{ ahead_by: number; commits: CompareCommit[] }>(ctx.prisma, access.octokit, "GET /repos/{owner}/{repo}/compare/{basehead}", {
      owner,
      repo,
      basehead: `${base}...${head}`,
    });
    const stored = await ctx.prisma.environmentCompare.findUnique({ where, select: { base: true, head: true } });
    if (result.notModified && stored?.base === base && stored.head === head) continue;
    const row = { base, head, total: result.data.ahead_by, commits: compareCommits(result.data.commits, `${ctx.config.github.webUrl}/${app.repo}`) as object[], fetchedAt: ctx.now() };
    await ctx.prisma.environmentCompare.upsert({ where, create: { application: app.slug, environment: env.name, ...row }, update: row });
    changed = true;
  }
  return changed;
}
