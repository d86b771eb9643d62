import "server-only";
import { createOctokit, isNotFound } from "./client";
import { gitHubFailure } from "./errors";

/**
 * Who a role can be granted to, asked of GitHub with the granting admin's own token (scope
 * read:org): an active member of the org by login, or a team of the org by slug. Answers the
 * canonical (lower-case) name, or null when GitHub says there is no such member or team.
 */
export async function findOrgSubject(options: { token: string; org: string; type: "user" | "team"; name: string }): Promise<string | null> {
  const octokit = createOctokit(options.token);
  try {
    if (options.type === "team") {
      const { data } = await octokit.rest.teams.getByName({ org: options.org, team_slug: options.name });
      return data.slug.toLowerCase();
    }
    // 204 when they are a member; 404 when not (or when there is no such user).
    await octokit.rest.orgs.checkMembershipForUser({ org: options.org, username: options.name });
    return options.name.toLowerCase();
  } catch (error) {
    if (isNotFound(error)) return null;
    throw gitHubFailure(error, options.type === "team" ? `the team ${options.name}` : `whether ${options.name} is a member of ${options.org}`);
  }
}
