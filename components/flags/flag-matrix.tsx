import Link from "next/link";
import type { FlagView } from "@/lib/flags/find-flags";
import { Badge } from "@/components/ui/badge";
import { LockIcon } from "@/components/ui/icons";
import { FlagCell } from "./flag-cell";

export interface MatrixEnvironment {
  name: string;
  protected: boolean;
  /** Why the viewer may not change flags here; null when they may. */
  deniedReason: string | null;
}

/** Flags × environments: every flag's state everywhere at a glance, with toggles where allowed. */
export function FlagMatrix({ application, flags, environments }: { application: string; flags: FlagView[]; environments: MatrixEnvironment[] }) {
  return (
    <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-sm">
        <thead className="bg-zinc-50 text-left text-xs uppercase tracking-wide text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Flag
            </th>
            {environments.map((env) => (
              <th key={env.name} scope="col" className="px-3 py-2 font-medium">
                <span className="inline-flex items-center gap-1">
                  {env.name}
                  {env.protected ? (
                    <Badge tone="waiting" className="normal-case">
                      <LockIcon /> protected
                    </Badge>
                  ) : null}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {flags.map((flag) => (
            <tr key={flag.key} className="align-top" data-testid={`flag-row-${flag.key}`}>
              <th scope="row" className="px-3 py-2 text-left font-normal">
                <Link href={`/apps/${application}/flags/${flag.key}`} className="font-mono font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
                  {flag.key}
                </Link>
                <div className="text-xs text-zinc-500 dark:text-zinc-400">
                  {flag.type} · owner {flag.owner}
                  {flag.description ? <span className="block max-w-72 truncate" title={flag.description}>{flag.description}</span> : null}
                </div>
              </th>
              {environments.map((env) => {
                const state = flag.states[env.name];
                return (
                  <td key={env.name} className="px-3 py-2">
                    {state ? (
                      <FlagCell application={application} environment={env} flag={{ key: flag.key, type: flag.type }} state={state} deniedReason={env.deniedReason} />
                    ) : (
                      <Badge tone="neutral">not configured</Badge>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
