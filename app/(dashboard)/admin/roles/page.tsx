import type { Metadata } from "next";
import { assertPermission, requireUser } from "@/lib/auth/current-user";
import { findRoleBindings } from "@/lib/roles/find-role-bindings";
import { ConfigTeamRoles } from "@/components/roles/config-team-roles";
import { GrantRoleDialog } from "@/components/roles/grant-role-dialog";
import { RoleBindingsTable } from "@/components/roles/role-bindings-table";

export const metadata: Metadata = { title: "Roles" };

export default async function RolesPage() {
  const user = await requireUser("/admin/roles");
  assertPermission(user, "roles.manage");
  const data = await findRoleBindings();
  return (
    <main className="space-y-6">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-lg font-semibold">Roles</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Every member of {data.org} is a viewer. More comes from GitHub teams in the config and from the bindings granted here; a change applies on the person&apos;s next
          request.
        </p>
      </div>

      <section aria-labelledby="from-config" className="space-y-2">
        <h2 id="from-config" className="text-sm font-semibold">
          From the config <span className="font-normal text-zinc-500">GitHub teams → roles, read-only here; teams are read at sign-in</span>
        </h2>
        <ConfigTeamRoles org={data.org} teams={data.fromConfig} />
      </section>

      <section aria-labelledby="granted-here" className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="granted-here" className="text-sm font-semibold">
            Granted in Flightdeck <span className="font-normal text-zinc-500">to a login or a team, everywhere or in one environment</span>
          </h2>
          <div className="ml-auto">
            <GrantRoleDialog org={data.org} knownLogins={data.knownLogins} knownTeams={data.knownTeams} environments={data.environments} />
          </div>
        </div>
        {data.bindings.length === 0 ? (
          <div className="rounded-md border border-dashed border-zinc-300 p-8 text-center text-sm dark:border-zinc-700" data-testid="role-bindings-empty">
            No roles granted in Flightdeck yet. Roles come from the config&apos;s team mapping above until an admin grants one.
          </div>
        ) : (
          <RoleBindingsTable org={data.org} bindings={data.bindings} now={new Date()} />
        )}
      </section>
    </main>
  );
}
