import { describe, expect, it } from "vitest";
import { hasPermission, permissionFor, rolesFromTeams, violatesFourEyes } from "./policy";
import { normalizeRoles, PERMISSIONS, ROLE_PERMISSIONS, ROLES } from "./roles";

const actor = (...roles: (typeof ROLES)[number][]) => ({ login: "someone", roles });

describe("role → permission map", () => {
  it("lets a viewer only read", () => {
    for (const permission of PERMISSIONS) {
      expect(hasPermission(actor("viewer"), permission)).toBe(permission === "dashboard.read");
    }
  });

  it("separates deploying to unprotected and protected environments", () => {
    const production = { protected: true };
    const staging = { protected: false };
    expect(hasPermission(actor("deployer"), permissionFor("deploy", staging))).toBe(true);
    expect(hasPermission(actor("deployer"), permissionFor("deploy", production))).toBe(false);
    expect(hasPermission(actor("release_manager"), permissionFor("deploy", production))).toBe(true);
    expect(hasPermission(actor("deployer"), permissionFor("flag.edit", production))).toBe(false);
    expect(hasPermission(actor("release_manager"), permissionFor("flag.edit", production))).toBe(true);
  });

  it("gives on-call rollback and lock but not unlock or deploy", () => {
    const oncall = actor("oncall");
    expect(hasPermission(oncall, "service.rollback")).toBe(true);
    expect(hasPermission(oncall, "env.lock")).toBe(true);
    expect(hasPermission(oncall, "env.unlock")).toBe(false);
    expect(hasPermission(oncall, "deploy.unprotected")).toBe(false);
  });

  it("gives admins role and token management, and only admins", () => {
    for (const role of ROLES) {
      expect(ROLE_PERMISSIONS[role].includes("roles.manage")).toBe(role === "admin");
    }
  });

  it("fails closed for no actor and for unknown roles", () => {
    expect(hasPermission(null, "dashboard.read")).toBe(false);
    expect(hasPermission(undefined, "dashboard.read")).toBe(false);
    expect(normalizeRoles(["superuser", "admin", "admin", "viewer"])).toEqual(["viewer", "admin"]);
  });
});

describe("rolesFromTeams", () => {
  const mapping = { platform: ["admin"], "release-managers": ["release_manager"], oncall: ["oncall"] } as const;

  it("makes every member a viewer and adds the roles of their teams", () => {
    expect(rolesFromTeams([], mapping)).toEqual(["viewer"]);
    expect(rolesFromTeams(["Release-Managers", "oncall", "unmapped"], mapping)).toEqual(["viewer", "release_manager", "oncall"]);
  });
});

describe("violatesFourEyes", () => {
  it("refuses the initiator as reviewer when the environment prevents self-review", () => {
    expect(violatesFourEyes({ reviewer: "Rita", initiators: ["rita"], preventSelfReview: true })).toBe(true);
    expect(violatesFourEyes({ reviewer: "ravi", initiators: ["rita"], preventSelfReview: true })).toBe(false);
    expect(violatesFourEyes({ reviewer: "rita", initiators: ["rita"], preventSelfReview: false })).toBe(false);
  });
});
