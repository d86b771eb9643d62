import type { components } from "@octokit/openapi-types";
import type { DemoOrg, DemoTeam, DemoUser, TeamRole } from "../demo/org";

/**
 * GitHub response shapes built from the demo data. Each function is typed with the schema from
 * GitHub's published OpenAPI description (@octokit/openapi-types, which @octokit/rest itself
 * depends on), so a missing or mistyped field is a compile error rather than a surprise in the app.
 */
type Schemas = components["schemas"];

/** Where absolute URLs point: `web` for html_url / avatars, `api` for REST URLs (web + /api/v3, as on GitHub Enterprise Server). */
export interface Urls {
  web: string;
  api: string;
}

export const urlsFor = (publicUrl: string): Urls => ({ web: publicUrl, api: `${publicUrl}/api/v3` });

/** GitHub's legacy global node id: base64 of "0<len>:<Type><id>" (e.g. MDQ6VXNlcjE= for user 1). */
export function nodeId(type: string, id: number): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString("base64");
}

export const avatarUrl = (urls: Urls, login: string): string => `${urls.web}/avatars/${encodeURIComponent(login)}.svg`;

type AccountLinks = Omit<Schemas["simple-user"], "name" | "email" | "starred_at">;

function accountLinks(urls: Urls, login: string, id: number, type: "User" | "Organization"): AccountLinks {
  // Bot logins ("github-actions[bot]") need their brackets escaped to make valid URLs, as on GitHub.
  const api = `${urls.api}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: nodeId(type, id),
    avatar_url: avatarUrl(urls, login),
    gravatar_id: "",
    url: api,
    html_url: `${urls.web}/${encodeURIComponent(login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type,
    user_view_type: "public",
    site_admin: false,
  };
}

/** The user object nested in lists and other resources (members, membership.user, actors). */
export function simpleUser(urls: Urls, user: DemoUser): Schemas["simple-user"] {
  return accountLinks(urls, user.login, user.id, "User");
}

/** GET /users/{username}. */
export function publicUser(urls: Urls, user: DemoUser): Schemas["public-user"] {
  return {
    ...accountLinks(urls, user.login, user.id, "User"),
    name: user.name,
    company: user.company,
    blog: "",
    location: user.location,
    email: user.email,
    hireable: null,
    bio: user.bio,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: user.createdAt,
    updated_at: user.createdAt,
  };
}

/** GET /user: the public profile plus the fields GitHub shows only to the person themselves. */
export function privateUser(urls: Urls, user: DemoUser): Schemas["private-user"] {
  return {
    ...publicUser(urls, user),
    notification_email: user.email,
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: "free", space: 976562499, collaborators: 0, private_repos: 10000 },
  };
}

/** GET /users/{org} answers for organisations too, with type "Organization". */
export function orgAsUser(urls: Urls, org: DemoOrg): Schemas["public-user"] {
  return {
    ...accountLinks(urls, org.login, org.id, "Organization"),
    name: org.name,
    company: null,
    blog: org.blog,
    location: org.location,
    email: org.email,
    hireable: null,
    bio: org.description,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: org.createdAt,
    updated_at: org.createdAt,
  };
}

export function orgSimple(urls: Urls, org: DemoOrg): Schemas["organization-simple"] {
  const api = `${urls.api}/orgs/${org.login}`;
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId("Organization", org.id),
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: avatarUrl(urls, org.login),
    description: org.description,
  };
}

/** GET /orgs/{org}; owners (org admins) also see the private fields. */
export function orgFull(urls: Urls, org: DemoOrg, options: { asOwner: boolean }): Schemas["organization-full"] {
  const base: Schemas["organization-full"] = {
    ...orgSimple(urls, org),
    name: org.name,
    blog: org.blog ?? undefined,
    location: org.location ?? undefined,
    email: org.email ?? undefined,
    twitter_username: null,
    is_verified: false,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    html_url: `${urls.web}/${org.login}`,
    type: "Organization",
    created_at: org.createdAt,
    updated_at: org.createdAt,
    archived_at: null,
  };
  if (!options.asOwner) return base;
  return {
    ...base,
    total_private_repos: 3,
    owned_private_repos: 3,
    private_gists: 0,
    disk_usage: 0,
    collaborators: 0,
    billing_email: org.email,
    plan: { name: "team", space: 976562499, private_repos: 999999, filled_seats: 6, seats: 10 },
    default_repository_permission: "read",
    members_can_create_repositories: false,
    two_factor_requirement_enabled: true,
  };
}

export function orgMembership(urls: Urls, org: DemoOrg, user: DemoUser, role: "admin" | "member"): Schemas["org-membership"] {
  return {
    url: `${urls.api}/orgs/${org.login}/memberships/${user.login}`,
    state: "active",
    role,
    organization_url: `${urls.api}/orgs/${org.login}`,
    organization: orgSimple(urls, org),
    user: simpleUser(urls, user),
  };
}

// Team URLs use GitHub's id-based form (/organizations/{org_id}/team/{team_id}); the sandbox serves it.
const teamApi = (urls: Urls, org: DemoOrg, team: DemoTeam): string => `${urls.api}/organizations/${org.id}/team/${team.id}`;

/** A team in lists (GET /orgs/{org}/teams). */
export function teamShape(urls: Urls, org: DemoOrg, team: DemoTeam): Schemas["team"] {
  const api = teamApi(urls, org, team);
  return {
    id: team.id,
    node_id: nodeId("Team", team.id),
    url: api,
    html_url: `${urls.web}/orgs/${org.login}/teams/${team.slug}`,
    name: team.name,
    slug: team.slug,
    description: team.description,
    privacy: "closed",
    notification_setting: "notifications_enabled",
    permission: "pull",
    members_url: `${api}/members{/member}`,
    repositories_url: `${api}/repos`,
    type: "organization",
    organization_id: org.id,
    parent: null,
  };
}

/** A single team (GET /orgs/{org}/teams/{slug}) and the items of GET /user/teams: with counts and organization. */
export function teamFull(urls: Urls, org: DemoOrg, team: DemoTeam): Schemas["team-full"] {
  return {
    ...teamShape(urls, org, team),
    // team-full narrows these two to enums; team (the list item) types them as plain strings.
    privacy: "closed",
    notification_setting: "notifications_enabled",
    members_count: team.members.length,
    repos_count: 0,
    created_at: team.createdAt,
    updated_at: team.createdAt,
    organization: { ...orgFull(urls, org, { asOwner: false }) },
  };
}

export function teamMembership(urls: Urls, org: DemoOrg, team: DemoTeam, login: string, role: TeamRole): Schemas["team-membership"] {
  return { url: `${teamApi(urls, org, team)}/memberships/${login}`, role, state: "active" };
}
