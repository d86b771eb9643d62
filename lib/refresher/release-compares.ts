import "server-only";
import type { ApplicationConfig } from "@/lib/config";
import type { GithubAccess } from "@/lib/github/service-client";
import { log } from "@/lib/log";
import type { RefresherContext } from "./context";
import { compareCommits, environmentSha, type CompareCommit } from "./compare-mapping";

// What each waiting release would ship: the commits between the SHA its environment runs and the run's
// SHA, for the approvals inbox. A base...head pair never changes, so each is fetched once and kept
// (plain GET, no ETag needed); a pair the environment's own "not yet here" compare already covers
// (a promotion of what the previous environment runs) is not fetched at all.

const KEEP_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Returns true when a new compare was stored. */
export async function refreshReleaseCompares(ctx: RefresherContext, access: GithubAccess, app: ApplicationConfig): Promise<boolean> {
  const { prisma } = ctx;
  const open = await prisma.pendingApproval.findMany({ where: { application: app.slug, resolvedAt: null }, select: { environment: true, headSha: true } });
  if (open.length === 0) return false;
  const snapshots = await prisma.serviceSnapshot.findMany({ where: { application: app.slug }, select: { environment: true, service: true, sha: true } });
  const [owner, repo] = app.repo.split("/") as [string, string];
  let stored = false;
  for (const approval of open) {
    const env = app.environments.find((candidate) => candidate.name === approval.environment);
    const base = env ? environmentSha(env, snapshots) : null;
    const head = approval.headSha;
    if (!env || !base) continue;
    const key = { application: app.slug, base, head };
    const [known, covered] = await Promise.all([
      prisma.releaseCompare.findUnique({ where: { application_base_head: key }, select: { head: true } }),
      prisma.environmentCompare.findFirst({ where: { application: app.slug, environment: env.name, base, head }, select: { head: true } }),
    ]);
    if (known || covered) continue;
    let row: { status: string; aheadBy: number; behindBy: number; commits: object[] };
    if (base === head) {
      row = { status: "identical", aheadBy: 0, behindBy: 0, commits: [] };
    } else {
      try {
        const { data } = await access.octokit.request("GET /repos/{owner}/{repo}/compare/{basehead}", { owner, repo, basehead: `${base}...${head}` });
        const body = data as { status: string; ahead_by: number; behind_by: number; commits: CompareCommit[] };
        row = { status: body.status, aheadBy: body.ahead_by, behindBy: body.behind_by, commits: compareCommits(body.commits, `${ctx.config.github.webUrl}/${app.repo}`) as object[] };
      } catch (error) {
        // A SHA GitHub does not know (force-pushed away) is this release's problem, not an outage.
        const status = (error as { status?: unknown }).status;
        if (status === 404 || status === 422) {
          log.warn("refresher.release_compare_unavailable", { application: app.slug, base, head, status });
          continue;
        }
        throw error;
      }
    }
    await prisma.releaseCompare.upsert({ where: { application_base_head: key }, create: { ...key, ...row, fetchedAt: ctx.now() }, update: { ...row, fetchedAt: ctx.now() } });
    stored = true;
  }
  if (stored) await prisma.releaseCompare.deleteMany({ where: { fetchedAt: { lt: new Date(ctx.now().getTime() - KEEP_DAYS * DAY_MS) } } });
  return stored;
}
