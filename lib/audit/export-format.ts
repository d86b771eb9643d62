import type { AuditEventView } from "./find-audit-events";

// Line encoders for the export. One line per event, written as the rows stream in.

export const EXPORT_FORMATS = ["csv", "jsonl"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const BASE_COLUMNS = [
  "id",
  "occurred_at",
  "actor_type",
  "actor_login",
  "actor_id",
  "action",
  "outcome",
  "application",
  "environment",
  "target_type",
  "target",
  "correlation_id",
] as const;
const META_COLUMNS = ["ip", "user_agent"] as const;
const TAIL_COLUMNS = ["payload", "hash"] as const;

export function exportColumns(includeRequestMeta: boolean): string[] {
  return [...BASE_COLUMNS, ...(includeRequestMeta ? META_COLUMNS : []), ...TAIL_COLUMNS];
}

/**
 * RFC 4180 field: quoted when needed, quotes doubled. A leading = + - @ (or tab/CR) is prefixed
 * with an apostrophe so a spreadsheet does not run a target or payload as a formula (CSV injection).
 */
export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function values(event: AuditEventView, includeRequestMeta: boolean): Record<string, string | null> {
  return {
    id: event.id,
    occurred_at: event.occurredAt,
    actor_type: event.actorType,
    actor_login: event.actorLogin,
    actor_id: event.actorId,
    action: event.action,
    outcome: event.outcome,
    application: event.application,
    environment: event.environment,
    target_type: event.targetType,
    target: event.target,
    correlation_id: event.correlationId,
    ...(includeRequestMeta ? { ip: event.ip ?? null, user_agent: event.userAgent ?? null } : {}),
    payload: JSON.stringify(event.payload),
    hash: event.hash,
  };
}

export function csvHeader(includeRequestMeta: boolean): string {
  return `${exportColumns(includeRequestMeta).join(",")}\r\n`;
}

export function csvLine(event: AuditEventView, includeRequestMeta: boolean): string {
  const row = values(event, includeRequestMeta);
  return `${exportColumns(includeRequestMeta)
    .map((column) => csvField(row[column]))
    .join(",")}\r\n`;
}

export function jsonLine(event: AuditEventView, includeRequestMeta: boolean): string {
  const { ip, userAgent, ...rest } = event;
  const out = { ...rest, actorAvatarUrl: undefined, ...(includeRequestMeta ? { ip: ip ?? null, userAgent: userAgent ?? null } : {}) };
  return `${JSON.stringify(out)}\n`;
}
