/** The body of loading.tsx for table pages: a title bar, an optional filter block, then rows. */
export function TableSkeleton({ rows = 8, rowHeight = "h-9", filters = false }: { rows?: number; rowHeight?: "h-7" | "h-9"; filters?: boolean }) {
  return (
    <div role="status" aria-live="polite" className="space-y-2">
      <span className="sr-only">Loading…</span>
      <div className="h-6 w-48 animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
      {filters ? <div className="h-16 animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-900" /> : null}
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className={`${rowHeight} animate-pulse rounded bg-zinc-100 dark:bg-zinc-900`} />
      ))}
    </div>
  );
}
