import "server-only";
import GitHubProvider from "next-auth/providers/github";
import type { OAuthConfig } from "next-auth/providers/oauth";

interface GitHubUser {
  id: number;
  login: string;
  name: string | null;
  email: string | null;
  avatar_url: string;
}

/**
 * next-auth 4's GitHub provider hard-codes github.com. These overrides point every endpoint at the
 * configured GitHub (github.com, a GitHub Enterprise Server, or the sandbox). `userinfo.request` is
 * replaced too: options merge deeply, and the built-in one calls api.github.com/user/emails.
 */
export function gitHubProvider(options: {
  webUrl: string;
  apiUrl: string;
  clientId: string;
  clientSecret: string;
}): OAuthConfig<GitHubUser> {
  const userUrl = `${options.apiUrl}/user`;
  return GitHubProvider({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    issuer: `${options.webUrl}/login/oauth`,
    authorization: {
      url: `${options.webUrl}/login/oauth/authorize`,
      // read:org lets us check org membership and teams with the user's own token.
      params: { scope: "read:user read:org" },
    },
    token: `${options.webUrl}/login/oauth/access_token`,
    userinfo: {
      url: userUrl,
      async request({ tokens }: { tokens: { access_token?: string } }) {
        const response = await fetch(userUrl, {
          headers: { authorization: `token ${tokens.access_token}`, accept: "application/vnd.github+json" },
          signal: AbortSignal.timeout(10_000),
        });
        if (!response.ok) throw new Error(`GitHub user lookup failed with HTTP ${response.status}`);
        // The profile type next-auth declares (name?: string) is narrower than GitHub's (name: string | null).
        return (await response.json()) as never;
      },
    },
    profile(profile: GitHubUser) {
      return { id: String(profile.id), name: profile.name ?? profile.login, email: profile.email, image: profile.avatar_url, login: profile.login };
    },
  }) as OAuthConfig<GitHubUser>;
}
