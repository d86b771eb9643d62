import "server-only";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { toAuditRecord, type AuditRow } from "./rows";
import type { AuditRecord } from "./types";

/**
 * Intents (outcome "requested") older than `olderThan` with no outcome recorded under their
 * correlation id: the process died between the intent and the outcome, or the outcome write failed.
 * The reconciler looks each one up (e.g. finds the dispatched run) and calls recordOutcome(); the
 * oldest come first. Uses the partial index on requested events and the correlation_id index.
 */
export async function findUnresolvedIntents(options: {
  olderThan: Date;
  limit?: number;
  db?: PrismaClient;
}): Promise<AuditRecord[]> {
  const client = options.db ?? db();
  const rows = await client.$queryRaw<(Omit<AuditRow, "occurredAt"> & Record<string, unknown>)[]>`
    SELECT i.id, i.occurred_at AS "occurredAt", i.actor_type AS "actorType", i.actor_id::text AS "actorId",
           i.actor_login AS "actorLogin", i.action, i.application, i.environment, i.target_type AS "targetType",
           i.target, i.outcome, i.correlation_id AS "correlationId", i.ip, i.user_agent AS "userAgent",
           i.payload, i.prev_hash AS "prevHash", i.hash
    FROM audit_events i
    WHERE i.outcome = 'requested'
      AND i.correlation_id IS NOT NULL
      AND i.occurred_at < ${options.olderThan}
      AND NOT EXISTS (
        SELECT 1 FROM audit_events o
        WHERE o.correlation_id = i.correlation_id AND o.outcome <> 'requested'
      )
    ORDER BY i.id
    LIMIT ${options.limit ?? 100}`;
  return rows.map((row) => toAuditRecord(row as unknown as AuditRow));
}
