import "server-only";
import { recordEventWith, type AuditEventInput, type TxClient } from "@/lib/audit/record";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { LiveEvent } from "@/lib/live/publish";

// Expired locks: a lock past its `expires_at` already refuses nothing (lib/commands/locks.ts), so the
// sweep only tidies up and puts the expiry on the record. It must record each expiry exactly once even
// when several instances sweep at once (a leader hand-over, a lock command clearing the way): the
// conditional DELETE … RETURNING and the audit insert share one transaction, so whoever deletes the row
// writes the event, and anyone else finds nothing to delete and writes nothing.

export interface ExpiredLock {
  application: string;
  environment: string;
  lockedBy: string;
  reason: string;
  createdAt: Date;
  expiresAt: Date;
}

interface LockRow {
  application: string;
  environment: string;
  locked_by: string;
  reason: string;
  created_at: Date;
  expires_at: Date;
}

/** Deletes one environment's lock if it has expired, recording env.lock_expired in the same transaction. */
export async function expireLock(prisma: PrismaClient, application: string, environment: string): Promise<ExpiredLock | null> {
  let expired: ExpiredLock | null = null;
  await recordEventWith(async (tx: TxClient): Promise<AuditEventInput | null> => {
    const [row] = await tx.$queryRaw<LockRow[]>`
      DELETE FROM environment_locks
      WHERE application = ${application} AND environment = ${environment} AND expires_at <= clock_timestamp()
      RETURNING application, environment, locked_by, reason, created_at, expires_at`;
    if (!row) return null;
    expired = { application: row.application, environment: row.environment, lockedBy: row.locked_by, reason: row.reason, createdAt: row.created_at, expiresAt: row.expires_at };
    return {
      actor: { type: "system", login: null },
      action: "env.lock_expired",
      outcome: "succeeded",
      application,
      environment,
      targetType: "environment",
      target: `${application}/${environment}`,
      payload: {
        before: { lockedBy: row.locked_by, reason: row.reason, lockedAt: row.created_at.toISOString(), expiresAt: row.expires_at.toISOString() },
        after: null,
      },
    };
  }, { db: prisma });
  return expired;
}

/**
 * Removes every expired lock, each with its env.lock_expired event, and tells open pages. Run by the
 * refresher's leader every few seconds; safe to run anywhere and concurrently.
 */
export async function sweepExpiredLocks(options: { prisma: PrismaClient; publish(event: LiveEvent): Promise<void> }): Promise<ExpiredLock[]> {
  const candidates = await options.prisma.$queryRaw<{ application: string; environment: string }[]>`
    SELECT application, environment FROM environment_locks WHERE expires_at <= clock_timestamp()`;
  const expired: ExpiredLock[] = [];
  for (const candidate of candidates) {
    const lock = await expireLock(options.prisma, candidate.application, candidate.environment);
    if (!lock) continue;
    expired.push(lock);
    await options.publish({ type: "env.lock_expired", application: lock.application, environment: lock.environment });
  }
  return expired;
}
