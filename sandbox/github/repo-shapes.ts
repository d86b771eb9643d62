import type { components } from "@octokit/openapi-types";
import type { DemoOrg, DemoUser } from "../demo/org";
import type { DemoCommit } from "../demo/history";
import { orgAsUser, nodeId, simpleUser, type Urls } from "./shapes";
import type { Repo } from "./store";

/** Repository, commit, branch, tag, release and content shapes, typed by GitHub's OpenAPI schemas. */
type Schemas = components["schemas"];

export const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export type Permissions = NonNullable<Schemas["full-repository"]["permissions"]>;

export function repoUrls(urls: Urls, org: DemoOrg, repo: Repo) {
  const full = `${org.login}/${repo.app.repo}`;
  const api = `${urls.api}/repos/${full}`;
  const host = new URL(urls.web).host;
  return {
    html_url: `${urls.web}/${full}`,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://${host}/${full}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@${host}:${full}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${urls.web}/${full}.git`,
    hooks_url: `${api}/hooks`,
    svn_url: `${urls.web}/${full}`,
  };
}

function pushedAt(repo: Repo): number {
  return repo.history.commits.at(-1)?.date ?? Date.parse(repo.app.createdAt);
}

/** Items of /orgs/{org}/repos and /user/repos, and `repository` in runs and webhooks (the single GET adds more: fullRepo). */
export function repoShape(urls: Urls, org: DemoOrg, repo: Repo, permissions?: Permissions): Schemas["minimal-repository"] & Schemas["repository"] {
  return repoFields(urls, org, repo, permissions);
}

// Untyped on purpose: callers check it against the schema they answer with (list item, full repository).
function repoFields(urls: Urls, org: DemoOrg, repo: Repo, permissions?: Permissions) {
  const counts = { forks: 0, forks_count: 0, stargazers_count: 3, watchers: 3, watchers_count: 3, open_issues: 4, open_issues_count: 4, size: 18_420 };
  return {
    id: repo.app.repoId,
    node_id: nodeId("Repository", repo.app.repoId),
    name: repo.app.repo,
    full_name: `${org.login}/${repo.app.repo}`,
    owner: { ...orgAsUserSimple(urls, org) },
    private: true,
    description: repo.app.description,
    fork: false,
    ...repoUrls(urls, org, repo),
    mirror_url: null,
    homepage: null,
    language: repo.app.language,
    ...counts,
    default_branch: repo.app.defaultBranch,
    is_template: false,
    topics: ["ecs", "github-actions", repo.app.slug],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: "private" as const,
    pushed_at: iso(pushedAt(repo)),
    created_at: repo.app.createdAt,
    updated_at: iso(pushedAt(repo)),
    ...(permissions ? { permissions } : {}),
    allow_forking: false,
    web_commit_signoff_required: false,
    license: null,
  };
}

export function fullRepo(urls: Urls, org: DemoOrg, repo: Repo, permissions?: Permissions): Schemas["full-repository"] {
  return {
    ...repoFields(urls, org, repo, permissions),
    network_count: 0,
    subscribers_count: 6,
    allow_rebase_merge: false,
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_auto_merge: false,
    delete_branch_on_merge: true,
    organization: orgAsUserSimple(urls, org),
  };
}

function orgAsUserSimple(urls: Urls, org: DemoOrg): Schemas["simple-user"] {
  const { login, id, node_id, avatar_url, gravatar_id, url, html_url, followers_url, following_url, gists_url, starred_url, subscriptions_url, organizations_url, repos_url, events_url, received_events_url, type, site_admin, user_view_type } = orgAsUser(urls, org);
  return { login, id, node_id, avatar_url, gravatar_id, url, html_url, followers_url, following_url, gists_url, starred_url, subscriptions_url, organizations_url, repos_url, events_url, received_events_url, type, site_admin, user_view_type };
}

const gitPerson = (user: DemoUser | undefined, login: string, date: number, webFlow = false) =>
  webFlow ? { name: "GitHub", email: "noreply@github.com", date: iso(date) } : { name: user?.name ?? login, email: `${user?.id ?? 0}+${login}@users.noreply.github.com`, date: iso(date) };

/** GET /repos/{o}/{r}/commits[/{ref}] and the items of compare's commits. */
export function commitShape(urls: Urls, org: DemoOrg, repo: Repo, commit: DemoCommit, users: DemoUser[], withFiles: boolean): Schemas["commit"] {
  const api = `${urls.api}/repos/${org.login}/${repo.app.repo}`;
  const html = `${urls.web}/${org.login}/${repo.app.repo}`;
  const author = users.find((user) => user.login === commit.author);
  const stats = { additions: 12 * commit.files.length, deletions: 3 * commit.files.length, total: 15 * commit.files.length };
  return {
    url: `${api}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: nodeId("Commit", parseInt(commit.sha.slice(0, 7), 16)),
    html_url: `${html}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${commit.sha}`,
      author: gitPerson(author, commit.author, commit.date),
      committer: gitPerson(author, commit.author, commit.date, commit.viaWebFlow),
      message: commit.message,
      comment_count: 0,
      tree: { sha: commit.treeSha, url: `${api}/git/trees/${commit.treeSha}` },
      verification: { verified: commit.viaWebFlow, reason: commit.viaWebFlow ? "valid" : "unsigned", signature: null, payload: null, verified_at: commit.viaWebFlow ? iso(commit.date) : null },
    },
    author: author ? simpleUser(urls, author) : null,
    committer: author && !commit.viaWebFlow ? simpleUser(urls, author) : null,
    parents: commit.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${html}/commit/${sha}` })),
    ...(withFiles
      ? {
          stats,
          files: commit.files.map((filename) => ({
            sha: commit.treeSha,
            filename,
            status: "modified" as const,
            additions: 12,
            deletions: 3,
            changes: 15,
            blob_url: `${html}/blob/${commit.sha}/${filename}`,
            raw_url: `${html}/raw/${commit.sha}/${filename}`,
            contents_url: `${api}/contents/${filename}?ref=${commit.sha}`,
            patch: "@@ -1,3 +1,12 @@",
          })),
        }
      : {}),
  };
}

export function branchShape(urls: Urls, org: DemoOrg, repo: Repo, name: string, sha: string): Schemas["short-branch"] {
  const api = `${urls.api}/repos/${org.login}/${repo.app.repo}`;
  const isProtected = name === repo.app.defaultBranch;
  return { name, commit: { sha, url: `${api}/commits/${sha}` }, protected: isProtected, protection_url: `${api}/branches/${name}/protection` };
}

export function tagShape(urls: Urls, org: DemoOrg, repo: Repo, name: string, sha: string): Schemas["tag"] {
  const api = `${urls.api}/repos/${org.login}/${repo.app.repo}`;
  return {
    name,
    commit: { sha, url: `${api}/commits/${sha}` },
    zipball_url: `${api}/zipball/refs/tags/${name}`,
    tarball_url: `${api}/tarball/refs/tags/${name}`,
    node_id: nodeId("Ref", parseInt(sha.slice(0, 7), 16)),
  };
}
