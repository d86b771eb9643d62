import type { Incoming } from "../http/mount";
import { json, type Reply } from "../http/reply";
import { basicCredentials, parseFields, readBody } from "../http/request";
import type { SandboxState } from "../state";
import { pkceMatches, safeEqual } from "./oauth-store";

const TOKEN_ERRORS_DOC = "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/";

/**
 * POST /login/oauth/access_token: exchanges a code for a token. Client credentials may come in the
 * body or as HTTP Basic (openid-client, used by next-auth 4, defaults to client_secret_basic).
 * Like GitHub, failures are HTTP 200 with an `error` field, and the format follows Accept.
 */
export async function accessToken(state: SandboxState, incoming: Incoming): Promise<Reply> {
  const { req } = incoming;
  const fields: Record<string, string> = {
    ...Object.fromEntries(incoming.url.searchParams),
    ...parseFields(await readBody(req), req.headers["content-type"]),
  };
  const wantsJson = (req.headers.accept ?? "").toLowerCase().includes("json");
  const answer = (values: Record<string, string>): Reply =>
    wantsJson
      ? json(200, values, noStore)
      : { status: 200, body: new URLSearchParams(values).toString(), headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8", ...noStore } };
  const fail = (error: string, description: string, anchor: string): Reply =>
    answer({ error, error_description: description, error_uri: `${TOKEN_ERRORS_DOC}#${anchor}` });

  const basic = basicCredentials(req.headers.authorization);
  const clientId = basic?.user ?? fields.client_id ?? "";
  const clientSecret = basic?.password ?? fields.client_secret ?? "";
  const { oauth } = state.options;
  if (clientId !== oauth.clientId || !safeEqual(clientSecret, oauth.clientSecret)) {
    return fail("incorrect_client_credentials", "The client_id and/or client_secret passed are incorrect.", "incorrect-client-credentials");
  }
  if (fields.grant_type !== undefined && fields.grant_type !== "authorization_code") {
    return fail("unsupported_grant_type", `The sandbox supports only the authorization_code grant, got "${fields.grant_type}".`, "unsupported-grant-type");
  }

  const grant = fields.code ? state.oauth.takeCode(fields.code) : undefined;
  if (!grant || grant.clientId !== clientId) {
    return fail("bad_verification_code", "The code passed is incorrect or expired.", "bad-verification-code");
  }
  if (fields.redirect_uri !== undefined && fields.redirect_uri !== grant.redirectUri) {
    return fail("redirect_uri_mismatch", "The redirect_uri MUST match the registered callback URL for this application.", "redirect-uri-mismatch2");
  }
  if (grant.pkce && !(fields.code_verifier && pkceMatches(grant.pkce, fields.code_verifier))) {
    return fail("bad_verification_code", "The code_verifier does not match the code_challenge sent to authorize.", "bad-verification-code");
  }

  const token = state.oauth.issueToken({ login: grant.login, scopes: grant.scopes, clientId });
  return answer({ access_token: token, token_type: "bearer", scope: grant.scopes.join(",") });
}

/** RFC 6749 §5.1: token responses must not be cached. */
const noStore = { "cache-control": "no-store", pragma: "no-cache" };
