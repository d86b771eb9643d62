// The overview's skeleton: one block per application with the matrix's shape, so nothing jumps when it arrives.
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">Loading…</span>
      <div className="h-7 w-56 animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
      {[0, 1, 2].map((app) => (
        <div key={app} className="rounded-md border border-zinc-200 dark:border-zinc-800">
          <div className="h-9 border-b border-zinc-200 dark:border-zinc-800" />
          <div className="grid grid-cols-[8rem_1fr_1fr_1fr] gap-3 p-3">
            {Array.from({ length: 16 }, (_, cell) => (
              <div key={cell} className="h-10 animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
