import type { ReactNode } from "react";

/** A titled block of the environment page; `id` makes it linkable (#not-yet-here). */
export function Section({ id, title, aside, children }: { id: string; title: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} id={id} className="mb-5">
      <div className="mb-1.5 flex flex-wrap items-baseline gap-x-3">
        <h2 id={`${id}-title`} className="text-sm font-semibold">
          {title}
        </h2>
        {aside ? <span className="text-xs text-zinc-500 dark:text-zinc-400">{aside}</span> : null}
      </div>
      {children}
    </section>
  );
}

export const th = "px-2 py-1.5 text-left text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400";
export const td = "px-2 py-1.5 align-top";
export const tableBox = "overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800";

export function Empty({ children, testId, data }: { children: ReactNode; testId?: string; data?: { base: string; head: string } }) {
  return (
    <p className="rounded-md border border-dashed border-zinc-300 p-3 text-center text-zinc-500 dark:border-zinc-700" data-testid={testId} data-base={data?.base} data-head={data?.head}>
      {children}
    </p>
  );
}
