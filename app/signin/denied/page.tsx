import type { Metadata } from "next";
import Link from "next/link";
import { getConfig } from "@/lib/config";
import { AuthCard } from "@/components/auth/auth-card";
import { buttonVariants } from "@/components/ui/button";

export const metadata: Metadata = { title: "Access refused" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInDeniedPage({ searchParams }: Props) {
  const params = await searchParams;
  // The org comes from our config, not the URL, so the page cannot be made to say something else.
  const { org } = getConfig().github;
  const login = typeof params.login === "string" && /^[A-Za-z0-9-]{1,39}$/.test(params.login) ? params.login : null;
  const upstream = params.reason === "upstream_error";

  return (
    <AuthCard title={upstream ? "GitHub could not be reached" : `Not a member of ${org}`}>
      {upstream ? (
        <p className="mb-4 text-zinc-600 dark:text-zinc-400" role="alert">
          Flightdeck could not check your membership of <strong>{org}</strong> with GitHub. Try again in a minute.
        </p>
      ) : (
        <p className="mb-4 text-zinc-600 dark:text-zinc-400" role="alert">
          {login ? (
            <>
              The GitHub account <strong className="font-mono">{login}</strong> is not a member of{" "}
            </>
          ) : (
            "Your GitHub account is not a member of "
          )}
          <strong>{org}</strong>. Only members of the organisation may use Flightdeck. Ask an owner of {org} to invite you, or sign in with
          another account.
        </p>
      )}
      <Link href="/signin" className={buttonVariants({ variant: "secondary", className: "w-full" })}>
        Back to sign in
      </Link>
    </AuthCard>
  );
}
