import Link from "next/link";
import type { RunFilters, RunsPage } from "@/lib/overview/types";
import { LiveRefresh } from "@/components/live/live-refresh";
import { UpstreamBanner } from "@/components/overview/upstream-banner";
import { runsHref } from "./run-filters";
import { RunsFilterForm } from "./runs-filter-form";
import { RunsTable } from "./runs-table";

/** The body of /apps/<app>/runs: filters, a page of runs, paging. */
export function RunsView({ app, data, filters, now }: { app: { slug: string; name: string; repoUrl: string }; data: RunsPage; filters: RunFilters; now: Date }) {
  const pages = Math.max(1, Math.ceil(data.total / data.perPage));
  const filtered = Object.values(filters).some(Boolean);
  return (
    <main>
      <div className="mb-3 flex flex-wrap items-center gap-x-3">
        <h1 className="text-lg font-semibold">
          <Link href="/" className="text-zinc-500 hover:underline dark:text-zinc-400">
            {app.name}
          </Link>{" "}
          / Workflow runs
        </h1>
        <span className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="runs-total">
          {data.total.toLocaleString("en")} run{data.total === 1 ? "" : "s"}
          {filtered ? " match" : ""}
        </span>
        <span className="ml-auto">
          <LiveRefresh application={app.slug} />
        </span>
      </div>
      <UpstreamBanner upstream={data.upstream} now={now} />
      <RunsFilterForm application={app.slug} filters={filters} workflows={data.workflows} />
      <RunsTable application={app.slug} runs={data.runs} repoUrl={app.repoUrl} now={now} empty={filtered ? "No runs match these filters." : "No workflow runs yet."} />
      {pages > 1 ? (
        <nav aria-label="Pages" className="mt-2 flex items-center gap-3 text-sm">
          {data.page > 1 ? (
            <Link href={runsHref(app.slug, filters, data.page - 1)} className="text-sky-700 hover:underline dark:text-sky-400" rel="prev">
              ← Newer
            </Link>
          ) : null}
          <span className="text-zinc-500">
            Page {data.page} of {pages.toLocaleString("en")}
          </span>
          {data.page < pages ? (
            <Link href={runsHref(app.slug, filters, data.page + 1)} className="text-sky-700 hover:underline dark:text-sky-400" rel="next">
              Older →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </main>
  );
}
