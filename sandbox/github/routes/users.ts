import { findOrg, findUser, isOrgMember, orgsOf, teamsOf } from "../../directory";
import { json } from "../../http/reply";
import { authed, anyone, type ApiRouter } from "../api";
import { notFound } from "../errors";
import { orgAsUser, orgMembership, orgSimple, privateUser, publicUser, teamFull } from "../shapes";
import { pagedJson } from "./common";

/** The authenticated user and public profiles. */
export function registerUserRoutes(router: ApiRouter): void {
  router.add("GET", "/user", authed((ctx) => json(200, privateUser(ctx.urls, ctx.viewer))));

  router.add(
    "GET",
    "/users/{username}",
    anyone((ctx) => {
      const login = ctx.params.username ?? "";
      const user = findUser(ctx.state.directory, login);
      if (user) return json(200, publicUser(ctx.urls, user));
      const org = findOrg(ctx.state.directory, login);
      return org ? json(200, orgAsUser(ctx.urls, org)) : notFound();
    }),
  );

  router.add("GET", "/user/orgs", authed((ctx) => pagedJson(ctx, orgsOf(ctx.state.directory, ctx.viewer.login).map((org) => orgSimple(ctx.urls, org)))));

  router.add(
    "GET",
    "/user/teams",
    authed((ctx) => pagedJson(ctx, teamsOf(ctx.state.directory, ctx.viewer.login).map(({ team, org }) => teamFull(ctx.urls, org, team)))),
  );

  router.add(
    "GET",
    "/user/memberships/orgs/{org}",
    authed((ctx) => {
      const org = findOrg(ctx.state.directory, ctx.params.org ?? "");
      const role = ctx.viewer.orgRole;
      if (!org || !role || !isOrgMember(ctx.state.directory, org, ctx.viewer.login)) return notFound();
      return json(200, orgMembership(ctx.urls, org, ctx.viewer, role));
    }),
  );
}
