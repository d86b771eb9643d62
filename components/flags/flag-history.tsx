import type { AuditEventView } from "@/lib/audit/find-audit-events";
import { describeState, type FlagStateValues } from "@/lib/flags/model";
import { Badge } from "@/components/ui/badge";

const OUTCOME_TONE = { succeeded: "ok", failed: "failed", denied: "failed", requested: "waiting" } as const;

function describe(value: unknown): string {
  if (value && typeof value === "object" && "enabled" in value) return describeState(value as FlagStateValues);
  if (value && typeof value === "object") return Object.entries(value).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", ");
  return "—";
}

/** Every change of a flag, from the audit trail: who, where, before → after; refusals included. */
export function FlagHistory({ events }: { events: AuditEventView[] }) {
  if (events.length === 0) {
    return <p className="rounded-md border border-dashed border-zinc-300 p-4 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">No changes recorded yet.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-sm" data-testid="flag-history">
        <thead className="bg-zinc-50 text-left text-xs uppercase tracking-wide text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">When</th>
            <th scope="col" className="px-3 py-2 font-medium">Who</th>
            <th scope="col" className="px-3 py-2 font-medium">What</th>
            <th scope="col" className="px-3 py-2 font-medium">Environment</th>
            <th scope="col" className="px-3 py-2 font-medium">Before</th>
            <th scope="col" className="px-3 py-2 font-medium">After</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {events.map((event) => {
            const payload = (event.payload ?? {}) as { before?: unknown; after?: unknown; reason?: string; error?: { message?: string } | null };
            return (
              <tr key={event.id} className="align-top">
                <td className="whitespace-nowrap px-3 py-2">
                  <time dateTime={event.occurredAt} title={event.occurredAt}>
                    {new Date(event.occurredAt).toISOString().replace("T", " ").slice(0, 19)} UTC
                  </time>
                </td>
                <td className="px-3 py-2">{event.actorLogin ?? event.actorType}</td>
                <td className="px-3 py-2">
                  <span className="mr-1 font-mono text-xs">{event.action}</span>
                  <Badge tone={OUTCOME_TONE[event.outcome]}>{event.outcome}</Badge>
                  {payload.reason ? <div className="text-xs text-red-700 dark:text-red-400">{payload.reason}</div> : null}
                  {payload.error?.message ? <div className="text-xs text-red-700 dark:text-red-400">{payload.error.message}</div> : null}
                </td>
                <td className="px-3 py-2">{event.environment ?? "all"}</td>
                <td className="px-3 py-2 text-zinc-600 dark:text-zinc-400" data-testid="history-before">{describe(payload.before)}</td>
                <td className="px-3 py-2" data-testid="history-after">{describe(payload.after)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
