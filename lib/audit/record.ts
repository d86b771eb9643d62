import "server-only";
import { randomUUID } from "node:crypto";
import { isIP } from "node:net";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { GENESIS_HASH, hashRecord } from "./canonical";
import { cleanText, normalizePayload } from "./payload";
import { toAuditRecord } from "./rows";
import { ACTION_PATTERN, type AuditActor, type AuditRecord, type Outcome, type RequestMeta } from "./types";

// The only code that writes audit_events. Every insert takes a transaction-scoped advisory lock, reads
// the chain head and the database clock in a *new statement* (in READ COMMITTED each statement takes a
// fresh snapshot, so it sees the row the previous lock holder committed), hashes, inserts and commits,
// which releases the lock. So the chain stays linear however many writers or app instances there are.

/** pg_advisory_xact_lock key for audit inserts ("audi"); distinct from Prisma's migrate lock 72707369. */
export const AUDIT_LOCK_KEY = 0x61756469;
const INSERT_CHUNK = 2000;

export interface AuditDbOptions {
  /** Defaults to the app's client; tests pass the client of their own database. */
  db?: PrismaClient;
}

export interface AuditEventInput {
  actor: AuditActor;
  action: string;
  outcome: Outcome;
  application?: string | null;
  environment?: string | null;
  /** What the event is about: "run", "service", "flag", "role", "user"… */
  targetType?: string | null;
  target?: string | null;
  correlationId?: string | null;
  request?: RequestMeta | null;
  /** Before/after or the inputs. Secrets are redacted by key and by shape before storing. */
  payload?: unknown;
}

type Prepared = Omit<AuditRecord, "id" | "occurredAt" | "prevHash" | "hash">;

function optionalText(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  const text = cleanText(value, max).trim();
  return text === "" ? null : text;
}

function prepare(input: AuditEventInput): Prepared {
  if (!ACTION_PATTERN.test(input.action)) throw new Error(`invalid audit action "${input.action}" (expected noun.verb)`);
  const actor = input.actor;
  const actorLogin = actor.type === "ecs" ? null : optionalText(actor.login, 100);
  if (actor.type === "user" && !actorLogin) throw new Error("a user actor needs a login");
  const ip = input.request?.ip && isIP(input.request.ip) ? input.request.ip : null;
  return {
    actorType: actor.type,
    actorId: actor.type === "user" ? actor.id : null,
    actorLogin,
    action: input.action,
    application: optionalText(input.application, 100),
    environment: optionalText(input.environment, 100),
    targetType: optionalText(input.targetType, 50),
    target: optionalText(input.target, 500),
    outcome: input.outcome,
    correlationId: optionalText(input.correlationId, 100),
    ip,
    userAgent: optionalText(input.request?.userAgent, 512),
    payload: normalizePayload(input.payload),
  };
}

/**
 * Appends events to the chain in one transaction, in the order given. `guard` runs under the lock
 * first; when it returns stored records, nothing is written and those are returned (idempotent outcomes).
 */
async function append(
  inputs: AuditEventInput[] | ((tx: TxClient) => Promise<AuditEventInput[]>),
  options: AuditDbOptions & { guard?: (tx: TxClient) => Promise<AuditRecord[] | null> } = {},
): Promise<AuditRecord[]> {
  if (Array.isArray(inputs) && inputs.length === 0) return [];
  const eager = Array.isArray(inputs) ? inputs.map(prepare) : null;
  const client = options.db ?? db();
  return client.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
      if (options.guard) {
        const existing = await options.guard(tx);
        if (existing) return existing;
      }
      const prepared = eager ?? (await (inputs as (tx: TxClient) => Promise<AuditEventInput[]>)(tx)).map(prepare);
      if (prepared.length === 0) return [];
      const [head] = await tx.$queryRaw<{ prev_hash: string | null; prev_at: Date | null; now: Date; ids: (string | bigint | number)[] }[]>`
        SELECT last.hash AS prev_hash, last.occurred_at AS prev_at,
               clock_timestamp() AS now,
               array(SELECT nextval(pg_get_serial_sequence('audit_events', 'id'))::text
                     FROM generate_series(1, ${prepared.length}::int)) AS ids
        FROM (SELECT 1) AS one
        LEFT JOIN LATERAL (SELECT hash, occurred_at FROM audit_events ORDER BY id DESC LIMIT 1) AS last ON TRUE`;
      if (!head) throw new Error("audit chain head query returned nothing");
      // The database clock, truncated to the column's millisecond precision, is what gets stored
      // and hashed: one clock for every app instance, read under the lock. Never earlier than the
      // previous event (a clock stepped back by NTP), so time never decreases along the chain: verify
      // checks that, and the time-range filter relies on it (find-audit-events.ts).
      const now = Math.floor(new Date(head.now).getTime());
      const occurredAt = new Date(head.prev_at ? Math.max(now, new Date(head.prev_at).getTime()) : now);
      const ids = head.ids.map((id) => BigInt(id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      let prevHash = head.prev_hash ?? GENESIS_HASH;
      const records: AuditRecord[] = prepared.map((event, index) => {
        const record = { ...event, id: ids[index]!, occurredAt, prevHash };
        const hash = hashRecord(record);
        prevHash = hash;
        return { ...record, hash };
      });
      // Postgres takes at most 65,535 bind parameters per statement (17 per row here).
      for (let start = 0; start < records.length; start += INSERT_CHUNK) {
        await tx.auditEvent.createMany({
          data: records.slice(start, start + INSERT_CHUNK).map((record) => ({ ...record, payload: record.payload as object })),
        });
      }
      return records;
    },
    // Twenty writers queue on the lock; each holds it for a few milliseconds.
    { maxWait: 15_000, timeout: 30_000 },
  );
}

