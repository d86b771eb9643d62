import "server-only";
import { open } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { USER_TOKEN_PURPOSE } from "@/lib/auth/record-sign-in";
import { ForbiddenError } from "@/lib/errors";

/**
 * The person's own GitHub OAuth token, for actions GitHub must attribute to them (reviews of pending
 * deployments). Stored sealed at sign-in; a missing or unreadable token means "sign in again".
 */
export async function userGitHubToken(userId: string): Promise<string> {
  const row = await db().user.findUnique({ where: { id: userId }, select: { githubTokenEnc: true } });
  const token = row?.githubTokenEnc ? open(row.githubTokenEnc, serverEnv().NEXTAUTH_SECRET, USER_TOKEN_PURPOSE) : null;
  if (!token) throw new ForbiddenError("Flightdeck has no GitHub token of yours; sign out and sign in again.");
  return token;
}
