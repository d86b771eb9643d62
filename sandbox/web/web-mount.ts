import { avatarSvg } from "../demo/avatar";
import { findOrg, findTeam, findUser, orgMembers, teamMembers, teamsOf } from "../directory";
import type { Mount } from "../http/mount";
import type { Reply } from "../http/reply";
import { createRouter, type Params } from "../http/router";
import type { SandboxState } from "../state";
import { escapeHtml, page } from "./html";

type Handler = (state: SandboxState, params: Params) => Reply;

/**
 * The sandbox's stand-ins for github.com web pages: avatars (the avatar_url of every user and the
 * org) and small profile pages behind html_url, so links the app renders lead somewhere real.
 */
export function webMount(state: SandboxState): Mount {
  const router = createRouter<Handler>()
    .add("GET", "/", home)
    .add("GET", "/favicon.svg", () => svg(avatarSvg("sandbox", "Sandbox")))
    .add("GET", "/avatars/{file}", avatar)
    .add("GET", "/orgs/{org}/teams/{team_slug}", teamPage)
    .add("GET", "/{login}", profile);
  return {
    name: "web",
    matches: ({ method }) => method === "GET" || method === "HEAD",
    handle(incoming) {
      const match = router.match(incoming.method, incoming.url.pathname);
      if (match.kind !== "found") return notFoundPage();
      incoming.meta.endpoint = `${match.method} ${match.pattern}`;
      return match.handler(state, match.params);
    },
  };
}

function svg(body: string): Reply {
  return {
    status: 200,
    body,
    headers: {
      "content-type": "image/svg+xml; charset=utf-8",
      "cache-control": "public, max-age=86400",
      // SVG is a document type; this one has no script, and the CSP makes sure none could run.
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
      "x-content-type-options": "nosniff",
      "cross-origin-resource-policy": "cross-origin",
    },
  };
}

const avatar: Handler = (state, params) => {
  const login = /^(.+)\.svg$/.exec(params.file ?? "")?.[1];
  const user = login ? findUser(state.directory, login) : undefined;
  if (user) return svg(avatarSvg(user.login, user.name));
  const org = login ? findOrg(state.directory, login) : undefined;
  return org ? svg(avatarSvg(org.login, org.name)) : notFoundPage();
};

const home: Handler = (state) =>
  page(
    200,
    "Flightdeck sandbox",
    `<h1>Flightdeck sandbox</h1>
<p>A local stand-in for GitHub (REST under <code>/api/v3</code>, OAuth under <code>/login/oauth</code>) for the demo organisation
<a href="/${escapeHtml(state.directory.org.login)}">${escapeHtml(state.directory.org.name)}</a>. Tests drive it through <code>/_sandbox/*</code>.</p>`,
  );

const profile: Handler = (state, params) => {
  const login = params.login ?? "";
  const user = findUser(state.directory, login);
  if (user) {
    const teams = teamsOf(state.directory, user.login).map(({ team, org }) => `<a href="/orgs/${escapeHtml(org.login)}/teams/${escapeHtml(team.slug)}">${escapeHtml(team.name)}</a>`);
    return page(200, `${user.login} (${user.name})`, `${header(user.login, user.name)}
<dl class="card"><dt>Email</dt><dd>${escapeHtml(user.email ?? "private")}</dd><dt>Teams</dt><dd>${teams.join(", ") || "none"}</dd><dt>Bio</dt><dd>${escapeHtml(user.bio ?? "")}</dd></dl>`);
  }
  const org = findOrg(state.directory, login);
  if (!org) return notFoundPage();
  const members = orgMembers(state.directory, org).map((member) => `<li><a href="/${escapeHtml(member.login)}">${escapeHtml(member.login)}</a> ${escapeHtml(member.name)}</li>`);
  return page(200, org.name, `${header(org.login, org.name)}<p>${escapeHtml(org.description)}</p><ul class="card" aria-label="Members">${members.join("")}</ul>`);
};

const teamPage: Handler = (state, params) => {
  const org = findOrg(state.directory, params.org ?? "");
  const team = org ? findTeam(state.directory, org, params.team_slug ?? "") : undefined;
  if (!org || !team) return notFoundPage();
  const members = teamMembers(state.directory, team).map(({ user, role }) => `<li><a href="/${escapeHtml(user.login)}">${escapeHtml(user.login)}</a> ${escapeHtml(user.name)} (${role})</li>`);
  return page(200, `${org.login}/${team.slug}`, `<h1>${escapeHtml(org.name)} / ${escapeHtml(team.name)}</h1><p>${escapeHtml(team.description)}</p><ul class="card" aria-label="Members">${members.join("")}</ul>`);
};

function header(login: string, name: string): string {
  return `<h1><img src="/avatars/${encodeURIComponent(login)}.svg" alt="" width="32" height="32"> ${escapeHtml(login)}</h1><p>${escapeHtml(name)}</p>`;
}

function notFoundPage(): Reply {
  return page(404, "Not Found", "<h1>Not Found</h1><p>Nothing in the sandbox lives at this address.</p>");
}
