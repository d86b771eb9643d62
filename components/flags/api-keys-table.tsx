import type { ApiKeyView } from "@/lib/flags/find-flags";
import { Badge } from "@/components/ui/badge";
import { RevokeApiKeyButton } from "./revoke-api-key-button";

export function ApiKeysTable({ keys }: { keys: ApiKeyView[] }) {
  return (
    <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-sm">
        <thead className="bg-zinc-50 text-left text-xs uppercase tracking-wide text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Name</th>
            <th scope="col" className="px-3 py-2 font-medium">Key</th>
            <th scope="col" className="px-3 py-2 font-medium">Scope</th>
            <th scope="col" className="px-3 py-2 font-medium">Created</th>
            <th scope="col" className="px-3 py-2 font-medium">State</th>
            <th scope="col" className="px-3 py-2 font-medium"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {keys.map((key) => (
            <tr key={key.id} data-testid={`api-key-${key.name}`}>
              <td className="px-3 py-2 font-medium">{key.name}</td>
              <td className="px-3 py-2 font-mono text-xs">{key.prefix}…</td>
              <td className="px-3 py-2">
                {key.application} / {key.environment}
              </td>
              <td className="px-3 py-2">
                <time dateTime={key.createdAt} title={key.createdAt}>{key.createdAt.slice(0, 10)}</time> by {key.createdBy}
              </td>
              <td className="px-3 py-2">
                {key.revokedAt ? (
                  <Badge tone="failed" title={`revoked ${key.revokedAt} by ${key.revokedBy}`}>
                    <span aria-hidden>✕</span> revoked
                  </Badge>
                ) : (
                  <Badge tone="ok">
                    <span aria-hidden>●</span> active
                  </Badge>
                )}
              </td>
              <td className="px-3 py-2 text-right">{key.revokedAt ? null : <RevokeApiKeyButton id={key.id} name={key.name} scope={`${key.application}/${key.environment}`} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
