import "server-only";
import { db } from "@/lib/db";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { AuditFilters } from "./filters";
import type { ActorType, JsonValue, Outcome } from "./types";

// Reads of the trail: one page for /audit, or every matching event in batches for the export. Both
// are keyset queries on id (the chain order) so page 1000 costs what page 1 costs; each filter has an
// index that starts with the filtered column and ends with id (see the audit migration).

/** What the UI and the export get: ids as strings, request metadata only when the reader may see it. */
export interface AuditEventView {
  id: string;
  occurredAt: string;
  actorType: ActorType;
  actorId: string | null;
  actorLogin: string | null;
  actorAvatarUrl: string | null;
  action: string;
  application: string | null;
  environment: string | null;
  targetType: string | null;
  target: string | null;
  outcome: Outcome;
  correlationId: string | null;
  /** Present (possibly null) only for readers with audit.request_meta. */
  ip?: string | null;
  userAgent?: string | null;
  payload: JsonValue;
  hash: string;
}

interface Row {
  id: bigint;
  occurred_at: Date;
  actor_type: string;
  actor_id: string | null;
  actor_login: string | null;
  avatar_url: string | null;
  action: string;
  application: string | null;
  environment: string | null;
  target_type: string | null;
  target: string | null;
  outcome: string;
  correlation_id: string | null;
  ip: string | null;
  user_agent: string | null;
  payload: JsonValue;
  hash: string;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The WHERE clause for the filters (without cursors). Exported for the benchmark's EXPLAIN. */
export function auditWhere(filters: AuditFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filters.actor) parts.push(Prisma.sql`lower(e.actor_login) = ${filters.actor.toLowerCase()}`);
  if (filters.actorType) parts.push(Prisma.sql`e.actor_type = ${filters.actorType}`);
  if (filters.app) parts.push(Prisma.sql`e.application = ${filters.app}`);
  if (filters.env) parts.push(Prisma.sql`e.environment = ${filters.env}`);
  if (filters.action) parts.push(Prisma.sql`e.action = ${filters.action}`);
  if (filters.outcome) parts.push(Prisma.sql`e.outcome = ${filters.outcome}`);
  // Time never decreases along the chain (the writer guarantees it, verify checks it), so a time range
  // is also an id range, found with one probe of the occurred_at index per bound. The id bounds let the
  // planner walk the primary key over just that range instead of filtering from the newest event back.
  if (filters.from) {
    parts.push(Prisma.sql`e.occurred_at >= ${filters.from}`);
    parts.push(Prisma.sql`e.id >= COALESCE((SELECT b.id FROM audit_events b WHERE b.occurred_at >= ${filters.from}
                                            ORDER BY b.occurred_at, b.id LIMIT 1), 9223372036854775807)`);
  }
  if (filters.to) {
    parts.push(Prisma.sql`e.occurred_at <= ${filters.to}`);
    parts.push(Prisma.sql`e.id <= COALESCE((SELECT b.id FROM audit_events b WHERE b.occurred_at <= ${filters.to}
                                            ORDER BY b.occurred_at DESC, b.id DESC LIMIT 1), 0)`);
  }
  if (filters.q) parts.push(Prisma.sql`e.target ILIKE ${likePattern(filters.q)}`);
  if (filters.correlation) parts.push(Prisma.sql`e.correlation_id = ${filters.correlation}`);
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}

async function query(
  client: PrismaClient,
  filters: AuditFilters,
  cursor: { before?: bigint; after?: bigint },
  limit: number,
): Promise<Row[]> {
  const where = auditWhere(filters);
  const keyset =
    cursor.after !== undefined
      ? Prisma.sql`AND e.id > ${cursor.after}`
      : cursor.before !== undefined
        ? Prisma.sql`AND e.id < ${cursor.before}`
        : Prisma.empty;
  const order = cursor.after !== undefined ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  // Users are joined after the LIMIT so the planner walks one audit index and then 50 user lookups.
  return client.$queryRaw<Row[]>`
    SELECT e.*, u.avatar_url FROM (
      SELECT e.id, e.occurred_at, e.actor_type, e.actor_id::text AS actor_id, e.actor_login, e.action, e.application,
             e.environment, e.target_type, e.target, e.outcome, e.correlation_id, e.ip, e.user_agent, e.payload, e.hash
      FROM audit_events e
      WHERE ${where} ${keyset}
      ORDER BY e.id ${order}
      LIMIT ${limit}
    ) e LEFT JOIN users u ON u.id = e.actor_id::uuid
    ORDER BY e.id ${order}`;
}

function toView(row: Row, includeRequestMeta: boolean): AuditEventView {
  const view: AuditEventView = {
    id: row.id.toString(),
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorType: row.actor_type as ActorType,
    actorId: row.actor_id,
    actorLogin: row.actor_login,
    actorAvatarUrl: row.avatar_url,
    action: row.action,
    application: row.application,
    environment: row.environment,
    targetType: row.target_type,
    target: row.target,
    outcome: row.outcome as Outcome,
    correlationId: row.correlation_id,
    payload: row.payload,
    hash: row.hash,
  };
  if (includeRequestMeta) {
    view.ip = row.ip;
    view.userAgent = row.user_agent;
  }
  return view;
}

export interface AuditPage {
  events: AuditEventView[];
  /** Cursor for the next (older) page, when there is one. */
  older: string | null;
  /** Cursor for the previous (newer) page, when there is one. */
  newer: string | null;
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of events, newest first. `filters.before` / `filters.after` select the page. */
export async function findAuditEvents(options: {
  filters: AuditFilters;
  includeRequestMeta: boolean;
  limit?: number;
  db?: PrismaClient;
}): Promise<AuditPage> {
  const client = options.db ?? db();
  const limit = options.limit ?? AUDIT_PAGE_SIZE;
  const { before, after } = options.filters;
  const rows = await query(client, options.filters, { before, after }, limit + 1);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (after !== undefined) page.reverse();
  const events = page.map((row) => toView(row, options.includeRequestMeta));
  const first = events[0]?.id ?? null;
  const last = events[events.length - 1]?.id ?? null;
  if (after !== undefined) {
    return { events, newer: more ? first : null, older: last };
  }
  return { events, older: more ? last : null, newer: before !== undefined ? first : null };
}

/**
 * Every event matching the filters, newest first, in keyset batches: memory stays at one batch
 * however large the set. The cursors in `filters` are ignored (an export is always the whole set).
 */
export async function* streamAuditEvents(options: {
  filters: AuditFilters;
  includeRequestMeta: boolean;
  batchSize?: number;
  db?: PrismaClient;
}): AsyncGenerator<AuditEventView[]> {
  const client = options.db ?? db();
  const batchSize = options.batchSize ?? 1000;
  let before: bigint | undefined;
  for (;;) {
    const rows = await query(client, options.filters, { before }, batchSize);
    if (rows.length === 0) return;
    yield rows.map((row) => toView(row, options.includeRequestMeta));
    if (rows.length < batchSize) return;
    before = rows[rows.length - 1]!.id;
  }
}
