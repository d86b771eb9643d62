import "server-only";
import { z } from "zod";
import { defineCommand } from "@/lib/commands/define-command";
import { findEnvironment } from "@/lib/config";
import { db } from "@/lib/db";
import { findEnvironmentLock } from "@/lib/commands/locks";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { expireLock } from "./lock-expiry";

const target = {
  application: z.string().min(1).max(100),
  environment: z.string().min(1).max(100),
};

function scopeOf(input: { application: string; environment: string }) {
  if (!findEnvironment(input.application, input.environment)) throw new NotFoundError(`There is no environment ${input.application}/${input.environment}.`);
  return { application: input.application, environment: input.environment, targetType: "environment", target: `${input.application}/${input.environment}` };
}

export const LOCK_EXPIRY_CHOICES = ["none", "1h", "4h", "end_of_day", "custom"] as const;
const MAX_EXPIRY_MS = 90 * 24 * 60 * 60 * 1000;

const lockInput = z
  .object({
    ...target,
    reason: z.string().trim().min(3, "Say why, so others know (at least 3 characters).").max(500),
    expiry: z.enum(LOCK_EXPIRY_CHOICES).default("none"),
    /** For end_of_day and custom: the instant, computed in the browser's time zone. */
    expiresAt: z.iso.datetime({ offset: true, error: "Pick a date and time." }).optional().or(z.literal("").transform(() => undefined)),
  })
  .superRefine((input, ctx) => {
    if ((input.expiry === "end_of_day" || input.expiry === "custom") && !input.expiresAt) ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "Pick a date and time." });
  });

/** When the lock ends: relative choices count from now (the server's clock), absolute ones must lie ahead. */
function expiresAtOf(input: z.infer<typeof lockInput>, now: Date): Date | null {
  if (input.expiry === "none") return null;
  if (input.expiry === "1h") return new Date(now.getTime() + 60 * 60_000);
  if (input.expiry === "4h") return new Date(now.getTime() + 4 * 60 * 60_000);
  const at = new Date(input.expiresAt!);
  if (at.getTime() <= now.getTime() + 60_000) throw new InvalidInputError({ expiresAt: ["Pick a time at least a minute from now."] });
  if (at.getTime() > now.getTime() + MAX_EXPIRY_MS) throw new InvalidInputError({ expiresAt: ["At most 90 days ahead; leave it without expiry to lock until unlocked."] });
  return at;
}

/**
 * Locks an environment: deploys and flag changes are refused there until it is unlocked or the optional
 * expiry passes; rollback still works (on-call must be able to act in an incident). Release managers and
 * on-call may lock.
 */
export const lockEnvironment = defineCommand({
  name: "env.lock",
  input: lockInput,
  audit: { action: "env.lock", successAction: "env.locked" },
  authorize: ({ input }) => ({ permission: "env.lock", scope: scopeOf(input), lock: "ignore" }),
  async effect({ actor, input }) {
    const expiresAt = expiresAtOf(input, new Date());
    // An expired lock not yet swept would make the insert collide: expire it first (recorded once).
    await expireLock(db(), input.application, input.environment);
    try {
      const lock = await db().environmentLock.create({
        data: { application: input.application, environment: input.environment, lockedBy: actor.login, reason: input.reason, expiresAt },
        select: { lockedBy: true, reason: true, expiresAt: true },
      });
      const after = { lockedBy: lock.lockedBy, reason: lock.reason, expiresAt: lock.expiresAt?.toISOString() ?? null };
      return { result: { locked: true, expiresAt: after.expiresAt }, payload: { before: null, after } };
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        const existing = await findEnvironmentLock(input.application, input.environment);
        throw new ConflictError(`${input.environment} is already locked${existing ? ` by ${existing.lockedBy}: ${existing.reason}` : ""}.`);
      }
      throw error;
    }
  },
});

/** Unlocks an environment. Only release managers: on-call may stop the line, not restart it. */
export const unlockEnvironment = defineCommand({
  name: "env.unlock",
  input: z.object(target),
  audit: { action: "env.unlock", successAction: "env.unlocked" },
  authorize: ({ input }) => ({ permission: "env.unlock", scope: scopeOf(input), lock: "ignore" }),
  async effect({ input }) {
    // A lock past its expiry is no longer a lock: it is recorded as expired, not as unlocked by this person.
    await expireLock(db(), input.application, input.environment);
    const where = { application_environment: { application: input.application, environment: input.environment } };
    const removed = await db().environmentLock.delete({ where, select: { lockedBy: true, reason: true, expiresAt: true } }).catch((error: unknown) => {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") return null;
      throw error;
    });
    if (!removed) throw new ConflictError(`${input.environment} is not locked.`);
    return { result: { locked: false }, payload: { before: { lockedBy: removed.lockedBy, reason: removed.reason, expiresAt: removed.expiresAt?.toISOString() ?? null }, after: null } };
  },
});
