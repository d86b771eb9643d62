import type { ConfigTeamRolesView } from "@/lib/roles/find-role-bindings";
import { ROLE_LABELS } from "@/lib/authz/roles";
import { Badge } from "@/components/ui/badge";

/** The config's team → role mapping: read-only here (it changes in flightdeck.config.yaml). */
export function ConfigTeamRoles({ org, teams }: { org: string; teams: ConfigTeamRolesView[] }) {
  if (teams.length === 0) {
    return (
      <p className="rounded-md border border-dashed border-zinc-300 p-4 text-sm dark:border-zinc-700" data-testid="config-roles-empty">
        The config maps no team to a role (<code>teamRoles</code>): every member of {org} is a viewer, and more comes only from the bindings below.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-sm" data-testid="config-roles">
        <thead className="bg-zinc-50 text-left text-xs uppercase tracking-wide text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">GitHub team</th>
            <th scope="col" className="px-3 py-2 font-medium">Roles</th>
            <th scope="col" className="px-3 py-2 font-medium">Scope</th>
            <th scope="col" className="px-3 py-2 font-medium">Members seen at sign-in</th>
            <th scope="col" className="px-3 py-2 font-medium">Source</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {teams.map((team) => (
            <tr key={team.team} data-testid={`config-team-${team.team}`}>
              <td className="px-3 py-2 font-mono text-xs">
                {org}/{team.team}
              </td>
              <td className="px-3 py-2">
                <span className="flex flex-wrap gap-1">
                  {team.roles.map((role) => (
                    <Badge key={role} data-role={role}>
                      {ROLE_LABELS[role]}
                    </Badge>
                  ))}
                </span>
              </td>
              <td className="px-3 py-2">everywhere</td>
              <td className="px-3 py-2 text-zinc-600 dark:text-zinc-400">{team.members.length ? team.members.join(", ") : "nobody yet"}</td>
              <td className="px-3 py-2">
                <Badge title="Change it in flightdeck.config.yaml (teamRoles)">from config</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
