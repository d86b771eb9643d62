import type { DemoOrg } from "../../demo/org";
import { isOrgMember, teamsOf } from "../../directory";
import type { ApiContext } from "../api";
import type { Permissions } from "../repo-shapes";
import { findRepo, type Repo } from "../store";

/**
 * Who may see and do what in the demo repositories (all private): org members read; members of any
 * team write (engineers dispatch deploys, as on GitHub where anyone with write can); the org admin
 * administers. The demo App's installation token reads and writes everything. Everyone else gets
 * 404, as GitHub hides private repositories.
 */
export interface RepoAccess {
  org: DemoOrg;
  repo: Repo;
  permissions: Permissions;
}

export function permissionsOf(ctx: ApiContext): Permissions | undefined {
  const dir = ctx.state.directory;
  if (ctx.app) return { admin: false, maintain: false, push: true, triage: true, pull: true };
  const viewer = ctx.viewer;
  if (!viewer || !isOrgMember(dir, dir.org, viewer.login)) return undefined;
  const admin = viewer.orgRole === "admin";
  const push = admin || teamsOf(dir, viewer.login).length > 0;
  return { admin, maintain: admin, push, triage: push, pull: true };
}

export function repoAccess(ctx: ApiContext): RepoAccess | undefined {
  const permissions = permissionsOf(ctx);
  if (!permissions) return undefined;
  const dir = ctx.state.directory;
  const repo = findRepo(ctx.state.github.data, ctx.params.owner ?? "", ctx.params.repo ?? "", dir.org.login);
  return repo ? { org: dir.org, repo, permissions } : undefined;
}

/** Resolves a branch, tag or (abbreviated, ≥ 7 hex) SHA to a commit index. */
export function resolveRef(repo: Repo, ref: string): number | undefined {
  const clean = ref.replace(/^refs\/(heads|tags)\//, "");
  const branch = repo.history.branches.get(clean);
  if (branch !== undefined) return branch;
  const tag = repo.history.tags.find((candidate) => candidate.name === clean);
  if (tag) return tag.index;
  if (/^[0-9a-f]{7,40}$/i.test(clean)) {
    const lower = clean.toLowerCase();
    const exact = repo.index.get(lower);
    if (exact !== undefined) return exact;
    const found = repo.history.commits.findIndex((commit) => commit.sha.startsWith(lower));
    return found >= 0 ? found : undefined;
  }
  return undefined;
}

/** Every commit reachable from `head` — on the demo's single line, all commits up to it, newest first. */
export function ancestry(repo: Repo, head: number): number[] {
  const out: number[] = [];
  for (let i = head; i >= 0; i--) out.push(i);
  return out;
}
