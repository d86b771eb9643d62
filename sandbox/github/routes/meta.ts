import { json } from "../../http/reply";
import { anyone, type ApiRouter } from "../api";

/** Discovery endpoints: the API root, /meta and /rate_limit. */
export function registerMetaRoutes(router: ApiRouter): void {
  router.add(
    "GET",
    "/",
    anyone(({ urls }) =>
      json(200, {
        current_user_url: `${urls.api}/user`,
        current_user_authorizations_html_url: `${urls.web}/settings/connections/applications{/client_id}`,
        emails_url: `${urls.api}/user/emails`,
        organization_url: `${urls.api}/orgs/{org}`,
        organization_teams_url: `${urls.api}/orgs/{org}/teams`,
        user_organizations_url: `${urls.api}/user/orgs`,
        user_url: `${urls.api}/users/{user}`,
        rate_limit_url: `${urls.api}/rate_limit`,
        repository_url: `${urls.api}/repos/{owner}/{repo}`,
      }),
    ),
  );

  router.add(
    "GET",
    "/meta",
    anyone(() =>
      json(200, {
        verifiable_password_authentication: false,
        // GitHub Enterprise Server reports its version here; the sandbox says what it is instead.
        installed_version: "flightdeck-sandbox",
        hooks: ["127.0.0.1/32"],
        web: ["127.0.0.1/32"],
        api: ["127.0.0.1/32"],
        git: [],
      }),
    ),
  );

  router.add("GET", "/rate_limit", {
    auth: "optional",
    free: true,
    handle(ctx) {
      const core = ctx.bucket();
      return json(200, { resources: { core, search: { limit: 30, remaining: 30, reset: core.reset, used: 0 } }, rate: core });
    },
  });
}
