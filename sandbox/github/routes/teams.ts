import type { DemoOrg, DemoTeam } from "../../demo/org";
import { findTeam, findTeamById, findUser, isOrgMember, teamMembers, teamRoleOf } from "../../directory";
import { json, type Reply } from "../../http/reply";
import { authed, type ApiContext, type ApiRouter } from "../api";
import { notFound, validationFailed } from "../errors";
import { simpleUser, teamFull, teamMembership, teamShape } from "../shapes";
import { orgOfMember, pagedJson } from "./common";

type TeamLookup = (ctx: ApiContext) => { org: DemoOrg; team: DemoTeam } | undefined;

/** By slug under /orgs/{org}/teams/{team_slug}. */
const bySlug: TeamLookup = (ctx) => {
  const org = orgOfMember(ctx);
  const team = org ? findTeam(ctx.state.directory, org, ctx.params.team_slug ?? "") : undefined;
  return org && team ? { org, team } : undefined;
};

/** By id under /organizations/{org_id}/team/{team_id} — the form of the `url` fields in team objects. */
const byId: TeamLookup = (ctx) => {
  const { directory } = ctx.state;
  const team = findTeamById(directory, Number(ctx.params.org_id), Number(ctx.params.team_id));
  const member = ctx.viewer && isOrgMember(directory, directory.org, ctx.viewer.login);
  return team && member ? { org: directory.org, team } : undefined;
};

/** Teams are visible to org members only (all demo teams are "closed"). */
export function registerTeamRoutes(router: ApiRouter): void {
  router.add(
    "GET",
    "/orgs/{org}/teams",
    authed((ctx) => {
      const org = orgOfMember(ctx);
      return org ? pagedJson(ctx, ctx.state.directory.teams.map((team) => teamShape(ctx.urls, org, team))) : notFound();
    }),
  );

  for (const [base, lookup] of [
    ["/orgs/{org}/teams/{team_slug}", bySlug],
    ["/organizations/{org_id}/team/{team_id}", byId],
  ] as const) {
    router.add("GET", base, authed((ctx) => withTeam(ctx, lookup, ({ org, team }) => json(200, teamFull(ctx.urls, org, team)))));
    router.add("GET", `${base}/members`, authed((ctx) => withTeam(ctx, lookup, ({ team }) => listMembers(ctx, team))));
    router.add(
      "GET",
      `${base}/memberships/{username}`,
      authed((ctx) =>
        withTeam(ctx, lookup, ({ org, team }) => {
          const user = findUser(ctx.state.directory, ctx.params.username ?? "");
          const role = user ? teamRoleOf(team, user.login) : undefined;
          return user && role ? json(200, teamMembership(ctx.urls, org, team, user.login, role)) : notFound();
        }),
      ),
    );
  }
}

function withTeam(ctx: ApiContext, lookup: TeamLookup, then: (found: { org: DemoOrg; team: DemoTeam }) => Reply): Reply {
  const found = lookup(ctx);
  return found ? then(found) : notFound();
}

function listMembers(ctx: ApiContext, team: DemoTeam): Reply {
  const role = ctx.query.get("role") ?? "all";
  if (!["all", "member", "maintainer"].includes(role)) return validationFailed([{ resource: "Team", field: "role", code: "invalid" }]);
  const members = teamMembers(ctx.state.directory, team).filter((member) => role === "all" || member.role === role);
  return pagedJson(ctx, members.map(({ user }) => simpleUser(ctx.urls, user)));
}
