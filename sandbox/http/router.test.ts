import { describe, expect, it } from "vitest";
import { createRouter } from "./router";

const router = createRouter<string>()
  .add("GET", "/orgs/{org}/teams/{team_slug}", "team")
  .add("GET", "/user", "user")
  .add("POST", "/user", "user-post");

describe("router", () => {
  it("extracts decoded path parameters", () => {
    expect(router.match("GET", "/orgs/sky%20ward/teams/release-managers")).toEqual({
      kind: "found",
      method: "GET",
      pattern: "/orgs/{org}/teams/{team_slug}",
      params: { org: "sky ward", team_slug: "release-managers" },
      handler: "team",
    });
  });

  it("treats a trailing slash as the same resource and HEAD as GET", () => {
    expect(router.match("GET", "/user/")).toMatchObject({ kind: "found", handler: "user" });
    expect(router.match("HEAD", "/user")).toMatchObject({ kind: "found", handler: "user" });
  });

  it("tells an unsupported method from an unknown path", () => {
    expect(router.match("DELETE", "/user")).toEqual({ kind: "method-not-allowed", pattern: "/user", allowed: ["GET", "POST"] });
    expect(router.match("GET", "/orgs/skyward/teams")).toEqual({ kind: "not-found" });
    expect(router.match("GET", "/orgs//teams/x")).toEqual({ kind: "not-found" });
  });
});
