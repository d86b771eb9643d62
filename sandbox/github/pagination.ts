/** GitHub's page-number pagination: `page` (from 1) and `per_page` (default 30, at most 100). */
export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 100;

export interface Page<T> {
  items: T[];
  /** The Link header value, absent when everything fits on one page (as on GitHub). */
  link?: string;
}

/**
 * Slices `items` for the requested page and builds the `Link` header with absolute URLs on the
 * sandbox's public URL — Octokit's paginate() follows rel="next" verbatim, so these must be
 * reachable by the client. Other query parameters are kept, as GitHub keeps them.
 */
export function paginate<T>(items: readonly T[], query: URLSearchParams, resourceUrl: string): Page<T> {
  const perPage = clamp(positiveInt(query.get("per_page")) ?? DEFAULT_PER_PAGE, 1, MAX_PER_PAGE);
  const page = positiveInt(query.get("page")) ?? 1;
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  if (lastPage === 1 && page === 1) return { items: slice };

  const pageUrl = (n: number): string => {
    const params = new URLSearchParams(query);
    params.delete("page");
    params.append("page", String(n));
    return `${resourceUrl}?${params}`;
  };
  // GitHub's order: prev, next, last, first.
  const rels: [string, number][] = [];
  if (page > 1) rels.push(["prev", Math.min(page - 1, lastPage)]);
  if (page < lastPage) rels.push(["next", page + 1], ["last", lastPage]);
  if (page > 1) rels.push(["first", 1]);
  return { items: slice, link: rels.map(([rel, n]) => `<${pageUrl(n)}>; rel="${rel}"`).join(", ") };
}

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  const parsed = Number(value);
  return parsed >= 1 ? parsed : undefined;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
