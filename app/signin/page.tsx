import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getConfig } from "@/lib/config";
import { safeReturnPath } from "@/lib/http/safe-redirect";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInButton } from "@/components/auth/sign-in-button";

export const metadata: Metadata = { title: "Sign in" };

// next-auth error codes → what the person can do about it.
const ERRORS: Record<string, string> = {
  OAuthSignin: "Could not start the sign-in with GitHub. Try again.",
  OAuthCallback: "GitHub did not complete the sign-in. Try again.",
  Callback: "The sign-in could not be completed. Try again.",
  AccessDenied: "Access was denied.",
  SessionRequired: "Sign in to see that page.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeReturnPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const errorCode = typeof params.error === "string" ? params.error : undefined;
  const error = errorCode ? (ERRORS[errorCode] ?? "Sign-in failed. Try again.") : undefined;
  const { org } = getConfig().github;

  return (
    <AuthCard title="Sign in">
      <p className="mb-4 text-zinc-600 dark:text-zinc-400">
        Members of the <strong className="font-medium text-zinc-900 dark:text-zinc-100">{org}</strong> GitHub organisation sign in with their
        GitHub account.
      </p>
      {error ? (
        <p role="alert" className="mb-4 rounded-md border border-red-300 bg-red-50 p-2 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-300">
          {error}
        </p>
      ) : null}
      {params.signedOut ? (
        <p role="status" className="mb-4 text-zinc-600 dark:text-zinc-400">
          You have signed out.
        </p>
      ) : null}
      <SignInButton callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
