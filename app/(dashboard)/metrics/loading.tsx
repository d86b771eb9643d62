/** Cards in the shape of the page, so nothing jumps when the numbers arrive. */
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      <span className="sr-only">Loading metrics…</span>
      <div className="h-6 w-64 animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
      <div className="h-14 animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-900" />
      <div className="grid gap-3 md:grid-cols-2">
        {Array.from({ length: 4 }, (_, index) => (
          <div key={index} className="h-64 animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-900" />
        ))}
      </div>
      <div className="h-48 animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-900" />
    </div>
  );
}
