import "server-only";
import { findAuditEvents, type AuditEventView } from "@/lib/audit/find-audit-events";
import { db } from "@/lib/db";
import { coerceStored, type FlagStateValues, type FlagType } from "./model";

// Reads for the flag pages, mapped to small DTOs (dates as ISO strings) for client components.

export interface FlagStateView extends FlagStateValues {
  environment: string;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

export interface FlagView {
  key: string;
  type: FlagType;
  description: string;
  owner: string;
  createdBy: string;
  createdAt: string;
  archivedAt: string | null;
  states: Record<string, FlagStateView>;
}

const flagSelect = {
  key: true,
  type: true,
  description: true,
  owner: true,
  createdBy: true,
  createdAt: true,
  archivedAt: true,
  states: {
    select: { environment: true, enabled: true, defaultValue: true, rolloutValue: true, rolloutPercentage: true, allowList: true, version: true, updatedBy: true, updatedAt: true },
  },
} as const;

type FlagRow = {
  key: string;
  type: string;
  description: string;
  owner: string;
  createdBy: string;
  createdAt: Date;
  archivedAt: Date | null;
  states: { environment: string; enabled: boolean; defaultValue: unknown; rolloutValue: unknown; rolloutPercentage: number; allowList: string[]; version: number; updatedBy: string; updatedAt: Date }[];
};

function toView(row: FlagRow): FlagView {
  const type = row.type as FlagType;
  return {
    key: row.key,
    type,
    description: row.description,
    owner: row.owner,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    archivedAt: row.archivedAt?.toISOString() ?? null,
    states: Object.fromEntries(
      row.states.map((state) => [
        state.environment,
        {
          environment: state.environment,
          enabled: state.enabled,
          defaultValue: coerceStored(type, state.defaultValue),
          rolloutValue: coerceStored(type, state.rolloutValue),
          rolloutPercentage: state.rolloutPercentage,
          allowList: state.allowList,
          version: state.version,
          updatedBy: state.updatedBy,
          updatedAt: state.updatedAt.toISOString(),
        },
      ]),
    ),
  };
}

/** The active flags of an application, by key. */
export async function findFlags(application: string): Promise<FlagView[]> {
  const rows = await db().flag.findMany({ where: { application, archivedAt: null }, orderBy: { key: "asc" }, select: flagSelect });
  return rows.map(toView);
}

/** One flag (archived too, so its history stays readable). */
export async function getFlag(application: string, key: string): Promise<FlagView | null> {
  const row = await db().flag.findUnique({ where: { application_key: { application, key } }, select: flagSelect });
  return row ? toView(row) : null;
}

/** Active flag counts per application, for the /flags index. */
export async function countFlagsByApplication(): Promise<Record<string, number>> {
  const groups = await db().flag.groupBy({ by: ["application"], where: { archivedAt: null }, _count: { _all: true } });
  return Object.fromEntries(groups.map((group) => [group.application, group._count._all]));
}

/**
 * A flag's change history from the audit trail: outcomes (with before/after) and refusals, newest
 * first. The audit filter `q` is a substring match on the target, so exact matches are kept here.
 */
export async function findFlagHistory(application: string, key: string, limit = 100): Promise<AuditEventView[]> {
  const page = await findAuditEvents({ filters: { app: application, q: key }, includeRequestMeta: false, limit: limit * 2 });
  return page.events.filter((event) => event.targetType === "flag" && event.target === key && event.outcome !== "requested").slice(0, limit);
}

export interface ApiKeyView {
  id: string;
  application: string;
  environment: string;
  name: string;
  prefix: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

export async function findApiKeys(): Promise<ApiKeyView[]> {
  const rows = await db().flagApiKey.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, application: true, environment: true, name: true, prefix: true, createdBy: true, createdAt: true, revokedAt: true, revokedBy: true },
    take: 500,
  });
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), revokedAt: row.revokedAt?.toISOString() ?? null }));
}
