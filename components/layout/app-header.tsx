import Link from "next/link";
import { ROLE_LABELS, type Role } from "@/lib/authz/roles";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";

export interface HeaderUser {
  login: string;
  name: string | null;
  avatarUrl: string | null;
  roles: Role[];
}

export function AppHeader({ user, org }: { user: HeaderUser; org: string }) {
  return (
    <header className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mx-auto flex h-12 max-w-screen-2xl items-center gap-2 px-4 sm:gap-4">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <LogoMark />
          Flightdeck
        </Link>
        <span className="hidden text-sm text-zinc-500 sm:inline dark:text-zinc-400">{org}</span>
        <nav aria-label="Main" className="flex items-center gap-1 text-sm">
          <Link href="/" className="rounded px-2 py-1 hover:bg-zinc-200 dark:hover:bg-zinc-800">
            Overview
          </Link>
          <Link href="/approvals" className="rounded px-2 py-1 hover:bg-zinc-200 dark:hover:bg-zinc-800">
            Approvals
          </Link>
          <Link href="/metrics" className="rounded px-2 py-1 hover:bg-zinc-200 dark:hover:bg-zinc-800">
            Metrics
          </Link>
          <Link href="/flags" className="rounded px-2 py-1 hover:bg-zinc-200 dark:hover:bg-zinc-800">
            Flags
          </Link>
          <Link href="/audit" className="rounded px-2 py-1 hover:bg-zinc-200 dark:hover:bg-zinc-800">
            Audit
          </Link>
          {user.roles.includes("admin") ? (
            <Link href="/admin/roles" className="rounded px-2 py-1 hover:bg-zinc-200 dark:hover:bg-zinc-800">
              Admin
            </Link>
          ) : null}
        </nav>
        <div className="ml-auto flex items-center gap-3" data-testid="current-user">
          <Avatar src={user.avatarUrl} login={user.login} />
          <span className="text-sm">
            <span className="font-medium">{user.login}</span>
            {user.name && user.name !== user.login ? <span className="hidden text-zinc-500 sm:inline"> · {user.name}</span> : null}
          </span>
          <ul aria-label="Your roles" className="hidden flex-wrap gap-1 md:flex" data-testid="current-roles">
            {user.roles.map((role) => (
              <li key={role}>
                <Badge data-role={role}>{ROLE_LABELS[role]}</Badge>
              </li>
            ))}
          </ul>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}

function LogoMark() {
  return (
    <svg aria-hidden viewBox="0 0 24 24" width="20" height="20" className="text-sky-600 dark:text-sky-400">
      <path fill="currentColor" d="M2 13.5 22 4l-6.5 17-3.2-6.3L2 13.5Zm10.9.7 2.1 4.2L19 7.6l-6.1 6.6Z" />
    </svg>
  );
}
