import { Avatar } from "./avatar";

/** A person by GitHub login and avatar; "unknown" in grey when we do not know who. */
export function PersonChip({ person, fallback = "unknown" }: { person: { login: string; avatarUrl: string | null } | null; fallback?: string }) {
  if (!person) return <span className="text-zinc-500 dark:text-zinc-400">{fallback}</span>;
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap">
      <Avatar src={person.avatarUrl} login={person.login} size={16} />
      <span>{person.login}</span>
    </span>
  );
}
