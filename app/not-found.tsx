import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md p-8 text-center">
      <h1 className="mb-2 text-lg font-semibold">Not found</h1>
      <p className="mb-4 text-zinc-600 dark:text-zinc-400">There is nothing here, or you may not see it.</p>
      <Link href="/" className="underline">
        Back to the overview
      </Link>
    </main>
  );
}
