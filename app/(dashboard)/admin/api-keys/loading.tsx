export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-2">
      <span className="sr-only">Loading…</span>
      <div className="h-6 w-48 animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
      {Array.from({ length: 8 }, (_, row) => (
        <div key={row} className="h-9 animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
      ))}
    </div>
  );
}
