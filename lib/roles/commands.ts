import "server-only";
import { z } from "zod";
import { ENVIRONMENT_ROLES, GRANTABLE_ROLES } from "@/lib/authz/roles";
import { defineCommand } from "@/lib/commands/define-command";
import { findEnvironment, getConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { ConflictError, InvalidInputError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { findOrgSubject } from "@/lib/github/org-directory";
import { userGitHubToken } from "@/lib/github/user-token";
import { describeBinding, scopeLabel, type BindingIdentity } from "./model";

// Granting and revoking roles, through the one command pipeline: only admins (roles.manage, which no
// environment-limited role carries), audited as role.granted / role.revoked with subject, role and
// scope, idempotent per submission, and applied on the grantee's next request (roles are read per
// request, lib/roles/bindings-for.ts).

// GitHub's rules: logins are alphanumerics and single hyphens (≤ 39); team slugs are lower-case
// alphanumerics, hyphens, underscores and dots.
const LOGIN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}$/;
const TEAM_SLUG = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** Hidden form values arrive as "" when absent. */
const optionalName = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((value) => value || null);

const identityShape = {
  subjectType: z.enum(["user", "team"], { message: "Choose a GitHub login or a team." }),
  subject: z.string().trim().min(1, "Name the GitHub login or team.").max(140),
  application: optionalName,
  environment: optionalName,
};

/**
 * "@Dana" → "dana"; "@skyward/Release-Managers" or "skyward/release-managers" → "release-managers".
 * A team of another org is left with its slash, so the format check below refuses it.
 */
function canonicalSubject(type: "user" | "team", raw: string): string {
  const name = raw.trim().replace(/^@/, "").toLowerCase();
  if (type === "team") {
    const prefix = `${getConfig().github.org.toLowerCase()}/`;
    return name.startsWith(prefix) ? name.slice(prefix.length) : name;
  }
  return name;
}

function checkIdentity(value: { subjectType: "user" | "team"; subject: string; application: string | null; environment: string | null }, ctx: z.RefinementCtx) {
  const org = getConfig().github.org;
  if (value.subjectType === "user" && !LOGIN.test(value.subject)) {
    ctx.addIssue({ code: "custom", path: ["subject"], message: "Not a GitHub login (letters, digits and single hyphens, at most 39)." });
  }
  if (value.subjectType === "team" && !TEAM_SLUG.test(value.subject)) {
    ctx.addIssue({ code: "custom", path: ["subject"], message: value.subject.includes("/") ? `Only teams of ${org} can be granted roles.` : "Not a GitHub team slug (e.g. release-managers)." });
  }
  if ((value.application === null) !== (value.environment === null)) {
    ctx.addIssue({ code: "custom", path: ["environment"], message: "Name both the application and the environment, or neither." });
  }
}

export const grantRoleInput = z
  .object({
    ...identityShape,
    role: z.enum(GRANTABLE_ROLES, { message: "Choose deployer, release manager, on-call or admin (every member is a viewer already)." }),
  })
  .transform((value) => ({ ...value, subject: canonicalSubject(value.subjectType, value.subject) }))
  .superRefine((value, ctx) => {
    checkIdentity(value, ctx);
    if (value.application && value.environment) {
      if (!findEnvironment(value.application, value.environment)) {
        ctx.addIssue({ code: "custom", path: ["environment"], message: `There is no environment ${value.application}/${value.environment} in the config.` });
      } else if (!(ENVIRONMENT_ROLES as readonly string[]).includes(value.role)) {
        ctx.addIssue({ code: "custom", path: ["environment"], message: "Admin is about Flightdeck itself: it cannot be limited to an environment." });
      }
    }
  });

// Revoking names a binding as it is stored: no config check, so a binding for an environment the
// config no longer has can still be revoked.
export const revokeRoleInput = z
  .object({ ...identityShape, role: z.string().trim().min(1, "Choose the role.").max(50) })
  .transform((value) => ({ ...value, subject: canonicalSubject(value.subjectType, value.subject) }))
  .superRefine(checkIdentity);

function scopeOf(binding: BindingIdentity) {
  return {
    ...(binding.application && binding.environment ? { application: binding.application, environment: binding.environment } : {}),
    targetType: binding.subjectType,
    target: binding.subject,
  };
}

const whereBinding = (binding: BindingIdentity) => ({
  subjectType: binding.subjectType,
  subject: binding.subject,
  role: binding.role,
  application: binding.application,
  environment: binding.environment,
});

const bindingSelect = { id: true, subjectType: true, subject: true, role: true, application: true, environment: true, grantedBy: true, createdAt: true } as const;

function toJson(row: { id: string; subjectType: string; subject: string; role: string; application: string | null; environment: string | null; grantedBy: string; createdAt: Date }) {
  return { ...row, subjectType: row.subjectType as BindingIdentity["subjectType"], scope: scopeLabel(row), createdAt: row.createdAt.toISOString() };
}

function alreadyExists(binding: BindingIdentity, existing: { grantedBy: string; createdAt: Date } | null): ConflictError {
  const since = existing ? ` (granted by ${existing.grantedBy} on ${existing.createdAt.toISOString().slice(0, 10)})` : "";
  return new ConflictError(`${describeBinding(binding, getConfig().github.org)} exists already${since}. Nothing changed.`);
}

/** Grants a role to a GitHub login or team of the org, everywhere or in one environment. */
export const grantRole = defineCommand({
  name: "role.grant",
  input: grantRoleInput,
  audit: { action: "role.grant", successAction: "role.granted" },
  // A lock stops releases, not the people who manage them.
  authorize: ({ input }) => ({ permission: "roles.manage", scope: scopeOf(input), lock: "ignore" }),
  async effect({ actor, input }) {
    const binding: BindingIdentity = input;
    const existing = await db().roleBinding.findFirst({ where: whereBinding(binding), select: { grantedBy: true, createdAt: true } });
    if (existing) throw alreadyExists(binding, existing);

    // The subject must exist in the org: a typo would otherwise grant nothing, silently.
    const { org } = getConfig().github;
    const found = await findOrgSubject({ token: await userGitHubToken(actor.id), org, type: binding.subjectType, name: binding.subject });
    if (!found) {
      throw new InvalidInputError({ subject: [binding.subjectType === "team" ? `${org} has no team "${binding.subject}".` : `${binding.subject} is not a member of ${org}.`] });
    }

    try {
      const row = await db().roleBinding.create({ data: { ...whereBinding({ ...binding, subject: found }), grantedBy: actor.login }, select: bindingSelect });
      const granted = toJson(row);
      return { result: granted, payload: { subjectType: granted.subjectType, subject: granted.subject, role: granted.role, scope: granted.scope, before: null, after: granted } };
    } catch (error) {
      // Two admins granting the same binding at once: the unique index decides, the second hears why.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw alreadyExists(binding, await db().roleBinding.findFirst({ where: whereBinding(binding), select: { grantedBy: true, createdAt: true } }));
      }
      throw error;
    }
  },
  live: (result) => ({ type: "role.granted", application: result.application, environment: result.environment }),
});

