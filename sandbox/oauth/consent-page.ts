import type { DemoUser } from "../demo/org";
import type { Reply } from "../http/reply";
import { escapeHtml, page } from "../web/html";

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  state?: string;
  scope?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
}

/**
 * Stands in for GitHub's sign-in and consent screens: one button per demo person. It is a plain
 * form (no script): the pressed button's name/value says who signs in, the hidden fields carry the
 * authorization request through, and the answer is a redirect back to the app, as on GitHub.
 */
export function consentPage(options: { request: AuthorizeRequest; orgName: string; users: DemoUser[]; error?: string }): Reply {
  const { request, orgName, users, error } = options;
  const hidden = Object.entries({
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    state: request.state,
    scope: request.scope,
    code_challenge: request.codeChallenge,
    code_challenge_method: request.codeChallengeMethod,
  })
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join("\n");
  const scopes = request.scope?.trim() ? request.scope.split(/[\s,]+/).filter(Boolean).join(", ") : "public information only";
  const people = users
    .map((user) => {
      const outsider = user.orgRole === null;
      return `<li><button type="submit" name="login" value="${escapeHtml(user.login)}" class="person${outsider ? " outsider" : ""}">
<img src="/avatars/${encodeURIComponent(user.login)}.svg" alt="" width="40" height="40">
<span><span class="login">${escapeHtml(user.login)}</span> <span class="name">${escapeHtml(user.name)}</span>${outsider ? ' <span class="tag">outsider</span>' : ""}
<span class="hint">${escapeHtml(user.hint)}</span></span>
</button></li>`;
    })
    .join("\n");

  const body = `<h1>Sign in to ${escapeHtml(orgName)} sandbox</h1>
<p>This page stands in for GitHub's sign-in and consent screen. Choose who you are;
<code>${escapeHtml(request.clientId)}</code> will be granted: ${escapeHtml(scopes)}.</p>
${error ? `<div class="error" role="alert">${escapeHtml(error)}</div>` : ""}
<form method="post" action="/login/oauth/authorize" class="card">
${hidden}
<ul aria-label="Demo people">
${people}
</ul>
<button type="submit" name="cancel" value="1" class="secondary">Cancel and return to the app</button>
</form>`;
  return page(200, `Sign in to ${orgName} sandbox`, body);
}

export function oauthErrorPage(status: number, title: string, detail: string): Reply {
  return page(status, title, `<h1>${escapeHtml(title)}</h1>\n<div class="error" role="alert">${escapeHtml(detail)}</div>`);
}
