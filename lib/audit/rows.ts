import type { AuditRecord, ActorType, JsonValue, Outcome } from "./types";

/** A row as Prisma returns it (camel-case model fields). */
export interface AuditRow {
  id: bigint;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorLogin: string | null;
  action: string;
  application: string | null;
  environment: string | null;
  targetType: string | null;
  target: string | null;
  outcome: string;
  correlationId: string | null;
  ip: string | null;
  userAgent: string | null;
  payload: unknown;
  prevHash: string;
  hash: string;
}

export function toAuditRecord(row: AuditRow): AuditRecord {
  return {
    ...row,
    actorType: row.actorType as ActorType,
    outcome: row.outcome as Outcome,
    payload: (row.payload ?? null) as JsonValue,
  };
}
