import type { Metadata } from "next";
import Link from "next/link";
import { assertPermission, requireUser } from "@/lib/auth/current-user";
import { hasPermission } from "@/lib/authz/policy";
import { getConfig } from "@/lib/config";
import { countFlagsByApplication } from "@/lib/flags/find-flags";
import { buttonVariants } from "@/components/ui/button";

export const metadata: Metadata = { title: "Feature flags" };

export default async function FlagsIndexPage() {
  const user = await requireUser("/flags");
  assertPermission(user, "dashboard.read");
  const counts = await countFlagsByApplication();
  const { applications } = getConfig();
  return (
    <main>
      <div className="mb-3 flex flex-wrap items-baseline gap-3">
        <h1 className="text-lg font-semibold">Feature flags</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Per application, state per environment.</p>
        {hasPermission(user, "tokens.manage") ? (
          <Link href="/admin/api-keys" className={`ml-auto ${buttonVariants({ size: "sm" })}`}>
            API keys
          </Link>
        ) : null}
      </div>
      <ul className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {applications.map((app) => (
          <li key={app.slug} className="flex items-center gap-3 px-3 py-2 text-sm">
            <Link href={`/apps/${app.slug}/flags`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
              {app.name}
            </Link>
            <span className="text-zinc-500">{app.repo}</span>
            <span className="ml-auto">{counts[app.slug] ?? 0} active flags</span>
          </li>
        ))}
      </ul>
    </main>
  );
}
