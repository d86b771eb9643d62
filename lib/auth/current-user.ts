import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { hasPermission, rolesFromTeams } from "@/lib/authz/policy";
import { normalizeRoles, type Permission, type Role } from "@/lib/authz/roles";
import { ForbiddenError } from "@/lib/errors";
import { authOptions } from "./options";

export interface CurrentUser {
  id: string;
  githubId: string;
  login: string;
  name: string | null;
  avatarUrl: string | null;
  teams: string[];
  roles: Role[];
}

export { ForbiddenError };

/**
 * The signed-in person with roles from their GitHub teams (as of sign-in) plus the role bindings
 * stored in Flightdeck, read fresh for every request so a revoked binding takes effect at once.
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
  const bindings = await db().roleBinding.findMany({ where: { login: user.login }, select: { role: true } });
  const roles = normalizeRoles([
    ...rolesFromTeams(user.teams, getConfig().teamRoles),
    ...bindings.map((binding) => binding.role),
  ]);
  return { ...user, githubId, roles };
});

/** For pages: the current user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireUser(returnTo = "/"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** For pages and actions: throws ForbiddenError unless the user holds the permission. */
export function assertPermission(user: CurrentUser, permission: Permission): void {
  if (!hasPermission(user, permission)) {
    throw new ForbiddenError(`You need the "${permission}" permission for this.`);
  }
}
