// Roles and permissions are data: the policy below is the single place that says who may do what.
// Plain module (no server-only) so the config schema and unit tests can use it.

export const ROLES = ["viewer", "deployer", "release_manager", "oncall", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "dashboard.read",
  "deploy.unprotected",
  "deploy.protected",
  "run.cancel",
  "run.rerun",
  "release.review",
  "env.lock",
  "env.unlock",
  "service.rollback",
  "flag.edit.unprotected",
  "flag.edit.protected",
  "roles.manage",
  "tokens.manage",
  "audit.request_meta",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const DEPLOYER: Permission[] = ["dashboard.read", "deploy.unprotected", "run.cancel", "run.rerun", "flag.edit.unprotected"];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  viewer: ["dashboard.read"],
  deployer: DEPLOYER,
  release_manager: [...DEPLOYER, "deploy.protected", "release.review", "env.lock", "env.unlock", "flag.edit.protected", "service.rollback"],
  oncall: ["dashboard.read", "service.rollback", "env.lock"],
  admin: ["dashboard.read", "roles.manage", "tokens.manage", "audit.request_meta"],
};

/**
 * Permissions that make sense in one environment. A role bound to an environment grants only these,
 * and only for commands and pages that act on that environment; managing roles, API keys and reading
 * request metadata stay global whatever a binding says. Listed rather than derived from PERMISSIONS,
 * so a permission added later is global-only until someone decides otherwise (fail closed).
 */
export const ENVIRONMENT_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  "dashboard.read",
  "deploy.unprotected",
  "deploy.protected",
  "run.cancel",
  "run.rerun",
  "release.review",
  "env.lock",
  "env.unlock",
  "service.rollback",
  "flag.edit.unprotected",
  "flag.edit.protected",
]);

/** Roles an admin can grant in Flightdeck: every member is a viewer already. */
export const GRANTABLE_ROLES = ["deployer", "release_manager", "oncall", "admin"] as const satisfies readonly Role[];
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

/** Roles that may be limited to one environment (admin is about Flightdeck itself, not an environment). */
export const ENVIRONMENT_ROLES = ["deployer", "release_manager", "oncall"] as const satisfies readonly Role[];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  viewer: "Viewer",
  deployer: "Deployer",
  release_manager: "Release manager",
  oncall: "On-call",
  admin: "Admin",
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Roles listed in a stable, meaningful order without duplicates; unknown names are dropped (fail closed). */
export function normalizeRoles(roles: Iterable<string>): Role[] {
  const wanted = new Set(roles);
  return ROLES.filter((role) => wanted.has(role));
}

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role] ?? []));
}
