import type { RoleBindingView } from "@/lib/roles/find-role-bindings";
import { roleLabel, subjectLabel } from "@/lib/roles/model";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { RevokeRoleButton } from "./revoke-role-button";

/** Roles granted in Flightdeck, each revocable (with confirmation). */
export function RoleBindingsTable({ org, bindings, now }: { org: string; bindings: RoleBindingView[]; now: Date }) {
  return (
    <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-sm" data-testid="role-bindings">
        <thead className="bg-zinc-50 text-left text-xs uppercase tracking-wide text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Granted to</th>
            <th scope="col" className="px-3 py-2 font-medium">Role</th>
            <th scope="col" className="px-3 py-2 font-medium">Scope</th>
            <th scope="col" className="px-3 py-2 font-medium">Granted</th>
            <th scope="col" className="px-3 py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {bindings.map((binding) => (
            <tr key={binding.id} data-testid="role-binding" data-subject={`${binding.subjectType}:${binding.subject}`} data-role={binding.role} data-scope={binding.scope}>
              <td className="px-3 py-2">
                {binding.subjectType === "team" ? (
                  <span className="inline-flex items-center gap-1">
                    <Badge>team</Badge> <span className="font-mono text-xs">{subjectLabel(binding, org).replace(/^team /, "")}</span>
                  </span>
                ) : (
                  <span className="font-medium">{binding.subject}</span>
                )}
              </td>
              <td className="px-3 py-2">
                <Badge data-role={binding.role}>{roleLabel(binding.role)}</Badge>
              </td>
              <td className="px-3 py-2">{binding.application ? <span className="font-mono text-xs">{binding.scope}</span> : "everywhere"}</td>
              <td className="px-3 py-2 text-zinc-600 dark:text-zinc-400">
                <RelativeTime iso={binding.createdAt} now={now} /> by {binding.grantedBy}
              </td>
              {/* Aligned with flex, not text-right: the confirming dialog inherits the cell's text alignment. */}
              <td className="px-3 py-2">
                <div className="flex justify-end">
                  <RevokeRoleButton binding={binding} org={org} />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
