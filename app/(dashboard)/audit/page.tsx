import type { Metadata } from "next";
import Link from "next/link";
import { findAuditEvents } from "@/lib/audit/find-audit-events";
import { auditFilterFields, filtersToSearchParams, hasAnyFilter, parseAuditFilters, type AuditFilterField } from "@/lib/audit/filters";
import { eventLinks } from "@/lib/audit/links";
import { assertPermission, requireUser } from "@/lib/auth/current-user";
import { hasPermission } from "@/lib/authz/policy";
import { getConfig } from "@/lib/config";
import { AuditFiltersForm } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { buttonVariants } from "@/components/ui/button";

export const metadata: Metadata = { title: "Audit trail" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser("/audit");
  assertPermission(user, "dashboard.read");
  const showRequestMeta = hasPermission(user, "audit.request_meta");
  const params = await searchParams;
  const { filters, errors } = parseAuditFilters(params);
  const page = await findAuditEvents({ filters, includeRequestMeta: showRequestMeta });

  const config = getConfig();
  const repos = Object.fromEntries(config.applications.map((app) => [app.slug, app.repo]));
  const rows = page.events.map((event) => ({ event, links: eventLinks(event, { webUrl: config.github.webUrl, repos }) }));
  const applications = config.applications.map((app) => app.slug);
  const environments = [...new Set(config.applications.flatMap((app) => app.environments.map((env) => env.name)))];
  const raw = Object.fromEntries(
    (Object.keys(auditFilterFields) as AuditFilterField[]).map((key) => [key, Array.isArray(params[key]) ? params[key][0] : params[key]]),
  ) as Partial<Record<AuditFilterField, string>>;

  const query = filtersToSearchParams(filters).toString();
  const exportHref = (format: "csv" | "jsonl") => `/api/audit/export?${new URLSearchParams([...filtersToSearchParams(filters), ["format", format]])}`;
  const pageHref = (cursor: { before?: bigint; after?: bigint }) => `/audit?${filtersToSearchParams(filters, cursor)}`;
  const filtered = hasAnyFilter(filters);

  return (
    <main>
      <div className="mb-3 flex flex-wrap items-baseline gap-3">
        <h1 className="text-lg font-semibold">Audit trail</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Everything done through Flightdeck and everything seen on GitHub and ECS, newest first. Append-only and hash-chained.
        </p>
        <div className="ml-auto flex gap-2" aria-label="Export the filtered events">
          <a href={exportHref("csv")} className={buttonVariants({ size: "sm" })} download>
            Export CSV
          </a>
          <a href={exportHref("jsonl")} className={buttonVariants({ size: "sm" })} download>
            Export JSON Lines
          </a>
        </div>
      </div>
      <AuditFiltersForm key={query} filters={filters} raw={raw} errors={errors} applications={applications} environments={environments} />
      {Object.keys(errors).length > 0 ? (
        <p role="alert" className="mb-3 text-sm text-red-700 dark:text-red-400">
          Some filters were not understood and are ignored: {Object.keys(errors).join(", ")}.
        </p>
      ) : null}
      {rows.length === 0 ? (
        <div className="rounded-md border border-dashed border-zinc-300 p-8 text-center dark:border-zinc-700" data-testid="audit-empty">
          <p className="font-medium">{filtered || filters.before || filters.after ? "No events match these filters." : "No events recorded yet."}</p>
          <p className="mt-1 text-sm text-zinc-500">
            {filtered ? (
              <>
                Widen the time range or <Link href="/audit" className="underline">clear the filters</Link>.
              </>
            ) : (
              "Sign-ins, deploys, approvals, rollbacks, locks and flag changes appear here as they happen."
            )}
          </p>
        </div>
      ) : (
        <AuditTable rows={rows} showRequestMeta={showRequestMeta} now={new Date()} />
      )}
      <nav aria-label="Pages" className="mt-3 flex items-center gap-2 text-sm">
        {page.newer ? (
          <Link href={pageHref({ after: BigInt(page.newer) })} className={buttonVariants({ size: "sm" })}>
            ← Newer
          </Link>
        ) : null}
        {page.older ? (
          <Link href={pageHref({ before: BigInt(page.older) })} className={buttonVariants({ size: "sm" })}>
            Older →
          </Link>
        ) : null}
        {!showRequestMeta ? <span className="ml-auto text-xs text-zinc-500">IP addresses and user agents are shown to admins only.</span> : null}
      </nav>
    </main>
  );
}
