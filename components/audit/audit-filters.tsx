import Link from "next/link";
import type { AuditFilterField, AuditFilters } from "@/lib/audit/filters";
import { ACTOR_TYPES, KNOWN_ACTIONS, OUTCOMES } from "@/lib/audit/types";
import { buttonVariants } from "@/components/ui/button";

// A plain GET form: the filters live in the URL, so a filtered view can be bookmarked and shared,
// and the page works before (or without) any JavaScript.

const input =
  "h-8 w-full rounded border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900 aria-[invalid=true]:border-red-600";
const label = "mb-0.5 block text-xs font-medium text-zinc-600 dark:text-zinc-400";

function localInput(date: Date | undefined): string | undefined {
  return date ? date.toISOString().slice(0, 16) : undefined;
}

function Field({ name, title, error, children }: { name: AuditFilterField; title: string; error?: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={`audit-${name}`} className={label}>
        {title}
      </label>
      {children}
      {error ? (
        <p id={`audit-${name}-error`} className="mt-0.5 text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function AuditFiltersForm({
  filters,
  raw,
  errors,
  applications,
  environments,
}: {
  filters: AuditFilters;
  /** What the user typed, so an invalid value stays in its field to be corrected. */
  raw: Partial<Record<AuditFilterField, string>>;
  errors: Partial<Record<AuditFilterField, string>>;
  applications: string[];
  environments: string[];
}) {
  const attrs = (name: AuditFilterField) => ({
    id: `audit-${name}`,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `audit-${name}-error` : undefined,
  });
  const value = (name: AuditFilterField, parsed: string | undefined) => (errors[name] ? raw[name] : parsed) ?? "";
  return (
    <form method="get" action="/audit" role="search" aria-label="Filter the audit trail" className="mb-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <div className="grid grid-cols-2 gap-2 md:grid-cols-4 xl:grid-cols-9">
        <Field name="actor" title="Actor (login)" error={errors.actor}>
          <input {...attrs("actor")} className={input} defaultValue={value("actor", filters.actor)} autoComplete="off" spellCheck={false} />
        </Field>
        <Field name="actorType" title="Source" error={errors.actorType}>
          <select {...attrs("actorType")} className={input} defaultValue={filters.actorType ?? ""}>
            <option value="">any</option>
            {ACTOR_TYPES.map((type) => (
              <option key={type} value={type}>
                {type === "user" ? "Flightdeck user" : type}
              </option>
            ))}
          </select>
        </Field>
        <Field name="app" title="Application" error={errors.app}>
          <select {...attrs("app")} className={input} defaultValue={filters.app ?? ""}>
            <option value="">any</option>
            {applications.map((app) => (
              <option key={app}>{app}</option>
            ))}
          </select>
        </Field>
        <Field name="env" title="Environment" error={errors.env}>
          <select {...attrs("env")} className={input} defaultValue={filters.env ?? ""}>
            <option value="">any</option>
            {environments.map((env) => (
              <option key={env}>{env}</option>
            ))}
          </select>
        </Field>
        <Field name="action" title="Action" error={errors.action}>
          <input {...attrs("action")} className={input} list="audit-known-actions" defaultValue={value("action", filters.action)} autoComplete="off" spellCheck={false} />
          <datalist id="audit-known-actions">
            {KNOWN_ACTIONS.map((action) => (
              <option key={action} value={action} />
            ))}
          </datalist>
        </Field>
        <Field name="outcome" title="Outcome" error={errors.outcome}>
          <select {...attrs("outcome")} className={input} defaultValue={filters.outcome ?? ""}>
            <option value="">any</option>
            {OUTCOMES.map((outcome) => (
              <option key={outcome}>{outcome}</option>
            ))}
          </select>
        </Field>
        <Field name="from" title="From (UTC)" error={errors.from}>
          <input {...attrs("from")} type="datetime-local" className={input} defaultValue={value("from", localInput(filters.from))} />
        </Field>
        <Field name="to" title="To (UTC)" error={errors.to}>
          <input {...attrs("to")} type="datetime-local" className={input} defaultValue={value("to", localInput(filters.to))} />
        </Field>
        <Field name="q" title="Target contains" error={errors.q}>
          <input {...attrs("q")} type="search" className={input} defaultValue={value("q", filters.q)} autoComplete="off" />
        </Field>
      </div>
      {filters.correlation ? <input type="hidden" name="correlation" value={filters.correlation} /> : null}
      <div className="mt-2 flex items-center gap-2">
        <button type="submit" className={buttonVariants({ variant: "primary", size: "sm" })}>
          Apply filters
        </button>
        <Link href="/audit" className={buttonVariants({ variant: "ghost", size: "sm" })}>
          Clear
        </Link>
        {filters.correlation ? (
          <span className="text-xs text-zinc-600 dark:text-zinc-400">
            Showing events of correlation <span className="font-mono">{filters.correlation}</span>
          </span>
        ) : null}
      </div>
    </form>
  );
}
