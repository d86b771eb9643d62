import Link from "next/link";
import type { RunFilters, RunsPage } from "@/lib/overview/types";
import { Button } from "@/components/ui/button";
import { RUN_EVENTS, RUN_STATUSES } from "./run-filters";

const field = "h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900";
const label = "flex flex-col gap-0.5 text-xs text-zinc-600 dark:text-zinc-400";

/** A plain GET form: the filters live in the URL (shareable, back button works, no JS needed). */
export function RunsFilterForm({ application, filters, workflows }: { application: string; filters: RunFilters; workflows: RunsPage["workflows"] }) {
  return (
    <form method="get" action={`/apps/${application}/runs`} className="mb-3 flex flex-wrap items-end gap-2" aria-label="Filter runs">
      <label className={label}>
        Workflow
        <select name="workflow" defaultValue={filters.workflow ?? ""} className={field}>
          <option value="">all</option>
          {workflows.map((workflow) => (
            <option key={workflow.path} value={workflow.path}>
              {workflow.name}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        Branch
        <input name="branch" defaultValue={filters.branch ?? ""} placeholder="any" className={`${field} w-32 font-mono`} />
      </label>
      <label className={label}>
        Status
        <select name="status" defaultValue={filters.status ?? ""} className={field}>
          <option value="">any</option>
          {RUN_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status.replace("_", " ")}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        Event
        <select name="event" defaultValue={filters.event ?? ""} className={field}>
          <option value="">any</option>
          {RUN_EVENTS.map((event) => (
            <option key={event} value={event}>
              {event}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        Actor
        <input name="actor" defaultValue={filters.actor ?? ""} placeholder="login" className={`${field} w-28`} />
      </label>
      <Button type="submit" size="sm" className="h-8">
        Apply
      </Button>
      {Object.values(filters).some(Boolean) ? (
        <Link href={`/apps/${application}/runs`} className="h-8 px-1 text-sm leading-8 text-sky-700 hover:underline dark:text-sky-400">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}
