import { permissionsOf, type Permission, type Role } from "./roles";

/** What a check needs to know about the person acting. */
export interface Actor {
  login: string;
  roles: readonly Role[];
}

/** Verbs whose permission depends on whether the target environment is protected. */
export type EnvironmentVerb = "deploy" | "flag.edit";

export function hasPermission(actor: Actor | null | undefined, permission: Permission): boolean {
  if (!actor) return false;
  return permissionsOf(actor.roles).has(permission);
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
