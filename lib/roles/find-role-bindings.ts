import "server-only";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { normalizeRoles, type Role } from "@/lib/authz/roles";
import { scopeLabel, type SubjectType } from "./model";

export interface RoleBindingView {
  id: string;
  subjectType: SubjectType;
  subject: string;
  role: string;
  application: string | null;
  environment: string | null;
  scope: string;
  grantedBy: string;
  createdAt: string;
}

export interface ConfigTeamRolesView {
  team: string;
  roles: Role[];
  /** People Flightdeck has seen in the team (as of their last sign-in). */
  members: string[];
}

export interface RolesPageData {
  org: string;
  fromConfig: ConfigTeamRolesView[];
  bindings: RoleBindingView[];
  /** For the grant form: teams and logins Flightdeck knows (suggestions only; any org member or team can be named). */
  knownTeams: string[];
  knownLogins: string[];
  environments: { application: string; name: string; environments: string[] }[];
}

/** Everything /admin/roles shows: the config's team mapping (read-only) and Flightdeck's bindings. */
export async function findRoleBindings(): Promise<RolesPageData> {
  const config = getConfig();
  const [rows, users] = await Promise.all([
    db().roleBinding.findMany({
      orderBy: [{ subjectType: "asc" }, { subject: "asc" }, { role: "asc" }, { application: "asc" }, { environment: "asc" }],
      select: { id: true, subjectType: true, subject: true, role: true, application: true, environment: true, grantedBy: true, createdAt: true },
    }),
    db().user.findMany({ orderBy: { login: "asc" }, select: { login: true, teams: true } }),
  ]);
  const membersOf = (team: string) => users.filter((user) => user.teams.some((slug) => slug.toLowerCase() === team.toLowerCase())).map((user) => user.login);
  return {
    org: config.github.org,
    fromConfig: Object.entries(config.teamRoles).map(([team, roles]) => ({ team, roles: normalizeRoles(roles), members: membersOf(team) })),
    bindings: rows.map((row) => ({ ...row, subjectType: row.subjectType === "team" ? "team" : "user", scope: scopeLabel(row), createdAt: row.createdAt.toISOString() })),
    knownTeams: [...new Set([...Object.keys(config.teamRoles), ...users.flatMap((user) => user.teams)].map((team) => team.toLowerCase()))].sort(),
    knownLogins: users.map((user) => user.login),
    environments: config.applications.map((app) => ({ application: app.slug, name: app.name, environments: app.environments.map((env) => env.name) })),
  };
}
