import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { control, octokit, signIn, startSandbox } from "../testing/sandbox-fixture";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await control(sandbox, "POST", "/reset");
});

/** The HTTP status of a call Octokit rejected (it rejects 304 and every 4xx/5xx). */
async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
  } catch (error) {
    // Octokit's RequestError carries the HTTP status; anything else is a real failure of the test.
    if (typeof error === "object" && error !== null && "status" in error && typeof error.status === "number") return error.status;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("the authenticated user", () => {
  it("returns the private user shape, with avatar and profile served by the sandbox", async () => {
    const { data, headers } = await octokit(sandbox, await signIn(sandbox, "ada")).rest.users.getAuthenticated();
    expect(data).toMatchObject({
      login: "ada",
      id: 5830101,
      node_id: Buffer.from("04:User5830101").toString("base64"),
      name: "Ada Okafor",
      email: "ada@skyward.example",
      type: "User",
      site_admin: false,
      html_url: `${sandbox.url}/ada`,
      avatar_url: `${sandbox.url}/avatars/ada.svg`,
      two_factor_authentication: true,
    });
    expect(headers["x-oauth-scopes"]).toBe("read:user, read:org");
    const avatar = await fetch(data.avatar_url);
    expect(avatar.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(await avatar.text()).toContain(">AO</text>");
    expect((await fetch(data.html_url)).status).toBe(200);
  });

  it("gives a null email for people who keep it private", async () => {
    const { data } = await octokit(sandbox, await signIn(sandbox, "rita")).rest.users.getAuthenticated();
    expect(data.email).toBeNull();
  });

  it("401s without a token ('Requires authentication') and with an unknown one ('Bad credentials')", async () => {
    const anonymous = await fetch(`${sandbox.url}/api/v3/user`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ message: "Requires authentication", documentation_url: "https://docs.github.com/rest", status: "401" });
    const forged = await fetch(`${sandbox.url}/api/v3/users/ada`, { headers: { authorization: "Bearer gho_forged" } });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ message: "Bad credentials" });
  });

  it("answers public profiles anonymously, and 404s for nobody", async () => {
    const gh = octokit(sandbox);
    expect((await gh.rest.users.getByUsername({ username: "VERA" })).data).toMatchObject({ login: "vera", email: null, type: "User" });
    expect((await gh.rest.users.getByUsername({ username: "skyward" })).data).toMatchObject({ login: "skyward", type: "Organization" });
    expect(await statusOf(gh.rest.users.getByUsername({ username: "nobody" }))).toBe(404);
  });
});

describe("org membership", () => {
  it("reports an admin, a member, and 404 for an outsider", async () => {
    const membership = async (login: string) =>
      (await octokit(sandbox, await signIn(sandbox, login)).rest.orgs.getMembershipForAuthenticatedUser({ org: "skyward" })).data;
    expect(await membership("ada")).toMatchObject({
      state: "active",
      role: "admin",
      url: `${sandbox.url}/api/v3/orgs/skyward/memberships/ada`,
      organization_url: `${sandbox.url}/api/v3/orgs/skyward`,
      organization: { login: "skyward", id: 91400217 },
      user: { login: "ada" },
    });
    expect(await membership("vera")).toMatchObject({ state: "active", role: "member" });
    const mallory = octokit(sandbox, await signIn(sandbox, "mallory"));
    expect(await statusOf(mallory.rest.orgs.getMembershipForAuthenticatedUser({ org: "skyward" }))).toBe(404);
    expect((await mallory.rest.orgs.listForAuthenticatedUser()).data).toEqual([]);
  });

  it("checks membership: 204 or 404 for members asking, via the public list for outsiders", async () => {
    const dana = octokit(sandbox, await signIn(sandbox, "dana"));
    expect((await dana.rest.orgs.checkMembershipForUser({ org: "skyward", username: "oscar" })).status).toBe(204);
    expect(await statusOf(dana.rest.orgs.checkMembershipForUser({ org: "skyward", username: "mallory" }))).toBe(404);
    const raw = await fetch(`${sandbox.url}/api/v3/orgs/skyward/members/oscar`, { redirect: "manual" });
    expect(raw.status).toBe(302);
    expect(raw.headers.get("location")).toBe(`${sandbox.url}/api/v3/orgs/skyward/public_members/oscar`);
    expect((await octokit(sandbox).rest.orgs.checkMembershipForUser({ org: "skyward", username: "oscar" })).status).toBe(204);
  });

  it("shows the org, with owner-only fields for the admin alone", async () => {
    const asAdmin = (await octokit(sandbox, await signIn(sandbox, "ada")).rest.orgs.get({ org: "skyward" })).data;
    const asMember = (await octokit(sandbox, await signIn(sandbox, "dana")).rest.orgs.get({ org: "skyward" })).data;
    expect(asAdmin).toMatchObject({ login: "skyward", name: "Skyward Labs", type: "Organization", two_factor_requirement_enabled: true });
    expect(asMember).toMatchObject({ login: "skyward", name: "Skyward Labs" });
    expect(asMember).not.toHaveProperty("billing_email");
  });
});

