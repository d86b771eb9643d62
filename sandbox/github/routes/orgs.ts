import { findUser, isOrgMember, orgMembers } from "../../directory";
import { empty, json, redirect } from "../../http/reply";
import { authed, anyone, type ApiRouter } from "../api";
import { notFound, validationFailed } from "../errors";
import { orgFull, orgMembership, simpleUser } from "../shapes";
import { orgFromParams, orgOfMember, pagedJson } from "./common";

/**
 * Organisations and their members. Every demo member is a public member, so what an outsider
 * sees through the public_members endpoints matches what a member sees.
 */
export function registerOrgRoutes(router: ApiRouter): void {
  router.add(
    "GET",
    "/orgs/{org}",
    anyone((ctx) => {
      const org = orgFromParams(ctx);
      if (!org) return notFound();
      const asOwner = ctx.viewer?.orgRole === "admin" && isOrgMember(ctx.state.directory, org, ctx.viewer.login);
      return json(200, orgFull(ctx.urls, org, { asOwner }));
    }),
  );

  router.add(
    "GET",
    "/orgs/{org}/members",
    anyone((ctx) => {
      const org = orgFromParams(ctx);
      if (!org) return notFound();
      const role = ctx.query.get("role") ?? "all";
      if (!["all", "admin", "member"].includes(role)) {
        return validationFailed([{ resource: "Organization", field: "role", code: "invalid" }]);
      }
      const members = orgMembers(ctx.state.directory, org).filter((user) => role === "all" || user.orgRole === role);
      return pagedJson(ctx, members.map((user) => simpleUser(ctx.urls, user)));
    }),
  );

  router.add(
    "GET",
    "/orgs/{org}/members/{username}",
    anyone((ctx) => {
      const org = orgFromParams(ctx);
      if (!org) return notFound();
      const username = ctx.params.username ?? "";
      // GitHub answers only members with the full truth; everyone else is sent to the public list.
      if (!ctx.viewer || !isOrgMember(ctx.state.directory, org, ctx.viewer.login)) {
        return redirect(`${ctx.urls.api}/orgs/${org.login}/public_members/${encodeURIComponent(username)}`);
      }
      return isOrgMember(ctx.state.directory, org, username) ? empty(204) : notFound();
    }),
  );

  router.add(
    "GET",
    "/orgs/{org}/public_members",
    anyone((ctx) => {
      const org = orgFromParams(ctx);
      return org ? pagedJson(ctx, orgMembers(ctx.state.directory, org).map((user) => simpleUser(ctx.urls, user))) : notFound();
    }),
  );

  router.add(
    "GET",
    "/orgs/{org}/public_members/{username}",
    anyone((ctx) => {
      const org = orgFromParams(ctx);
      return org && isOrgMember(ctx.state.directory, org, ctx.params.username ?? "") ? empty(204) : notFound();
    }),
  );

  router.add(
    "GET",
    "/orgs/{org}/memberships/{username}",
    authed((ctx) => {
      const org = orgOfMember(ctx);
      const user = findUser(ctx.state.directory, ctx.params.username ?? "");
      if (!org || !user?.orgRole || !isOrgMember(ctx.state.directory, org, user.login)) return notFound();
      return json(200, orgMembership(ctx.urls, org, user, user.orgRole));
    }),
  );
}
