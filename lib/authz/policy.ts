import { ENVIRONMENT_PERMISSIONS, normalizeRoles, permissionsOf, ROLE_PERMISSIONS, type Permission, type Role } from "./roles";

/** A role that holds in one environment only (a Flightdeck binding limited to application/environment). */
export interface EnvironmentRole {
  role: Role;
  application: string;
  environment: string;
}

/** What a check needs to know about the person acting. */
export interface Actor {
  login: string;
  /** Roles that hold everywhere: from GitHub teams in the config and from unscoped bindings. */
  roles: readonly Role[];
  /** Roles bound to one environment; absent means none. */
  environmentRoles?: readonly EnvironmentRole[];
}

/** Where an action or a page acts. Environment roles count only when both are known. */
export interface PermissionScope {
  application?: string | null;
  environment?: string | null;
}

/** Verbs whose permission depends on whether the target environment is protected. */
export type EnvironmentVerb = "deploy" | "flag.edit";

/**
 * Whether the actor holds the permission where it is needed. Global roles hold everywhere; an
 * environment role adds its environment permissions only when `where` names that very environment,
 * so a check that passes no environment (roles.manage, a run of no known environment) never counts
 * them: fail closed.
 */
export function hasPermission(actor: Actor | null | undefined, permission: Permission, where?: PermissionScope): boolean {
  if (!actor) return false;
  if (permissionsOf(actor.roles).has(permission)) return true;
  if (!ENVIRONMENT_PERMISSIONS.has(permission)) return false;
  return environmentRolesIn(actor, where).some((role) => ROLE_PERMISSIONS[role]?.includes(permission));
}

/** The actor's roles in one environment (global ones included), in the usual order; global roles when `where` names none. */
export function rolesIn(actor: Actor, where?: PermissionScope): Role[] {
  return normalizeRoles([...actor.roles, ...environmentRolesIn(actor, where)]);
}

function environmentRolesIn(actor: Actor, where: PermissionScope | undefined): Role[] {
  if (!where?.application || !where.environment || !actor.environmentRoles) return [];
  return actor.environmentRoles.filter((bound) => bound.application === where.application && bound.environment === where.environment).map((bound) => bound.role);
}

/**
 * Roles from Flightdeck's bindings (already narrowed to the person: their login and their teams):
 * unscoped ones join the global roles, scoped ones become environment roles. Unknown role names are
 * dropped (fail closed).
 */
export function rolesFromBindings(bindings: readonly { role: string; application: string | null; environment: string | null }[]): {
  roles: Role[];
  environmentRoles: EnvironmentRole[];
} {
  // A half-scoped row cannot exist (a CHECK refuses it); were it there, it would grant nothing.
  const roles = normalizeRoles(bindings.filter((binding) => binding.application === null && binding.environment === null).map((binding) => binding.role));
  const environmentRoles: EnvironmentRole[] = [];
  for (const binding of bindings) {
    const [role] = normalizeRoles([binding.role]);
    if (!role || binding.application === null || binding.environment === null) continue;
    if (environmentRoles.some((seen) => seen.role === role && seen.application === binding.application && seen.environment === binding.environment)) continue;
    environmentRoles.push({ role, application: binding.application, environment: binding.environment });
  }
  return { roles, environmentRoles };
}

export function permissionFor(verb: EnvironmentVerb, environment: { protected: boolean }): Permission {
  const level = environment.protected ? "protected" : "unprotected";
  return verb === "deploy" ? `deploy.${level}` : `flag.edit.${level}`;
}

/** Four-eyes: the person who started a release may not approve it when the environment says so. */
export function violatesFourEyes(options: {
  reviewer: string;
  initiators: readonly string[];
  preventSelfReview: boolean;
}): boolean {
  if (!options.preventSelfReview) return false;
  const reviewer = options.reviewer.toLowerCase();
  return options.initiators.some((login) => login.toLowerCase() === reviewer);
}

/**
 * Roles from GitHub team membership: every org member is a viewer; each configured team adds its
 * roles. Team slugs compare case-insensitively, as GitHub's do.
 */
export function rolesFromTeams(teamSlugs: readonly string[], teamRoles: Readonly<Record<string, readonly Role[]>>): Role[] {
  const mine = new Set(teamSlugs.map((slug) => slug.toLowerCase()));
  const granted: Role[] = ["viewer"];
  for (const [team, roles] of Object.entries(teamRoles)) {
    if (mine.has(team.toLowerCase())) granted.push(...roles);
  }
  return granted;
}
