import { DEMO_ORG, DEMO_TEAMS, DEMO_USERS, type DemoOrg, type DemoTeam, type DemoUser, type TeamRole } from "./demo/org";

/**
 * The people, org and teams the sandbox currently knows, with GitHub's case-insensitive lookups.
 * A fresh copy is made on every reset so later features may mutate it (add a team member, …).
 */
export interface Directory {
  org: DemoOrg;
  users: DemoUser[];
  teams: DemoTeam[];
}

export function seedDirectory(): Directory {
  return structuredClone({ org: DEMO_ORG, users: [...DEMO_USERS], teams: [...DEMO_TEAMS] });
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function findUser(dir: Directory, login: string): DemoUser | undefined {
  return dir.users.find((user) => same(user.login, login));
}

/** The org by login — the sandbox holds one, but lookups take a name so a second slots in. */
export function findOrg(dir: Directory, login: string): DemoOrg | undefined {
  return same(dir.org.login, login) ? dir.org : undefined;
}

export function isOrgMember(dir: Directory, org: DemoOrg, login: string): boolean {
  return same(org.login, dir.org.login) && findUser(dir, login)?.orgRole != null;
}

export function orgMembers(dir: Directory, org: DemoOrg): DemoUser[] {
  return same(org.login, dir.org.login) ? dir.users.filter((user) => user.orgRole != null) : [];
}

export function orgsOf(dir: Directory, login: string): DemoOrg[] {
  return isOrgMember(dir, dir.org, login) ? [dir.org] : [];
}

export function findTeam(dir: Directory, org: DemoOrg, slug: string): DemoTeam | undefined {
  return same(org.login, dir.org.login) ? dir.teams.find((team) => same(team.slug, slug)) : undefined;
}

export function findTeamById(dir: Directory, orgId: number, teamId: number): DemoTeam | undefined {
  return orgId === dir.org.id ? dir.teams.find((team) => team.id === teamId) : undefined;
}

export function teamRoleOf(team: DemoTeam, login: string): TeamRole | undefined {
  return team.members.find((member) => same(member.login, login))?.role;
}

/** Teams of a person across orgs, each with its org (as GET /user/teams returns them). */
export function teamsOf(dir: Directory, login: string): { team: DemoTeam; org: DemoOrg }[] {
  return dir.teams.filter((team) => teamRoleOf(team, login) !== undefined).map((team) => ({ team, org: dir.org }));
}

export function teamMembers(dir: Directory, team: DemoTeam): { user: DemoUser; role: TeamRole }[] {
  return team.members.flatMap(({ login, role }) => {
    const user = findUser(dir, login);
    return user ? [{ user, role }] : [];
  });
}
