import "server-only";
import type { NextAuthOptions } from "next-auth";
import { getConfig } from "@/lib/config";
import { serverEnv } from "@/lib/env";
import { gitHubProvider } from "./github-provider";
import { recordSignIn } from "./record-sign-in";

const SESSION_HOURS = 8;

interface GitHubProfile {
  id: number;
  login: string;
  name: string | null;
  avatar_url: string | null;
}

export function authOptions(): NextAuthOptions {
  const env = serverEnv();
  const { github } = getConfig();
  return {
    secret: env.NEXTAUTH_SECRET,
    providers: [
      gitHubProvider({ webUrl: github.webUrl, apiUrl: github.apiUrl, clientId: env.GITHUB_CLIENT_ID, clientSecret: env.GITHUB_CLIENT_SECRET }),
    ],
    // A short JWT session: it names the person; roles are read from the database on every request.
    session: { strategy: "jwt", maxAge: SESSION_HOURS * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    callbacks: {
      async signIn({ account, profile }) {
        const gh = profile as unknown as GitHubProfile | undefined;
        if (account?.provider !== "github" || !account.access_token || !gh?.login) return "/signin?error=Callback";
        const decision = await recordSignIn({
          githubId: gh.id,
          login: gh.login,
          name: gh.name,
          avatarUrl: gh.avatar_url,
          accessToken: account.access_token,
        });
        if (decision.allowed) return true;
        const query = new URLSearchParams({ reason: decision.reason, org: decision.org, login: gh.login });
        return `/signin/denied?${query}`;
      },
      async jwt({ token, profile }) {
        const gh = profile as unknown as GitHubProfile | undefined;
        if (gh?.login) {
          token.sub = String(gh.id);
          token.login = gh.login;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, githubId: token.sub, login: token.login };
      },
    },
  };
}

declare module "next-auth/jwt" {
  interface JWT {
    login?: string;
  }
}
