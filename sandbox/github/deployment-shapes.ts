import type { components } from "@octokit/openapi-types";
import type { DemoOrg } from "../demo/org";
import type { Directory } from "../directory";
import { actorShape } from "./actions-shapes";
import { omit } from "./omit";
import { iso } from "./repo-shapes";
import { nodeId, type Urls } from "./shapes";
import type { Deployment, DeploymentStatus, Release, Repo } from "./store";

/** Deployments, deployment statuses, releases and file contents. */
type Schemas = components["schemas"];

const repoApi = (urls: Urls, org: DemoOrg, repo: Repo): string => `${urls.api}/repos/${org.login}/${repo.app.repo}`;

export function deploymentShape(urls: Urls, org: DemoOrg, dir: Directory, repo: Repo, deployment: Deployment): Schemas["deployment"] {
  const url = `${repoApi(urls, org, repo)}/deployments/${deployment.id}`;
  return {
    url,
    id: deployment.id,
    node_id: nodeId("Deployment", deployment.id),
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task,
    payload: deployment.payload,
    original_environment: deployment.environment,
    environment: deployment.environment,
    description: deployment.description,
    creator: actorShape(urls, dir, deployment.creator),
    created_at: iso(deployment.createdAt),
    updated_at: iso(deployment.updatedAt),
    statuses_url: `${url}/statuses`,
    repository_url: repoApi(urls, org, repo),
    transient_environment: deployment.transientEnvironment,
    production_environment: deployment.productionEnvironment,
  };
}

export function deploymentStatusShape(urls: Urls, org: DemoOrg, dir: Directory, repo: Repo, deployment: Deployment, status: DeploymentStatus): Schemas["deployment-status"] {
  const deploymentUrl = `${repoApi(urls, org, repo)}/deployments/${deployment.id}`;
  return {
    url: `${deploymentUrl}/statuses/${status.id}`,
    id: status.id,
    node_id: nodeId("DeploymentStatus", status.id),
    state: status.state,
    creator: actorShape(urls, dir, status.creator),
    description: status.description,
    environment: status.environment,
    target_url: status.targetUrl,
    created_at: iso(status.createdAt),
    updated_at: iso(status.createdAt),
    deployment_url: deploymentUrl,
    repository_url: repoApi(urls, org, repo),
    // Optional URLs are left out rather than sent empty (the schema wants URIs).
    ...(status.environmentUrl ? { environment_url: status.environmentUrl } : {}),
    ...(status.logUrl ? { log_url: status.logUrl } : {}),
  };
}

export function releaseShape(urls: Urls, org: DemoOrg, dir: Directory, repo: Repo, release: Release): Schemas["release"] {
  const api = repoApi(urls, org, repo);
  const html = `${urls.web}/${org.login}/${repo.app.repo}`;
  return {
    url: `${api}/releases/${release.id}`,
    html_url: `${html}/releases/tag/${release.tag}`,
    assets_url: `${api}/releases/${release.id}/assets`,
    upload_url: `${urls.web}/api/uploads/repos/${org.login}/${repo.app.repo}/releases/${release.id}/assets{?name,label}`,
    tarball_url: `${api}/tarball/${release.tag}`,
    zipball_url: `${api}/zipball/${release.tag}`,
    id: release.id,
    node_id: nodeId("Release", release.id),
    tag_name: release.tag,
    target_commitish: repo.app.defaultBranch,
    name: release.name,
    body: release.body,
    draft: false,
    prerelease: release.prerelease,
    created_at: iso(release.createdAt),
    published_at: iso(release.createdAt),
    author: actorShape(urls, dir, release.author),
    assets: [],
  };
}

export function contentFileShape(urls: Urls, org: DemoOrg, repo: Repo, path: string, text: string, sha: string, ref: string): Schemas["content-file"] {
  const api = repoApi(urls, org, repo);
  const html = `${urls.web}/${org.login}/${repo.app.repo}`;
  const self = `${api}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const bytes = Buffer.from(text, "utf8");
  // GitHub wraps base64 content at 60 characters per line.
  const content = (bytes.toString("base64").match(/.{1,60}/g) ?? []).join("\n") + "\n";
  return {
    type: "file",
    encoding: "base64",
    size: bytes.length,
    name: path.split("/").at(-1) ?? path,
    path,
    content,
    sha,
    url: self,
    git_url: `${api}/git/blobs/${sha}`,
    html_url: `${html}/blob/${ref}/${path}`,
    download_url: `${urls.web}/${org.login}/${repo.app.repo}/raw/${ref}/${path}`,
    _links: { self, git: `${api}/git/blobs/${sha}`, html: `${html}/blob/${ref}/${path}` },
  };
}

export function contentDirEntry(urls: Urls, org: DemoOrg, repo: Repo, path: string, size: number, sha: string, ref: string) {
  const file = contentFileShape(urls, org, repo, path, "", sha, ref);
  return { ...omit(file, ["content", "encoding"]), size };
}
