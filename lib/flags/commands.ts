import "server-only";
import { z } from "zod";
import { permissionFor } from "@/lib/authz/policy";
import { defineCommand } from "@/lib/commands/define-command";
import { findApplication, findEnvironment } from "@/lib/config";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import {
  FLAG_TYPES,
  MAX_ALLOW_LIST,
  coerceStored,
  flagKeySchema,
  parseAllowList,
  parseFlagValue,
  rolloutValueFor,
  slugSchema,
  zeroValue,
  type FlagStateValues,
  type FlagType,
} from "./model";

// Flag mutations, each through the one command pipeline (lib/commands): validated, authorized per
// environment (flag.edit.protected / .unprotected), lock-checked, audited with before/after,
// idempotent, and announced on the live channel — which is also what refreshes every instance's OFREP cache.

function application(slug: string) {
  const app = findApplication(slug);
  if (!app) throw new NotFoundError(`No application "${slug}".`);
  return app;
}

function toStateValues(type: FlagType, row: { enabled: boolean; defaultValue: unknown; rolloutValue: unknown; rolloutPercentage: number; allowList: string[] }): FlagStateValues {
  return {
    enabled: row.enabled,
    defaultValue: coerceStored(type, row.defaultValue),
    rolloutValue: coerceStored(type, row.rolloutValue),
    rolloutPercentage: row.rolloutPercentage,
    allowList: row.allowList,
  };
}

const formBoolean = z.union([z.boolean(), z.enum(["true", "false", "on"]).transform((value) => value !== "false")]);
const optionalText = (max: number) => z.string().trim().max(max, `at most ${max} characters`);

// ---------------------------------------------------------------------------------------------------
export const createFlagInput = z.object({
  application: slugSchema,
  key: flagKeySchema,
  type: z.enum(FLAG_TYPES, { message: "choose boolean, string or number" }),
  description: optionalText(500).default(""),
  owner: z.string().trim().min(1, "who owns this flag? a GitHub login or team").max(100, "at most 100 characters"),
});

export const createFlag = defineCommand({
  name: "flag.create",
  input: createFlagInput,
  audit: { action: "flag.created" },
  authorize: ({ input }) => {
    application(input.application);
    // A new flag starts off everywhere: creating one changes nothing that is served.
    return { permission: "flag.edit.unprotected", scope: { application: input.application, targetType: "flag", target: input.key } };
  },
  async effect({ actor, input }) {
    const app = application(input.application);
    const zero = zeroValue(input.type);
    try {
      const flag = await db().flag.create({
        data: {
          application: input.application,
          key: input.key,
          type: input.type,
          description: input.description,
          owner: input.owner,
          createdBy: actor.login,
          states: {
            create: app.environments.map((env) => ({
              application: input.application,
              environment: env.name,
              enabled: false,
              defaultValue: zero,
              rolloutValue: rolloutValueFor(input.type, zero, zero),
              // "Turn on" then means on for everyone; a canary lowers the percentage first.
              rolloutPercentage: 100,
              updatedBy: actor.login,
            })),
          },
        },
        select: { id: true },
      });
      return { result: { id: flag.id, key: input.key }, payload: { after: { ...input, environments: app.environments.map((env) => env.name) } } };
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new ConflictError(`${app.name} already has a flag "${input.key}" (archived flags keep their key).`);
      }
      throw error;
    }
  },
});

// ---------------------------------------------------------------------------------------------------
/**
 * A change of one flag in one environment. Only the fields given change, so a toggle sends `enabled`
 * alone. `type` comes with the form so values get field errors; `version` is the state the form showed
 * (a change made meanwhile by someone else is refused rather than overwritten).
 */
export const changeFlagInput = z
  .object({
    application: slugSchema,
    environment: slugSchema,
    key: flagKeySchema,
    type: z.enum(FLAG_TYPES),
    version: z.coerce.number().int().min(1),
    enabled: formBoolean.optional(),
    defaultValue: z.string().optional(),
    rolloutValue: z.string().optional(),
    rolloutPercentage: z.coerce
      .number({ message: "expected a number from 0 to 100" })
      .int("a whole percentage")
      .min(0, "0 to 100")
      .max(100, "0 to 100")
      .optional(),
    allowList: z
      .string()
      .optional()
      .transform((raw) => (raw === undefined ? undefined : parseAllowList(raw)))
      .refine((list) => list === undefined || list.length <= MAX_ALLOW_LIST, `at most ${MAX_ALLOW_LIST} targeting keys`)
      .refine((list) => list === undefined || list.every((entry) => entry.length <= 256), "each targeting key at most 256 characters"),
  })
  .superRefine((input, ctx) => {
    for (const field of ["defaultValue", "rolloutValue"] as const) {
      const raw = input[field];
      if (raw === undefined || (field === "rolloutValue" && input.type === "boolean")) continue;
      const parsed = parseFlagValue(input.type, raw);
      if (!parsed.ok) ctx.addIssue({ code: "custom", path: [field], message: parsed.message });
    }
  });

