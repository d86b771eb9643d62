import Link from "next/link";
import type { MetricsFilters } from "@/lib/metrics/filters";
import { PERIOD_DAYS } from "@/lib/metrics/report";
import { buttonVariants } from "@/components/ui/button";

// A plain GET form: the filters live in the URL (?app=&env=&period=), so a view can be bookmarked and
// shared, and the page works without JavaScript.

const select = "h-8 rounded border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900";
const label = "mb-0.5 block text-xs font-medium text-zinc-600 dark:text-zinc-400";

export function MetricsFiltersForm({ filters, applications, environments }: { filters: MetricsFilters; applications: { slug: string; name: string }[]; environments: string[] }) {
  return (
    <form method="get" action="/metrics" role="search" aria-label="Filter the metrics" className="mb-4 flex flex-wrap items-end gap-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <div>
        <label htmlFor="metrics-app" className={label}>
          Application
        </label>
        <select id="metrics-app" name="app" className={select} defaultValue={filters.application ?? ""}>
          <option value="">All applications</option>
          {applications.map((app) => (
            <option key={app.slug} value={app.slug}>
              {app.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="metrics-env" className={label}>
          Environment
        </label>
        <select id="metrics-env" name="env" className={select} defaultValue={filters.environment}>
          {environments.map((env) => (
            <option key={env}>{env}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="metrics-period" className={label}>
          Period
        </label>
        <select id="metrics-period" name="period" className={select} defaultValue={String(filters.days)}>
          {PERIOD_DAYS.map((days) => (
            <option key={days} value={days}>
              Last {days} days
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonVariants({ variant: "primary", size: "sm" })}>
        Show
      </button>
      <Link href="/metrics" className={buttonVariants({ variant: "ghost", size: "sm" })}>
        Reset
      </Link>
    </form>
  );
}
