import { findUser } from "../directory";
import type { Incoming } from "../http/mount";
import { redirect, type Reply } from "../http/reply";
import { parseFields, readBody } from "../http/request";
import type { SandboxState } from "../state";
import { consentPage, oauthErrorPage, type AuthorizeRequest } from "./consent-page";
import { parseScopes, type PkceChallenge } from "./oauth-store";

const AUTH_ERRORS_DOC = "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors";

/**
 * GET/POST /login/oauth/authorize. GET shows the consent page (or, with `login=<user>`, signs that
 * person in at once — handy for scripts); POST is the consent page's own form.
 */
export async function authorize(state: SandboxState, incoming: Incoming): Promise<Reply> {
  const fields: Record<string, string> = Object.fromEntries(incoming.url.searchParams);
  if (incoming.method === "POST") Object.assign(fields, parseFields(await readBody(incoming.req), incoming.req.headers["content-type"]));
  const { oauth } = state.options;

  // GitHub shows a 404 page for an unknown client; there is nowhere safe to redirect to.
  if (fields.client_id !== oauth.clientId) {
    return oauthErrorPage(404, "Not Found", `No OAuth app with client_id "${fields.client_id ?? ""}" is registered in the sandbox (expected "${oauth.clientId}").`);
  }
  const redirectUri = fields.redirect_uri || oauth.callbackUrl;
  if (!redirectUri) {
    return oauthErrorPage(400, "Missing redirect_uri", "Pass redirect_uri: the sandbox's OAuth app has no registered callback URL (set SANDBOX_OAUTH_CALLBACK_URL to register one).");
  }
  if (!isHttpUrl(redirectUri)) return oauthErrorPage(400, "Invalid redirect_uri", `redirect_uri must be an http(s) URL, got "${redirectUri}".`);
  if (oauth.callbackUrl && !isUnder(redirectUri, oauth.callbackUrl)) {
    // As GitHub does: back to the registered callback with the error, never to the unregistered URI.
    return errorRedirect(oauth.callbackUrl, fields.state, "redirect_uri_mismatch", "The redirect_uri MUST match the registered callback URL for this application.", "#redirect-uri-mismatch");
  }
  const method = fields.code_challenge ? (fields.code_challenge_method ?? "plain") : undefined;
  if (method !== undefined && method !== "S256" && method !== "plain") {
    return oauthErrorPage(400, "Invalid code_challenge_method", `code_challenge_method must be S256 or plain, got "${method}".`);
  }

  const request: AuthorizeRequest = {
    clientId: oauth.clientId,
    redirectUri,
    state: fields.state,
    scope: fields.scope,
    codeChallenge: fields.code_challenge,
    codeChallengeMethod: fields.code_challenge_method,
  };
  if (incoming.method === "POST" && fields.cancel) {
    return errorRedirect(redirectUri, fields.state, "access_denied", "The user has denied your application access.", "#access-denied");
  }
  const showPage = (error?: string): Reply =>
    consentPage({ request, orgName: state.directory.org.name, users: state.directory.users, error });
  if (fields.login === undefined || fields.login === "") return showPage();

  const user = findUser(state.directory, fields.login);
  if (!user) return showPage(`There is no demo user "${fields.login}". Choose one of the people below.`);
  const pkce: PkceChallenge | undefined = method && fields.code_challenge ? { method, value: fields.code_challenge } : undefined;
  const code = state.oauth.issueCode({ clientId: oauth.clientId, redirectUri, login: user.login, scopes: parseScopes(fields.scope), pkce });
  const target = new URL(redirectUri);
  target.searchParams.set("code", code);
  if (fields.state !== undefined) target.searchParams.set("state", fields.state);
  return redirect(target.toString());
}

function errorRedirect(uri: string, state: string | undefined, error: string, description: string, anchor: string): Reply {
  const target = new URL(uri);
  target.searchParams.set("error", error);
  target.searchParams.set("error_description", description);
  target.searchParams.set("error_uri", `${AUTH_ERRORS_DOC}/${anchor}`);
  if (state !== undefined) target.searchParams.set("state", state);
  return redirect(target.toString());
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** GitHub's rule: same scheme, host and port as the registered callback, and a path at or below its path. */
function isUnder(candidate: string, registered: string): boolean {
  const a = new URL(candidate);
  const b = new URL(registered);
  const base = b.pathname.endsWith("/") ? b.pathname : `${b.pathname}/`;
  return a.origin === b.origin && (a.pathname === b.pathname || a.pathname.startsWith(base));
}