describe("teams", () => {
  it("lists the viewer's teams with their organization, as the app reads them at sign-in", async () => {
    const gh = octokit(sandbox, await signIn(sandbox, "oscar"));
    const teams = await gh.paginate(gh.rest.teams.listForAuthenticatedUser, { per_page: 100 });
    expect(teams.map((team) => [team.slug, team.organization.login])).toEqual([
      ["engineers", "skyward"],
      ["oncall", "skyward"],
    ]);
    expect(teams[0]).toMatchObject({ privacy: "closed", permission: "pull", parent: null, members_count: 2, html_url: `${sandbox.url}/orgs/skyward/teams/engineers` });
    const vera = octokit(sandbox, await signIn(sandbox, "vera"));
    expect((await vera.rest.teams.listForAuthenticatedUser()).data).toEqual([]);
  });

  it("lists, gets and checks team members for org members only", async () => {
    const gh = octokit(sandbox, await signIn(sandbox, "vera"));
    expect((await gh.rest.teams.list({ org: "skyward" })).data.map((team) => team.slug)).toEqual(["platform", "release-managers", "engineers", "oncall"]);
    const team = (await gh.rest.teams.getByName({ org: "skyward", team_slug: "release-managers" })).data;
    expect(team).toMatchObject({ name: "Release managers", members_count: 2, organization: { login: "skyward" } });
    const members = (await gh.rest.teams.listMembersInOrg({ org: "skyward", team_slug: "release-managers" })).data;
    expect(members.map((member) => member.login)).toEqual(["rita", "ravi"]);
    expect((await gh.rest.teams.getMembershipForUserInOrg({ org: "skyward", team_slug: "release-managers", username: "rita" })).data).toEqual({
      url: `${sandbox.url}/api/v3/organizations/91400217/team/7310002/memberships/rita`,
      role: "maintainer",
      state: "active",
    });
    expect(await statusOf(gh.rest.teams.getMembershipForUserInOrg({ org: "skyward", team_slug: "release-managers", username: "dana" }))).toBe(404);
    // The url inside a team object leads to the same team.
    expect((await gh.request(`GET ${team.url}`)).data).toMatchObject({ slug: "release-managers" });

    const mallory = octokit(sandbox, await signIn(sandbox, "mallory"));
    expect(await statusOf(mallory.rest.teams.list({ org: "skyward" }))).toBe(404);
    expect(await statusOf(mallory.rest.teams.getByName({ org: "skyward", team_slug: "platform" }))).toBe(404);
  });
});