export const changeFlag = defineCommand({
  name: "flag.change",
  input: changeFlagInput,
  audit: { action: "flag.changed" },
  authorize: ({ input }) => {
    const found = findEnvironment(input.application, input.environment);
    if (!found) throw new NotFoundError(`No environment "${input.environment}" in "${input.application}".`);
    return {
      permission: permissionFor("flag.edit", found.env),
      scope: { application: input.application, environment: input.environment, targetType: "flag", target: input.key },
    };
  },
  async effect({ actor, input }) {
    return db().$transaction(async (tx) => {
      const current = await tx.flagState.findFirst({
        where: { application: input.application, environment: input.environment, flag: { key: input.key, archivedAt: null } },
        select: {
          flagId: true,
          enabled: true,
          defaultValue: true,
          rolloutValue: true,
          rolloutPercentage: true,
          allowList: true,
          version: true,
          updatedBy: true,
          flag: { select: { type: true } },
        },
      });
      if (!current) throw new NotFoundError(`No flag "${input.key}" in ${input.application}.`);
      const type = current.flag.type as FlagType;
      if (type !== input.type) throw new ConflictError(`"${input.key}" is a ${type} flag now; reload the page.`);
      if (current.version !== input.version) {
        throw new ConflictError(`${current.updatedBy} changed "${input.key}" in ${input.environment} meanwhile. Reload to see their change, then try again.`);
      }
      const before = toStateValues(type, current);
      const value = (raw: string | undefined) => (raw === undefined ? undefined : (parseFlagValue(type, raw) as { ok: true; value: boolean | string | number }).value);
      const defaultValue = value(input.defaultValue) ?? before.defaultValue;
      const after: FlagStateValues = {
        enabled: input.enabled ?? before.enabled,
        defaultValue,
        rolloutValue: rolloutValueFor(type, defaultValue, value(input.rolloutValue) ?? before.rolloutValue),
        rolloutPercentage: input.rolloutPercentage ?? before.rolloutPercentage,
        allowList: input.allowList ?? before.allowList,
      };
      const updated = await tx.flagState.updateMany({
        where: { flagId: current.flagId, environment: input.environment, version: input.version },
        data: { ...after, version: { increment: 1 }, updatedBy: actor.login, updatedAt: new Date() },
      });
      if (updated.count !== 1) throw new ConflictError(`"${input.key}" changed meanwhile. Reload and try again.`);
      return {
        result: { key: input.key, environment: input.environment, version: input.version + 1 },
        payload: { before, after },
      };
    });
  },
});

// ---------------------------------------------------------------------------------------------------
export const archiveFlagInput = z.object({ application: slugSchema, key: flagKeySchema });

export const archiveFlag = defineCommand({
  name: "flag.archive",
  input: archiveFlagInput,
  audit: { action: "flag.archived" },
  authorize: ({ input }) => {
    const app = application(input.application);
    // Archiving stops serving the flag everywhere, production included.
    const anyProtected = app.environments.some((env) => env.protected);
    return { permission: anyProtected ? "flag.edit.protected" : "flag.edit.unprotected", scope: { application: input.application, targetType: "flag", target: input.key } };
  },
  async effect({ actor, input }) {
    const updated = await db().flag.updateMany({
      where: { application: input.application, key: input.key, archivedAt: null },
      data: { archivedAt: new Date(), archivedBy: actor.login },
    });
    if (updated.count !== 1) throw new NotFoundError(`No active flag "${input.key}" in ${input.application}.`);
    return { result: { key: input.key }, payload: { before: { archived: false }, after: { archived: true } } };
  },
});

// ---------------------------------------------------------------------------------------------------
/** The secret itself never enters the pipeline: the action generates it and passes only its hash. */
export const createApiKeyInput = z.object({
  application: slugSchema,
  environment: slugSchema,
  name: z.string().trim().min(1, "name the service that will use this key").max(100, "at most 100 characters"),
  secretHash: z.string().regex(/^[0-9a-f]{64}$/),
  prefix: z.string().regex(/^fdk_[A-Za-z0-9_-]{8}$/),
});

export const createApiKey = defineCommand({
  name: "api_key.create",
  input: createApiKeyInput,
  audit: { action: "api_key.created" },
  authorize: ({ input }) => {
    if (!findEnvironment(input.application, input.environment)) throw new NotFoundError(`No environment "${input.environment}" in "${input.application}".`);
    // Issuing a key changes nothing served: a locked environment still gets keys.
    return { permission: "tokens.manage", lock: "ignore", scope: { application: input.application, environment: input.environment, targetType: "api_key", target: input.name } };
  },
  async effect({ actor, input }) {
    const key = await db().flagApiKey.create({
      data: { application: input.application, environment: input.environment, name: input.name, prefix: input.prefix, secretHash: input.secretHash, createdBy: actor.login },
      select: { id: true },
    });
    return {
      result: { id: key.id, prefix: input.prefix, application: input.application, environment: input.environment, name: input.name },
      payload: { after: { id: key.id, prefix: input.prefix, name: input.name } },
      target: `${input.name} (${input.prefix}…)`,
    };
  },
});

export const revokeApiKeyInput = z.object({ id: z.string().uuid("unknown key") });

export const revokeApiKey = defineCommand({
  name: "api_key.revoke",
  input: revokeApiKeyInput,
  audit: { action: "api_key.revoked" },
  authorize: async ({ input }) => {
    const key = await db().flagApiKey.findUnique({ where: { id: input.id }, select: { application: true, environment: true, name: true, prefix: true } });
    if (!key) throw new NotFoundError("No such API key.");
    return {
      permission: "tokens.manage",
      lock: "ignore",
      scope: { application: key.application, environment: key.environment, targetType: "api_key", target: `${key.name} (${key.prefix}…)` },
    };
  },
  async effect({ actor, input }) {
    const revoked = await db().flagApiKey.updateMany({ where: { id: input.id, revokedAt: null }, data: { revokedAt: new Date(), revokedBy: actor.login } });
    if (revoked.count !== 1) throw new ConflictError("This key was revoked already.");
    return { result: { id: input.id }, payload: { before: { revoked: false }, after: { revoked: true } } };
  },
});
