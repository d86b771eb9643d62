import "server-only";
import { recordEvent } from "@/lib/audit/record";
import { currentRequestMeta } from "@/lib/audit/request-meta";
import { getConfig } from "@/lib/config";
import { seal } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { getOrgMembership } from "@/lib/github/org-membership";
import { log } from "@/lib/log";

export const USER_TOKEN_PURPOSE = "github-user-token";

export type SignInDecision =
  | { allowed: true; userId: string }
  | { allowed: false; reason: "not_member" | "upstream_error"; org: string };

/**
 * Decides whether a person who authenticated with GitHub may use Flightdeck: only active members
 * of the configured org may. On success their profile, org teams and (encrypted) OAuth token are
 * stored; roles are derived from those teams on every request.
 */
export async function recordSignIn(options: {
  githubId: number;
  login: string;
  name: string | null;
  avatarUrl: string | null;
  accessToken: string;
}): Promise<SignInDecision> {
  const { org } = getConfig().github;
  const request = await currentRequestMeta();
  // Refusals are audited too (no user row exists for them: the actor is the GitHub login).
  const refuse = async (reason: "not_member" | "upstream_error"): Promise<SignInDecision> => {
    try {
      await recordEvent({
        actor: { type: "user", id: null, login: options.login },
        action: "auth.signed_in",
        outcome: reason === "not_member" ? "denied" : "failed",
        targetType: "user",
        target: options.login,
        request,
        payload: { githubId: options.githubId, org, reason },
      });
    } catch (error) {
      log.error("audit.write_failed", { action: "auth.signed_in", login: options.login, error });
    }
    return { allowed: false, reason, org };
  };
  let membership;
  try {
    membership = await getOrgMembership({ userToken: options.accessToken, org });
  } catch (error) {
    log.error("auth.membership_lookup_failed", { login: options.login, error });
    return refuse("upstream_error");
  }
  if (!membership.member) {
    log.warn("auth.sign_in_refused", { login: options.login, org, reason: "not_member" });
    return refuse("not_member");
  }
  const githubTokenEnc = seal(options.accessToken, serverEnv().NEXTAUTH_SECRET, USER_TOKEN_PURPOSE);
  const profile = { login: options.login, name: options.name, avatarUrl: options.avatarUrl, teams: membership.teams, githubTokenEnc };
  const user = await db().user.upsert({
    where: { githubId: BigInt(options.githubId) },
    create: { githubId: BigInt(options.githubId), ...profile },
    update: { ...profile, lastSignInAt: new Date() },
    select: { id: true },
  });
  // The trail must show every sign-in: one that cannot be recorded does not happen.
  try {
    await recordEvent({
      actor: { type: "user", id: user.id, login: options.login },
      action: "auth.signed_in",
      outcome: "succeeded",
      targetType: "user",
      target: options.login,
      request,
      payload: { githubId: options.githubId, org, teams: membership.teams },
    });
  } catch (error) {
    log.error("audit.write_failed", { action: "auth.signed_in", login: options.login, error });
    return { allowed: false, reason: "upstream_error", org };
  }
  log.info("auth.signed_in", { login: options.login, teams: membership.teams });
  return { allowed: true, userId: user.id };
}
