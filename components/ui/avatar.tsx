import { cn } from "./cn";

/** A person's GitHub avatar; the login is the accessible name. */
export function Avatar({ src, login, size = 24, className }: { src: string | null; login: string; size?: number; className?: string }) {
  if (!src) {
    return (
      <span
        aria-hidden
        style={{ width: size, height: size }}
        className={cn("inline-flex items-center justify-center rounded-full bg-zinc-300 text-[10px] font-semibold uppercase dark:bg-zinc-700", className)}
      >
        {login.slice(0, 2)}
      </span>
    );
  }
  // Avatars come from the configured GitHub host; next/image would need that host at build time.
  // eslint-disable-next-line @next/next/no-img-element
  return <img src={src} alt="" width={size} height={size} className={cn("rounded-full", className)} />;
}
