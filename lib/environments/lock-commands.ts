import "server-only";
import { z } from "zod";
import { defineCommand } from "@/lib/commands/define-command";
import { findEnvironment } from "@/lib/config";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

const target = {
  application: z.string().min(1).max(100),
  environment: z.string().min(1).max(100),
};

function scopeOf(input: { application: string; environment: string }) {
  if (!findEnvironment(input.application, input.environment)) throw new NotFoundError(`There is no environment ${input.application}/${input.environment}.`);
  return { application: input.application, environment: input.environment, targetType: "environment", target: `${input.application}/${input.environment}` };
}

/**
 * Locks an environment: deploys and flag changes are refused there until it is unlocked; rollback
 * still works (on-call must be able to act in an incident). Release managers and on-call may lock.
 */
export const lockEnvironment = defineCommand({
  name: "env.lock",
  input: z.object({ ...target, reason: z.string().trim().min(3, "Say why, so others know (at least 3 characters).").max(500) }),
  audit: { action: "env.lock", successAction: "env.locked" },
  authorize: ({ input }) => ({ permission: "env.lock", scope: scopeOf(input), lock: "ignore" }),
  async effect({ actor, input }) {
    try {
      const lock = await db().environmentLock.create({
        data: { application: input.application, environment: input.environment, lockedBy: actor.login, reason: input.reason },
        select: { lockedBy: true, reason: true, createdAt: true },
      });
      return { result: { locked: true }, payload: { before: null, after: { lockedBy: lock.lockedBy, reason: lock.reason } } };
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        const existing = await db().environmentLock.findUnique({
          where: { application_environment: { application: input.application, environment: input.environment } },
          select: { lockedBy: true, reason: true },
        });
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
    const where = { application_environment: { application: input.application, environment: input.environment } };
    const removed = await db().environmentLock.delete({ where, select: { lockedBy: true, reason: true } }).catch((error: unknown) => {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") return null;
      throw error;
    });
    if (!removed) throw new ConflictError(`${input.environment} is not locked.`);
    return { result: { locked: false }, payload: { before: { lockedBy: removed.lockedBy, reason: removed.reason }, after: null } };
  },
});
