import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { assertPermission, requireUser } from "@/lib/auth/current-user";
import { hasPermission, permissionFor } from "@/lib/authz/policy";
import { findApplication } from "@/lib/config";
import { findFlags } from "@/lib/flags/find-flags";
import { CreateFlagDialog } from "@/components/flags/create-flag-dialog";
import { FlagMatrix } from "@/components/flags/flag-matrix";

export async function generateMetadata({ params }: { params: Promise<{ app: string }> }): Promise<Metadata> {
  const { app } = await params;
  return { title: `Flags · ${findApplication(app)?.name ?? app}` };
}

export default async function FlagsPage({ params }: { params: Promise<{ app: string }> }) {
  const { app: slug } = await params;
  const user = await requireUser(`/apps/${slug}/flags`);
  assertPermission(user, "dashboard.read");
  const app = findApplication(slug);
  if (!app) notFound();
  const flags = await findFlags(app.slug);
  const environments = app.environments.map((env) => ({
    name: env.name,
    protected: env.protected,
    deniedReason: hasPermission(user, permissionFor("flag.edit", env), { application: app.slug, environment: env.name }) ? null : env.protected ? "Release managers only" : "Deployers only",
  }));
  const canCreate = hasPermission(user, "flag.edit.unprotected");

  return (
    <main>
      <div className="mb-3 flex flex-wrap items-baseline gap-3">
        <h1 className="text-lg font-semibold">
          <Link href="/flags" className="text-zinc-500 hover:underline dark:text-zinc-400">
            Flags
          </Link>{" "}
          / {app.name}
        </h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Served over OpenFeature (OFREP). A change reaches applications within a second: turning a flag off is the fastest rollback.
        </p>
        <div className="ml-auto">{canCreate ? <CreateFlagDialog application={app.slug} applicationName={app.name} /> : null}</div>
      </div>
      {flags.length === 0 ? (
        <div className="rounded-md border border-dashed border-zinc-300 p-8 text-center dark:border-zinc-700" data-testid="flags-empty">
          <p className="font-medium">{app.name} has no feature flags yet.</p>
          <p className="mt-1 text-sm text-zinc-500">{canCreate ? "Create one with “New flag”; it starts off everywhere." : "Deployers and release managers can create them."}</p>
        </div>
      ) : (
        <FlagMatrix application={app.slug} flags={flags} environments={environments} />
      )}
    </main>
  );
}
