import { createHash } from "node:crypto";
import { Issuer, generators } from "openid-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { authorizeCode, CLIENT_ID, CLIENT_SECRET, control, exchangeCode, REDIRECT_URI, startSandbox } from "../testing/sandbox-fixture";

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

const authorizeUrl = (params: Record<string, string>): string =>
  `${sandbox.url}/login/oauth/authorize?${new URLSearchParams({ client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, state: "st4te", scope: "read:user read:org", ...params })}`;

describe("authorize page", () => {
  it("offers every demo person as a button named by login first, marks the outsider, and carries the request through", async () => {
    const response = await fetch(authorizeUrl({ state: `"><script>alert(1)</script>` }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toMatch(/default-src 'none'.*style-src 'sha256-/);
    const page = await response.text();
    expect(page).toContain("<h1>Sign in to Skyward Labs sandbox</h1>");
    const buttons = [...page.matchAll(/<button type="submit" name="login" value="([^"]+)"[^>]*>\s*<img[^>]*alt=""[^>]*>\s*<span><span class="login">([^<]+)</g)].map((m) => [m[1], m[2]]);
    expect(buttons).toEqual(["ada", "rita", "ravi", "dana", "oscar", "vera", "mallory"].map((login) => [login, login]));
    expect(page).toMatch(/value="mallory" class="person outsider"[\s\S]*?<span class="tag">outsider<\/span>/);
    expect(page).toContain(`<input type="hidden" name="state" value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">`);
    expect(page).toContain(`<input type="hidden" name="redirect_uri" value="${REDIRECT_URI}">`);
    expect(page).not.toMatch(/<script/);
  });

  it("allows its stylesheet by hash and serves every image it references, so a browser logs no errors", async () => {
    const response = await fetch(authorizeUrl({}));
    const page = await response.text();
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? "";
    const hash = createHash("sha256").update(style).digest("base64");
    expect(response.headers.get("content-security-policy")).toContain(`style-src 'sha256-${hash}'`);
    const images = [...page.matchAll(/(?:src|href)="(\/[^"]+\.svg)"/g)].map((m) => m[1] ?? "");
    expect(images).toContain("/favicon.svg");
    expect(images).toContain("/avatars/mallory.svg");
    const statuses = await Promise.all(images.map(async (path) => (await fetch(`${sandbox.url}${path}`)).status));
    expect(statuses.every((status) => status === 200)).toBe(true);
  });

  it("signs the chosen person in from the page's own form and redirects back with code and state", async () => {
    const response = await fetch(`${sandbox.url}/login/oauth/authorize`, {
      method: "POST",
      body: new URLSearchParams({ client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, state: "xyz", scope: "read:user", login: "rita" }),
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get("state")).toBe("xyz");
    expect(location.searchParams.get("code")).toMatch(/^[0-9a-f]{20}$/);
  });

  it("shows the page again with an alert for an unknown login", async () => {
    const response = await fetch(authorizeUrl({ login: "nobody" }), { redirect: "manual" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`<div class="error" role="alert">There is no demo user &quot;nobody&quot;.`);
  });

  it("sends access_denied back to the app when the person cancels", async () => {
    const response = await fetch(`${sandbox.url}/login/oauth/authorize`, {
      method: "POST",
      body: new URLSearchParams({ client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, state: "xyz", cancel: "1" }),
      redirect: "manual",
    });
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("state")).toBe("xyz");
    expect(location.searchParams.has("code")).toBe(false);
  });

  it("refuses an unknown client and a missing redirect_uri with an error page, never a redirect", async () => {
    const unknownClient = await fetch(authorizeUrl({ client_id: "someone-else", login: "ada" }), { redirect: "manual" });
    expect(unknownClient.status).toBe(404);
    const noRedirect = await fetch(`${sandbox.url}/login/oauth/authorize?client_id=${CLIENT_ID}&login=ada`, { redirect: "manual" });
    expect(noRedirect.status).toBe(400);
    expect(await noRedirect.text()).toContain("Missing redirect_uri");
  });

  it("keeps redirect_uri under a registered callback URL, as GitHub does", async () => {
    await sandbox.close();
    sandbox = await startSandbox({ oauth: { callbackUrl: "http://localhost:3999/api/auth/callback" } });
    const inside = await fetch(authorizeUrl({ login: "ada" }), { redirect: "manual" });
    expect(inside.headers.get("location")).toMatch(/^http:\/\/localhost:3999\/api\/auth\/callback\/github\?code=/);
    const outside = await fetch(authorizeUrl({ login: "ada", redirect_uri: "http://evil.example/cb" }), { redirect: "manual" });
    const location = new URL(outside.headers.get("location") ?? "");
    expect(location.origin).toBe("http://localhost:3999");
    expect(location.searchParams.get("error")).toBe("redirect_uri_mismatch");
  });
});

describe("token exchange", () => {
  it("accepts client_secret_basic and answers JSON when asked", async () => {
    const body = await exchangeCode(sandbox, await authorizeCode(sandbox, "ada"));
    expect(body).toEqual({ access_token: expect.stringMatching(/^gho_[A-Za-z0-9]{36}$/), token_type: "bearer", scope: "read:user,read:org" });
  });

  it("accepts credentials in a JSON body and answers form-encoded without an Accept header", async () => {
    const code = await authorizeCode(sandbox, "dana");
    const response = await fetch(`${sandbox.url}/login/oauth/access_token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code }),
    });
    expect(response.headers.get("content-type")).toBe("application/x-www-form-urlencoded; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = new URLSearchParams(await response.text());
    expect(body.get("access_token")).toMatch(/^gho_/);
    expect(body.get("token_type")).toBe("bearer");
  });

  it("decodes Basic credentials form-encoded per RFC 6749 (secrets with reserved characters)", async () => {
    await sandbox.close();
    const secret = "s3cr:t+/= &ü";
    sandbox = await startSandbox({ oauth: { clientSecret: secret } });
    const code = await authorizeCode(sandbox, "ada");
    const encode = (value: string): string => encodeURIComponent(value).replace(/%20/g, "+");
    const response = await fetch(`${sandbox.url}/login/oauth/access_token`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${encode(CLIENT_ID)}:${encode(secret)}`).toString("base64")}`, accept: "application/json" },
      body: new URLSearchParams({ code }),
    });
    expect(await response.json()).toMatchObject({ token_type: "bearer" });
  });

  it("uses each code once", async () => {
    const code = await authorizeCode(sandbox, "ada");
    expect(await exchangeCode(sandbox, code)).toHaveProperty("access_token");
    expect(await exchangeCode(sandbox, code)).toEqual({
      error: "bad_verification_code",
      error_description: "The code passed is incorrect or expired.",
      error_uri: expect.stringContaining("#bad-verification-code"),
    });
  });

  it("lets a code expire after ten minutes of sandbox time", async () => {
    const fresh = await authorizeCode(sandbox, "ada");
    const stale = await authorizeCode(sandbox, "ada");
    await control(sandbox, "POST", "/clock/advance", { ms: 10 * 60 * 1000 - 1 });
    expect(await exchangeCode(sandbox, fresh)).toHaveProperty("access_token");
    await control(sandbox, "POST", "/clock/advance", { ms: 1 });
    expect(await exchangeCode(sandbox, stale)).toMatchObject({ error: "bad_verification_code" });
  });

  it("answers wrong client credentials and a different redirect_uri with GitHub's errors, in HTTP 200", async () => {
    const code = await authorizeCode(sandbox, "ada");
    const wrongSecret = await fetch(`${sandbox.url}/login/oauth/access_token`, {
      method: "POST",
      headers: { accept: "application/json" },
      body: new URLSearchParams({ client_id: CLIENT_ID, client_secret: "nope", code }),
    });
    expect(wrongSecret.status).toBe(200);
    expect(await wrongSecret.json()).toMatchObject({ error: "incorrect_client_credentials" });
    // The refused attempt did not use the code up.
    expect(await exchangeCode(sandbox, code, { redirect_uri: "http://localhost:3999/elsewhere" })).toMatchObject({ error: "redirect_uri_mismatch" });
  });

  it("checks a PKCE verifier when the authorization request carried a challenge", async () => {
    const verifier = generators.codeVerifier();
    const params = { code_challenge: generators.codeChallenge(verifier), code_challenge_method: "S256" };
    expect(await exchangeCode(sandbox, await authorizeCode(sandbox, "ada", params), { code_verifier: "wrong" })).toMatchObject({ error: "bad_verification_code" });
    expect(await exchangeCode(sandbox, await authorizeCode(sandbox, "ada", params), { code_verifier: verifier })).toHaveProperty("access_token");
  });
});

describe("with openid-client, the OAuth library inside next-auth 4", () => {
  it("completes the code flow with its defaults (client_secret_basic, state and PKCE) and reads the user", async () => {
    const issuer = new Issuer({
      issuer: `${sandbox.url}/login/oauth`,
      authorization_endpoint: `${sandbox.url}/login/oauth/authorize`,
      token_endpoint: `${sandbox.url}/login/oauth/access_token`,
      userinfo_endpoint: `${sandbox.url}/api/v3/user`,
    });
    const client = new issuer.Client({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [REDIRECT_URI] });
    const state = generators.state();
    const codeVerifier = generators.codeVerifier();
    const url = client.authorizationUrl({ scope: "read:user read:org", state, code_challenge: generators.codeChallenge(codeVerifier), code_challenge_method: "S256" });

    const response = await fetch(`${url}&login=oscar`, { redirect: "manual" });
    const params = client.callbackParams(response.headers.get("location") ?? "");
    const tokens = await client.oauthCallback(REDIRECT_URI, params, { state, code_verifier: codeVerifier });
    expect(tokens.token_type).toBe("bearer");
    expect(tokens.scope).toBe("read:user,read:org");

    const profile = await client.userinfo(tokens.access_token ?? "");
    expect(profile).toMatchObject({ login: "oscar", name: "Oscar Lind", email: "oscar@skyward.example" });
  });
});
