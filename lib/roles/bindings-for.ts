import "server-only";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { rolesFromBindings, rolesFromTeams, type EnvironmentRole } from "@/lib/authz/policy";
import { normalizeRoles, type Role } from "@/lib/authz/roles";

/**
 * A person's roles right now: every member is a viewer; the config maps their GitHub teams (as stored
 * at sign-in) to roles; Flightdeck's bindings add roles granted to their login or to one of those
 * teams, everywhere or in one environment. Read on every request, so a grant or a revoke applies to
 * the person's next request without signing out.
 */
export async function rolesForPerson(person: { login: string; teams: readonly string[] }): Promise<{ roles: Role[]; environmentRoles: EnvironmentRole[] }> {
  const teams = [...new Set(person.teams.map((team) => team.toLowerCase()))];
  const rows = await db().roleBinding.findMany({
    where: {
      OR: [
        { subjectType: "user", subject: person.login.toLowerCase() },
        ...(teams.length ? [{ subjectType: "team", subject: { in: teams } }] : []),
      ],
    },
    select: { role: true, application: true, environment: true },
  });
  const bound = rolesFromBindings(rows);
  return {
    roles: normalizeRoles([...rolesFromTeams(person.teams, getConfig().teamRoles), ...bound.roles]),
    environmentRoles: bound.environmentRoles,
  };
}
