import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/lib/db";
import { hasPermission, type EnvironmentRole, type PermissionScope } from "@/lib/authz/policy";
import type { Permission, Role } from "@/lib/authz/roles";
import { ForbiddenError } from "@/lib/errors";
import { rolesForPerson } from "@/lib/roles/bindings-for";
import { authOptions } from "./options";

export interface CurrentUser {
  id: string;
  githubId: string;
  login: string;
  name: string | null;
  avatarUrl: string | null;
  teams: string[];
  /** Roles that hold everywhere. */
  roles: Role[];
  /** Roles limited to one environment by a Flightdeck binding (absent: none). */
  environmentRoles?: EnvironmentRole[];
}

export { ForbiddenError };

/**
 * The signed-in person with roles from their GitHub teams (as of sign-in) plus the role bindings
 * stored in Flightdeck (to their login or one of their teams, everywhere or in one environment), read
 * fresh for every request so a grant or a revoke takes effect at once.
 * Null when signed out or when the session names someone Flightdeck no longer knows (fail closed).
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions());
  const githubId = (session as { githubId?: string } | null)?.githubId;
  if (!githubId || !/^\d+$/.test(githubId)) return null;
  const user = await db().user.findUnique({
    where: { githubId: BigInt(githubId) },
    select: { id: true, login: true, name: true, avatarUrl: true, teams: true },
  });
  if (!user) return null;
  return { ...user, githubId, ...(await rolesForPerson(user)) };
});

/** For pages: the current user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireUser(returnTo = "/"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/**
 * For pages: renders the 403 page (app/(dashboard)/forbidden.tsx) unless the user holds the permission
 * (there, when `where` names an environment). Mutations are refused by the command pipeline instead.
 */
export function assertPermission(user: CurrentUser, permission: Permission, where?: PermissionScope): void {
  if (!hasPermission(user, permission, where)) forbidden();
}
