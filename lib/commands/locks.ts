import "server-only";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface EnvironmentLockView {
  lockedBy: string;
  reason: string;
  createdAt: Date;
  /** Null: until a release manager unlocks it. */
  expiresAt: Date | null;
}

/**
 * Rows that still lock: no expiry, or an expiry still ahead. A lock past its expiry refuses nothing,
 * even before the sweep (lib/environments/lock-expiry.ts) has deleted it and recorded the expiry.
 */
export function activeLockWhere(now: Date) {
  return { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

/** The lock that holds on an environment now, or null. */
export async function findEnvironmentLock(application: string, environment: string, options: { prisma?: PrismaClient; now?: Date } = {}): Promise<EnvironmentLockView | null> {
  return (options.prisma ?? db()).environmentLock.findFirst({
    where: { application, environment, ...activeLockWhere(options.now ?? new Date()) },
    select: { lockedBy: true, reason: true, createdAt: true, expiresAt: true },
  });
}
