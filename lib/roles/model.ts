// Role bindings as people read them. Plain module (no server-only): the admin page's components and
// unit tests use it too.
import { ROLE_LABELS, isRole } from "@/lib/authz/roles";

export type SubjectType = "user" | "team";

export interface BindingIdentity {
  subjectType: SubjectType;
  subject: string;
  role: string;
  application: string | null;
  environment: string | null;
}

/** "everywhere" or "wumbo/staging". */
export function scopeLabel(binding: { application: string | null; environment: string | null }): string {
  return binding.application && binding.environment ? `${binding.application}/${binding.environment}` : "everywhere";
}

export function subjectLabel(binding: { subjectType: SubjectType; subject: string }, org: string): string {
  return binding.subjectType === "team" ? `team ${org}/${binding.subject}` : binding.subject;
}

export function roleLabel(role: string): string {
  return isRole(role) ? ROLE_LABELS[role] : role;
}

/** "Release manager for dana in wumbo/staging", "Admin for team skyward/platform everywhere". */
export function describeBinding(binding: BindingIdentity, org: string): string {
  const where = binding.application && binding.environment ? `in ${scopeLabel(binding)}` : "everywhere";
  return `${roleLabel(binding.role)} for ${subjectLabel(binding, org)} ${where}`;
}