describe("GitHub conventions", () => {
  it("paginates with absolute Link headers on the public URL, which Octokit follows", async () => {
    const gh = octokit(sandbox, await signIn(sandbox, "ada"));
    const first = await gh.rest.orgs.listMembers({ org: "skyward", per_page: 4 });
    expect(first.data.map((member) => member.login)).toEqual(["ada", "rita", "ravi", "dana"]);
    const api = `${sandbox.url}/api/v3/orgs/skyward/members`;
    expect(first.headers.link).toBe(`<${api}?per_page=4&page=2>; rel="next", <${api}?per_page=4&page=2>; rel="last"`);
    const all = await gh.paginate(gh.rest.orgs.listMembers, { org: "skyward", per_page: 2 });
    expect(all.map((member) => member.login)).toEqual(["ada", "rita", "ravi", "dana", "oscar", "vera"]);
  });

  it("sends GitHub's headers with a unique request id", async () => {
    const gh = octokit(sandbox, await signIn(sandbox, "ada"));
    const [a, b] = await Promise.all([gh.rest.users.getAuthenticated(), gh.rest.users.getAuthenticated()]);
    expect(a.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(a.headers["x-github-media-type"]).toBe("github.v3; format=json");
    expect(a.headers["x-ratelimit-limit"]).toBe("5000");
    expect(a.headers["x-ratelimit-resource"]).toBe("core");
    expect(a.headers.etag).toMatch(/^W\/"[0-9a-f]{64}"$/);
    expect(a.headers["x-github-request-id"]).not.toBe(b.headers["x-github-request-id"]);
  });

  it("answers a matching If-None-Match with 304, no body, and without using up the rate limit", async () => {
    const token = await signIn(sandbox, "dana");
    const first = await fetch(`${sandbox.url}/api/v3/user/teams`, { headers: { authorization: `token ${token}` } });
    const etag = first.headers.get("etag") ?? "";
    const remaining = first.headers.get("x-ratelimit-remaining");
    const again = await fetch(`${sandbox.url}/api/v3/user/teams`, { headers: { authorization: `token ${token}`, "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("x-ratelimit-remaining")).toBe(remaining);
    // Octokit surfaces the 304 as an error carrying the status, which callers use to keep their cached copy.
    expect(await statusOf(octokit(sandbox, token).rest.teams.listForAuthenticatedUser({ headers: { "if-none-match": etag } }))).toBe(304);
    const stale = await fetch(`${sandbox.url}/api/v3/user/teams`, { headers: { authorization: `token ${token}`, "if-none-match": 'W/"stale"' } });
    expect(stale.status).toBe(200);
    expect(Number(stale.headers.get("x-ratelimit-remaining"))).toBe(Number(remaining) - 1);
  });

  it("counts every token of one person against the same 5,000 and refuses when it is spent, until the window resets", async () => {
    const [one, two] = [octokit(sandbox, await signIn(sandbox, "ravi")), octokit(sandbox, await signIn(sandbox, "ravi"))];
    expect((await one.rest.users.getAuthenticated()).headers["x-ratelimit-remaining"]).toBe("4999");
    expect((await two.rest.users.getAuthenticated()).headers["x-ratelimit-remaining"]).toBe("4998");

    await control(sandbox, "PUT", "/rate-limit", { login: "ravi", remaining: 0 });
    const refused = await fetch(`${sandbox.url}/api/v3/user`, { headers: { authorization: `token ${await signIn(sandbox, "ravi")}` } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(await refused.json()).toMatchObject({ message: "API rate limit exceeded for user ID 5830103." });
    // GET /rate_limit stays available and is free.
    expect((await one.rest.rateLimit.get()).data.resources.core).toMatchObject({ limit: 5000, remaining: 0 });

    const reset = Number(refused.headers.get("x-ratelimit-reset"));
    const { epochMs } = await control<{ epochMs: number }>(sandbox, "GET", "/clock");
    await control(sandbox, "POST", "/clock/advance", { ms: reset * 1000 - epochMs });
    expect((await one.rest.users.getAuthenticated()).headers["x-ratelimit-remaining"]).toBe("4999");
  });

  it("answers unknown endpoints with GitHub's 404 body", async () => {
    const response = await fetch(`${sandbox.url}/api/v3/definitely/not/here`, { headers: { authorization: `token ${await signIn(sandbox, "ada")}` } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" });
    const wrongMethod = await fetch(`${sandbox.url}/api/v3/user`, { method: "DELETE", headers: { authorization: `token ${await signIn(sandbox, "ada")}` } });
    expect(wrongMethod.status).toBe(404);
  });

  it("answers invalid list filters with 422 and an errors array", async () => {
    const response = await fetch(`${sandbox.url}/api/v3/orgs/skyward/members?role=owner`, { headers: { authorization: `token ${await signIn(sandbox, "ada")}` } });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ message: "Validation Failed", errors: [{ resource: "Organization", field: "role", code: "invalid" }] });
  });
});