export type TxClient = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** Records one event that needs no outcome of its own (a sign-in, a flag change seen as done…). */
export async function recordEvent(input: AuditEventInput, options?: AuditDbOptions): Promise<AuditRecord> {
  const [record] = await append([input], options);
  return record!;
}

/**
 * Makes a change and records the event describing it in one transaction, under the audit lock: both
 * happen or neither does. `change` returns the event, or null when there was nothing to change (e.g.
 * another instance made it first); then nothing is written and null is returned. Used where a change
 * must be recorded exactly once however many instances attempt it (expired environment locks).
 */
export async function recordEventWith(change: (tx: TxClient) => Promise<AuditEventInput | null>, options?: AuditDbOptions): Promise<AuditRecord | null> {
  const [record] = await append(async (tx) => {
    const input = await change(tx);
    return input ? [input] : [];
  }, options);
  return record ?? null;
}

/** Records several events in one transaction, chained in the given order (imports, benchmarks). */
export async function recordEvents(inputs: AuditEventInput[], options?: AuditDbOptions): Promise<AuditRecord[]> {
  return append(inputs, options);
}

export interface Intent {
  correlationId: string;
  eventId: bigint;
}

/**
 * Written BEFORE an external effect (dispatch a workflow, update an ECS service…). The returned
 * correlation id goes to recordOutcome() after the effect; if the process dies in between, the intent
 * stays unresolved and findUnresolvedIntents() hands it to the reconciler.
 */
export async function recordIntent(
  input: Omit<AuditEventInput, "outcome" | "correlationId"> & { correlationId?: string },
  options?: AuditDbOptions,
): Promise<Intent> {
  const correlationId = input.correlationId ?? randomUUID();
  const record = await recordEvent({ ...input, outcome: "requested", correlationId }, options);
  return { correlationId, eventId: record.id };
}

/**
 * Written AFTER the effect, with the intent's correlation id. Action, application, environment and
 * target are copied from the intent; the actor too unless given (a reconciler records as "system").
 * Idempotent: when an outcome for this correlation id exists already, it is returned and nothing is written.
 */
export async function recordOutcome(
  input: {
    correlationId: string;
    outcome: Exclude<Outcome, "requested">;
    actor?: AuditActor;
    /** Overrides the intent's action, e.g. deploy.requested → deploy.dispatched. */
    action?: string;
    target?: string | null;
    targetType?: string | null;
    request?: RequestMeta | null;
    payload?: unknown;
  },
  options: AuditDbOptions = {},
): Promise<AuditRecord> {
  const client = options.db ?? db();
  const intentRow = await client.auditEvent.findFirst({
    where: { correlationId: input.correlationId, outcome: "requested" },
    orderBy: { id: "asc" },
  });
  if (!intentRow) throw new Error(`no audit intent with correlation id ${input.correlationId}`);
  const intent = toAuditRecord(intentRow);
  const actor: AuditActor =
    input.actor ??
    (intent.actorType === "user"
      ? { type: "user", id: intent.actorId, login: intent.actorLogin ?? "unknown" }
      : intent.actorType === "ecs"
        ? { type: "ecs" }
        : { type: intent.actorType, login: intent.actorLogin });
  const [record] = await append(
    [
      {
        actor,
        action: input.action ?? intent.action,
        outcome: input.outcome,
        application: intent.application,
        environment: intent.environment,
        targetType: input.targetType === undefined ? intent.targetType : input.targetType,
        target: input.target === undefined ? intent.target : input.target,
        correlationId: input.correlationId,
        request: input.request,
        payload: input.payload,
      },
    ],
    {
      ...options,
      guard: async (tx) => {
        const done = await tx.auditEvent.findFirst({
          where: { correlationId: input.correlationId, outcome: { not: "requested" } },
          orderBy: { id: "asc" },
        });
        return done ? [toAuditRecord(done)] : null;
      },
    },
  );
  return record!;
}

/**
 * Something that happened outside Flightdeck, seen through a webhook or the ECS refresher: an approval
 * or deploy on GitHub, an ECS rollout. The GitHub user is recorded where the source names one.
 */
export async function recordExternalEvent(
  input: Omit<AuditEventInput, "actor" | "request"> & { source: "github" | "ecs"; githubLogin?: string | null },
  options?: AuditDbOptions,
): Promise<AuditRecord> {
  const { source, githubLogin, ...event } = input;
  const actor: AuditActor = source === "github" ? { type: "github", login: githubLogin ?? null } : { type: "ecs" };
  const payload = source === "ecs" && githubLogin ? { ...(input.payload as object), githubLogin } : input.payload;
  return recordEvent({ ...event, actor, payload }, options);
}

/** An attempt the policy refused (permission, four-eyes, lock…). `attempted` is the action that was refused. */
export async function recordDenied(
  input: Omit<AuditEventInput, "outcome" | "action" | "payload"> & { attempted: string; reason: string; input?: unknown },
  options?: AuditDbOptions,
): Promise<AuditRecord> {
  const { attempted, reason, input: given, ...event } = input;
  return recordEvent({ ...event, action: "action.denied", outcome: "denied", payload: { attempted, reason, input: given ?? null } }, options);
}
