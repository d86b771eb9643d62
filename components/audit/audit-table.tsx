import Link from "next/link";
import type { AuditEventView } from "@/lib/audit/find-audit-events";
import type { EventLinks } from "@/lib/audit/links";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { OutcomeBadge } from "./outcome-badge";
import { RelativeTime } from "@/components/ui/relative-time";

const th = "px-2 py-1.5 text-left text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400";
const td = "px-2 py-1.5 align-top";
const link = "hover:underline focus-visible:underline";

export interface AuditTableRow {
  event: AuditEventView;
  links: EventLinks;
}

const EXTERNAL_LABEL = { github: "GitHub", ecs: "ECS", system: "Flightdeck" } as const;

function Actor({ event, href }: { event: AuditEventView; href: string | null }) {
  if (event.actorType === "user") {
    const login = event.actorLogin ?? "unknown";
    return (
      <span className="inline-flex items-center gap-1.5">
        <Avatar src={event.actorAvatarUrl} login={login} size={18} />
        {href ? (
          <Link href={href} className={`${link} font-medium`}>
            {login}
          </Link>
        ) : (
          <span className="font-medium">{login}</span>
        )}
      </span>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <Badge title={`Observed by ${EXTERNAL_LABEL[event.actorType]}, not done through Flightdeck`}>{EXTERNAL_LABEL[event.actorType]}</Badge>
      {event.actorLogin ? (
        href ? (
          <Link href={href} className={link}>
            {event.actorLogin}
          </Link>
        ) : (
          <span>{event.actorLogin}</span>
        )
      ) : null}
    </span>
  );
}

export function AuditTable({ rows, showRequestMeta, now }: { rows: AuditTableRow[]; showRequestMeta: boolean; now: Date }) {
  return (
    <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
      <table className="w-full border-collapse text-sm" data-testid="audit-table">
        <thead className="bg-zinc-50 dark:bg-zinc-900">
          <tr>
            <th scope="col" className={th}>#</th>
            <th scope="col" className={th}>When</th>
            <th scope="col" className={th}>Actor</th>
            <th scope="col" className={th}>Action</th>
            <th scope="col" className={th}>Outcome</th>
            <th scope="col" className={th}>Where</th>
            <th scope="col" className={th}>Target</th>
            {showRequestMeta ? (
              <>
                <th scope="col" className={th}>IP</th>
                <th scope="col" className={th}>User agent</th>
              </>
            ) : null}
            <th scope="col" className={th}>Details</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {rows.map(({ event, links }) => (
            <tr key={event.id} data-testid="audit-row" data-action={event.action} data-outcome={event.outcome}>
              <td className={`${td} font-mono text-xs text-zinc-500`}>{event.id}</td>
              <td className={td}>
                <RelativeTime iso={event.occurredAt} now={now} />
              </td>
              <td className={td}>
                <Actor event={event} href={links.actor} />
              </td>
              <td className={`${td} font-mono text-xs`}>{event.action}</td>
              <td className={td}>
                <OutcomeBadge outcome={event.outcome} />
              </td>
              <td className={`${td} text-xs`}>
                {event.application && links.application ? (
                  <Link href={links.application} className={link}>
                    {event.application}
                  </Link>
                ) : (
                  <span className="text-zinc-400">—</span>
                )}
                {event.environment ? (
                  <>
                    {" / "}
                    {links.environment ? (
                      <Link href={links.environment} className={link}>
                        {event.environment}
                      </Link>
                    ) : (
                      event.environment
                    )}
                  </>
                ) : null}
              </td>
              <td className={`${td} max-w-64 text-xs`}>
                {event.target ? (
                  <span className="break-words">
                    {event.targetType ? <span className="text-zinc-500">{event.targetType} </span> : null}
                    {links.target ? (
                      links.targetExternal ? (
                        <a href={links.target} className={`${link} font-mono`} rel="noreferrer">
                          {event.target}
                        </a>
                      ) : (
                        <Link href={links.target} className={`${link} font-mono`}>
                          {event.target}
                        </Link>
                      )
                    ) : (
                      <span className="font-mono">{event.target}</span>
                    )}
                  </span>
                ) : (
                  <span className="text-zinc-400">—</span>
                )}
              </td>
              {showRequestMeta ? (
                <>
                  <td className={`${td} font-mono text-xs`} data-testid="audit-ip">
                    {event.ip ?? <span className="text-zinc-400">—</span>}
                  </td>
                  <td className={`${td} max-w-48 truncate text-xs text-zinc-600 dark:text-zinc-400`} title={event.userAgent ?? undefined}>
                    {event.userAgent ?? <span className="text-zinc-400">—</span>}
                  </td>
                </>
              ) : null}
              <td className={`${td} text-xs`}>
                <details>
                  <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">payload</summary>
                  <pre className="mt-1 max-h-64 max-w-md overflow-auto rounded bg-zinc-50 p-2 font-mono text-[11px] dark:bg-zinc-900">
                    {JSON.stringify(event.payload, null, 2)}
                  </pre>
                  <p className="mt-1 font-mono text-[11px] text-zinc-500" title="SHA-256 of this event, chained to the previous one">
                    hash {event.hash.slice(0, 12)}…
                  </p>
                </details>
                {links.correlation ? (
                  <Link href={links.correlation} className={`${link} block text-zinc-600 dark:text-zinc-400`} title={`Correlation ${event.correlationId}`}>
                    related events
                  </Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
