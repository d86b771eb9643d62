import { describe, expect, it } from "vitest";
import { hasPermission, permissionFor, rolesFromBindings, rolesFromTeams, rolesIn, violatesFourEyes, type Actor } from "./policy";
import { ENVIRONMENT_PERMISSIONS, normalizeRoles, PERMISSIONS, ROLE_PERMISSIONS, ROLES } from "./roles";

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

describe("environment-scoped roles", () => {
  // dana: deployer everywhere (her team), release manager only in wumbo/staging (a binding).
  const dana: Actor = { login: "dana", roles: ["viewer", "deployer"], environmentRoles: [{ role: "release_manager", application: "wumbo", environment: "staging" }] };
  const wumboStaging = { application: "wumbo", environment: "staging" };

  it("grant their permissions in that environment only", () => {
    for (const permission of ["release.review", "env.unlock", "env.lock", "deploy.protected", "service.rollback"] as const) {
      expect(hasPermission(dana, permission, wumboStaging), `${permission} in wumbo/staging`).toBe(true);
      expect(hasPermission(dana, permission, { application: "wumbo", environment: "production" }), `${permission} in wumbo/production`).toBe(false);
      expect(hasPermission(dana, permission, { application: "dreamcatchr", environment: "staging" }), `${permission} in dreamcatchr/staging`).toBe(false);
    }
  });

  it("count for nothing when the check names no environment, or only the application", () => {
    expect(hasPermission(dana, "env.unlock")).toBe(false);
    expect(hasPermission(dana, "env.unlock", { application: "wumbo" })).toBe(false);
    expect(hasPermission(dana, "env.unlock", { environment: "staging" })).toBe(false);
    expect(hasPermission(dana, "env.unlock", { application: null, environment: null })).toBe(false);
  });

  it("never carry global permissions (roles, API keys, request metadata), even as admin", () => {
    const scopedAdmin: Actor = { login: "x", roles: ["viewer"], environmentRoles: [{ role: "admin", application: "wumbo", environment: "staging" }] };
    for (const permission of ["roles.manage", "tokens.manage", "audit.request_meta"] as const) {
      expect(ENVIRONMENT_PERMISSIONS.has(permission)).toBe(false);
      expect(hasPermission(scopedAdmin, permission, wumboStaging)).toBe(false);
    }
  });

  it("leave global roles working everywhere", () => {
    expect(hasPermission(dana, "deploy.unprotected", { application: "beacon", environment: "development" })).toBe(true);
    expect(hasPermission(dana, "deploy.unprotected")).toBe(true);
  });

  it("show up in the roles of that environment, after the global ones", () => {
    expect(rolesIn(dana, wumboStaging)).toEqual(["viewer", "deployer", "release_manager"]);
    expect(rolesIn(dana, { application: "wumbo", environment: "production" })).toEqual(["viewer", "deployer"]);
    expect(rolesIn(dana)).toEqual(["viewer", "deployer"]);
  });

  it("come from bindings that name both application and environment; unknown roles and half scopes grant nothing", () => {
    const everywhere = { application: null, environment: null };
    expect(
      rolesFromBindings([
        { role: "oncall", ...everywhere },
        { role: "release_manager", application: "wumbo", environment: "staging" },
        { role: "release_manager", application: "wumbo", environment: "staging" },
        { role: "superuser", ...everywhere },
        { role: "superuser", application: "wumbo", environment: "staging" },
        { role: "admin", application: "wumbo", environment: null },
      ]),
    ).toEqual({ roles: ["oncall"], environmentRoles: [{ role: "release_manager", application: "wumbo", environment: "staging" }] });
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
