import type { RunFilters } from "@/lib/overview/types";

export const RUN_FILTER_KEYS = ["workflow", "branch", "status", "event", "actor"] as const;
export const RUN_STATUSES = ["queued", "in_progress", "waiting", "completed", "success", "failure", "cancelled"] as const;
export const RUN_EVENTS = ["push", "pull_request", "workflow_dispatch", "schedule", "workflow_run"] as const;
export const RUNS_PER_PAGE = 50;

type SearchParams = Record<string, string | string[] | undefined>;

/** The runs page's filters and page number from the URL; anything malformed is dropped, never an error. */
export function parseRunSearch(search: SearchParams): { filters: RunFilters; page: number } {
  const filters: RunFilters = {};
  for (const key of RUN_FILTER_KEYS) {
    const raw = search[key];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (value && value.length <= 200) filters[key] = value;
  }
  if (filters.status && !(RUN_STATUSES as readonly string[]).includes(filters.status)) delete filters.status;
  const rawPage = search.page;
  const page = Number.parseInt((Array.isArray(rawPage) ? rawPage[0] : rawPage) ?? "1", 10);
  return { filters, page: Number.isFinite(page) && page >= 1 && page <= 10_000 ? page : 1 };
}

/** A runs URL with these filters and page (page 1 is left out). */
export function runsHref(application: string, filters: RunFilters, page = 1): string {
  const params = new URLSearchParams();
  for (const key of RUN_FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return `/apps/${application}/runs${query ? `?${query}` : ""}`;
}
