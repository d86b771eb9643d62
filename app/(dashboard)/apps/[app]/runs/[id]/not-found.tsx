import Link from "next/link";

export default function RunsNotFound() {
  return (
    <main className="mx-auto max-w-md p-8 text-center" data-testid="not-found">
      <h1 className="mb-2 text-lg font-semibold">No such application or run</h1>
      <p className="mb-4 text-zinc-600 dark:text-zinc-400">It is not in flightdeck.config.yaml, or you may not see it.</p>
      <Link href="/" className="underline">
        Back to the overview
      </Link>
    </main>
  );
}
