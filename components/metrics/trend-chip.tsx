import type { Trend } from "@/lib/metrics/report";

/**
 * The change against the previous period, in the metric's own unit, and whether that is good news —
 * said in words (never colour alone): "▲ 4 · better", "▼ 1.2 h · better", "no change", "no earlier data".
 */
export function TrendChip({ trend, format, testId }: { trend: Trend; format: (delta: number) => string; testId?: string }) {
  const base = "inline-flex items-center gap-1 text-xs whitespace-nowrap";
  if (trend.previous === null || trend.value === null || trend.delta === null) {
    return (
      <span className={`${base} text-zinc-500 dark:text-zinc-400`} data-testid={testId} data-trend="none">
        no earlier data
      </span>
    );
  }
  if (trend.delta === 0) {
    return (
      <span className={`${base} text-zinc-600 dark:text-zinc-400`} data-testid={testId} data-trend="flat">
        = no change
      </span>
    );
  }
  const tone = trend.better ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400";
  return (
    <span className={`${base} ${tone}`} data-testid={testId} data-trend={trend.delta > 0 ? "up" : "down"} data-better={String(trend.better)}>
      <span aria-hidden="true">{trend.delta > 0 ? "▲" : "▼"}</span>
      <span>
        {trend.delta > 0 ? "+" : "−"}
        {format(Math.abs(trend.delta))}
      </span>
      <span className="font-medium">{trend.better ? "better" : "worse"}</span>
    </span>
  );
}
