import "server-only";
import { createOctokit, isNotFound } from "./client";

export interface OrgMembership {
  member: boolean;
  /** Team slugs of the user within the org. */
  teams: string[];
}

/**
 * Asks GitHub, with the user's own OAuth token (scope read:org), whether they are an active member
 * of the org and which of its teams they belong to.
 */
export async function getOrgMembership(options: { userToken: string; org: string }): Promise<OrgMembership> {
  const octokit = createOctokit(options.userToken);
  const org = options.org.toLowerCase();
  try {
    const { data } = await octokit.rest.orgs.getMembershipForAuthenticatedUser({ org: options.org });
    if (data.state !== "active") return { member: false, teams: [] };
  } catch (error) {
    if (isNotFound(error)) return { member: false, teams: [] };
    throw error;
  }
  const teams = await octokit.paginate(octokit.rest.teams.listForAuthenticatedUser, { per_page: 100 });
  return {
    member: true,
    teams: teams.filter((team) => team.organization.login.toLowerCase() === org).map((team) => team.slug),
  };
}
