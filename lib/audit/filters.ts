import { z } from "zod";
import { ACTION_PATTERN, ACTOR_TYPES, OUTCOMES, type ActorType, type Outcome } from "./types";

// The /audit filters live in the URL. One schema parses them for the page and for the export, so both
// always show the same set. A bad value is reported next to its field and ignored, never guessed at.

const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;

/**
 * Times: full ISO-8601 with an offset, or what <input type="datetime-local"> sends ("2026-11-22T09:30",
 * seconds optional), which the form labels as UTC.
 */
const time = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/, "expected a date and time like 2026-11-22T09:30")
  .transform((value, ctx) => {
    const withZone = /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
    const date = new Date(withZone);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "not a real date" });
      return z.NEVER;
    }
    return date;
  });

const cursor = z.string().regex(/^\d{1,19}$/, "expected an event number").transform((value) => BigInt(value));

export const auditFilterFields = {
  actor: z.string().regex(LOGIN, "expected a GitHub login"),
  actorType: z.enum(ACTOR_TYPES, { message: `expected one of ${ACTOR_TYPES.join(", ")}` }),
  app: z.string().max(100).regex(SLUG, "expected an application slug"),
  env: z.string().max(100).regex(SLUG, "expected an environment name"),
  action: z.string().max(100).regex(ACTION_PATTERN, "expected an action like deploy.requested"),
  outcome: z.enum(OUTCOMES, { message: `expected one of ${OUTCOMES.join(", ")}` }),
  from: time,
  to: time,
  q: z.string().max(200, "at most 200 characters"),
  correlation: z.string().max(100).regex(/^[\w.:-]+$/, "expected a correlation id"),
  before: cursor,
  after: cursor,
} as const;

export type AuditFilterField = keyof typeof auditFilterFields;

export interface AuditFilters {
  actor?: string;
  actorType?: ActorType;
  app?: string;
  env?: string;
  action?: string;
  outcome?: Outcome;
  from?: Date;
  to?: Date;
  q?: string;
  correlation?: string;
  /** Keyset cursors: events older than `before`, or newer than `after`. */
  before?: bigint;
  after?: bigint;
}

export interface ParsedAuditFilters {
  filters: AuditFilters;
  /** Field → message, for values that were given but are not valid (those are ignored). */
  errors: Partial<Record<AuditFilterField, string>>;
}

type SearchParams = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: SearchParams, key: string): string | undefined {
  const raw = params instanceof URLSearchParams ? params.get(key) ?? undefined : params[key];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function parseAuditFilters(params: SearchParams): ParsedAuditFilters {
  const filters: Record<string, unknown> = {};
  const errors: Partial<Record<AuditFilterField, string>> = {};
  for (const [key, schema] of Object.entries(auditFilterFields) as [AuditFilterField, z.ZodType][]) {
    const value = read(params, key);
    if (value === undefined) continue;
    const result = schema.safeParse(value);
    if (result.success) filters[key] = result.data;
    else errors[key] = result.error.issues[0]?.message ?? "invalid";
  }
  const parsed = filters as AuditFilters;
  if (parsed.from && parsed.to && parsed.from > parsed.to) {
    errors.to = "must not be before “from”";
    delete parsed.to;
  }
  if (parsed.before !== undefined && parsed.after !== undefined) delete parsed.after;
  return { filters: parsed, errors };
}

/** The filters as URL search params (cursors left out unless asked), for links and the export. */
export function filtersToSearchParams(filters: AuditFilters, extra: { before?: bigint; after?: bigint } = {}): URLSearchParams {
  const params = new URLSearchParams();
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== "") params.set(key, value);
  };
  put("actor", filters.actor);
  put("actorType", filters.actorType);
  put("app", filters.app);
  put("env", filters.env);
  put("action", filters.action);
  put("outcome", filters.outcome);
  put("from", filters.from?.toISOString());
  put("to", filters.to?.toISOString());
  put("q", filters.q);
  put("correlation", filters.correlation);
  put("before", extra.before?.toString());
  put("after", extra.after?.toString());
  return params;
}

export function hasAnyFilter(filters: AuditFilters): boolean {
  return Object.entries(filters).some(([key, value]) => key !== "before" && key !== "after" && value !== undefined);
}