/** pg_advisory_xact_lock key for revokes ("role"), so two admins cannot each remove the other's last admin binding. */
const REVOKE_LOCK_KEY = 0x726f6c65;

/**
 * Teams the config maps to admin. When there is one, admins come from GitHub and no Flightdeck
 * binding is needed to keep one; when there is none, the last binding granting admin everywhere is
 * the only way anyone manages roles, and revoking it is refused.
 */
export function adminTeamsInConfig(teamRoles: Readonly<Record<string, readonly string[]>>): string[] {
  return Object.entries(teamRoles)
    .filter(([, roles]) => roles.includes("admin"))
    .map(([team]) => team);
}

/** Revokes a binding granted in Flightdeck (roles from the config's team mapping change only in the config). */
export const revokeRole = defineCommand({
  name: "role.revoke",
  input: revokeRoleInput,
  audit: { action: "role.revoke", successAction: "role.revoked" },
  authorize: ({ input }) => ({ permission: "roles.manage", scope: scopeOf(input), lock: "ignore" }),
  async effect({ input }) {
    const binding: BindingIdentity = input;
    const { github, teamRoles } = getConfig();
    const org = github.org;
    const removed = await db().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REVOKE_LOCK_KEY})`;
      const row = await tx.roleBinding.findFirst({ where: whereBinding(binding), select: bindingSelect });
      if (!row) throw new ConflictError(`There is no binding ${describeBinding(binding, org)}: nothing to revoke (it may have been revoked already).`);
      if (row.role === "admin" && row.application === null && adminTeamsInConfig(teamRoles).length === 0) {
        const others = await tx.roleBinding.count({ where: { role: "admin", application: null, environment: null, id: { not: row.id } } });
        if (others === 0) {
          throw new ConflictError("This is the last binding that grants admin, and no team in the config maps to admin: without it nobody could manage roles. Grant admin to someone else first.");
        }
      }
      await tx.roleBinding.delete({ where: { id: row.id } });
      return toJson(row);
    });
    return { result: removed, payload: { subjectType: removed.subjectType, subject: removed.subject, role: removed.role, scope: removed.scope, before: removed, after: null } };
  },
  live: (result) => ({ type: "role.revoked", application: result.application, environment: result.environment }),
});
