import type { ReactNode } from "react";

/** The frame of the pages a signed-out person sees. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 p-4 dark:bg-zinc-950">
      <section className="w-full max-w-sm rounded-lg border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <p className="mb-4 flex items-center gap-2 text-lg font-semibold tracking-tight">Flightdeck</p>
        <h1 className="mb-3 text-base font-semibold">{title}</h1>
        {children}
      </section>
    </main>
  );
}
