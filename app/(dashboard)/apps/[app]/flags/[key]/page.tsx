import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { assertPermission, requireUser } from "@/lib/auth/current-user";
import { hasPermission, permissionFor } from "@/lib/authz/policy";
import { findApplication } from "@/lib/config";
import { findFlagHistory, getFlag } from "@/lib/flags/find-flags";
import { FlagHistory } from "@/components/flags/flag-history";
import { FlagMatrix } from "@/components/flags/flag-matrix";
import { Badge } from "@/components/ui/badge";

export async function generateMetadata({ params }: { params: Promise<{ app: string; key: string }> }): Promise<Metadata> {
  const { key } = await params;
  return { title: `Flag ${key}` };
}

export default async function FlagPage({ params }: { params: Promise<{ app: string; key: string }> }) {
  const { app: slug, key } = await params;
  const user = await requireUser(`/apps/${slug}/flags/${key}`);
  assertPermission(user, "dashboard.read");
  const app = findApplication(slug);
  if (!app) notFound();
  const [flag, history] = await Promise.all([getFlag(app.slug, key), findFlagHistory(app.slug, key)]);
  if (!flag) notFound();
  const environments = app.environments.map((env) => ({
    name: env.name,
    protected: env.protected,
    deniedReason: flag.archivedAt ? "Archived" : hasPermission(user, permissionFor("flag.edit", env), { application: app.slug, environment: env.name }) ? null : env.protected ? "Release managers only" : "Deployers only",
  }));

  return (
    <main className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">
          <Link href={`/apps/${app.slug}/flags`} className="text-zinc-500 hover:underline dark:text-zinc-400">
            Flags / {app.name}
          </Link>{" "}
          / <span className="font-mono">{flag.key}</span> {flag.archivedAt ? <Badge>archived</Badge> : null}
        </h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {flag.type} flag · owner {flag.owner} · created by {flag.createdBy} on {flag.createdAt.slice(0, 10)}
          {flag.description ? ` · ${flag.description}` : ""}
        </p>
      </div>
      <FlagMatrix application={app.slug} flags={[flag]} environments={environments} />
      <section>
        <h2 className="mb-2 text-base font-semibold">History</h2>
        <FlagHistory events={history} />
      </section>
    </main>
  );
}
