export default function AuditLoading() {
  return (
    <div role="status" aria-live="polite" className="space-y-2">
      <span className="sr-only">Loading the audit trail…</span>
      <div className="h-6 w-48 animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
      <div className="h-16 animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-900" />
      {Array.from({ length: 10 }, (_, row) => (
        <div key={row} className="h-7 animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
      ))}
    </div>
  );
}
