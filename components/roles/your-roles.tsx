import { ROLE_LABELS, type Role } from "@/lib/authz/roles";
import { Badge } from "@/components/ui/badge";

export interface RoleHere {
  role: Role;
  /** True when the role holds only in this environment (a binding limited to it). */
  onlyHere: boolean;
}

/** The signed-in person's roles in one environment, read on this request (so a new grant shows on reload). */
export function YourRoles({ roles }: { roles: RoleHere[] }) {
  return (
    <ul aria-label="Your roles here" className="flex flex-wrap gap-1" data-testid="environment-roles">
      {roles.map(({ role, onlyHere }) => (
        <li key={role}>
          <Badge data-role={role} title={onlyHere ? "granted for this environment only" : undefined}>
            {ROLE_LABELS[role]}
            {onlyHere ? " (this environment)" : ""}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
