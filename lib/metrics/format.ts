// How metric values read (pure, shared by the page's server and client components).

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** 45 min · 3.2 h · 2.4 d */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < HOUR) return `${Math.max(0, Math.round(ms / MINUTE))} min`;
  if (ms < 48 * HOUR) return `${(ms / HOUR).toFixed(1)} h`;
  return `${(ms / (24 * HOUR)).toFixed(1)} d`;
}

/** 12.5 % (one decimal, trailing .0 dropped) */
export function formatPercent(value: number | null): string {
  if (value === null) return "—";
  return `${Number.isInteger(value) ? value : value.toFixed(1)} %`;
}

export function formatRate(perDay: number): string {
  if (perDay === 0) return "0 per day";
  return perDay >= 1 ? `${perDay.toFixed(1)} per day` : `${(perDay * 7).toFixed(1)} per week`;
}

export const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
