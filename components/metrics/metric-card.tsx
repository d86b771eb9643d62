import type { ReactNode } from "react";

/** One metric: its number, what it is made of, its trend, a chart (or why there is none), and its definition. */
export function MetricCard({
  id,
  title,
  value,
  raw,
  summary,
  trend,
  chart,
  empty,
  definition,
}: {
  id: string;
  title: string;
  value: string;
  /** The exact number behind `value`, for tests and tools (data-value). */
  raw: number | null;
  summary: ReactNode;
  trend: ReactNode;
  chart: ReactNode;
  /** Shown instead of the chart when the period has nothing to draw. */
  empty: string | null;
  definition: string;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col rounded-md border border-zinc-200 p-3 dark:border-zinc-800" data-testid={`metric-${id}`} data-value={raw ?? ""}>
      <h2 id={`${id}-title`} className="text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
        {title}
      </h2>
      <div className="mt-1 flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <p className="text-2xl font-semibold tabular-nums" data-testid={`metric-${id}-value`}>
          {value}
        </p>
        {trend}
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid={`metric-${id}-summary`}>
        {summary}
      </p>
      {empty ? <p className="mt-2 flex min-h-[130px] items-center justify-center rounded border border-dashed border-zinc-300 p-3 text-center text-xs text-zinc-500 dark:border-zinc-700">{empty}</p> : chart}
      <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">{definition}</p>
    </section>
  );
}
