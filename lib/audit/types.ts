// Shapes of the audit trail. Plain module (no server-only): the canonical encoding, the filters and
// their unit tests use it too.

export const ACTOR_TYPES = ["user", "github", "ecs", "system"] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const OUTCOMES = ["requested", "succeeded", "failed", "denied"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * Actions Flightdeck records today, offered in the /audit filter. Other names are allowed (they must
 * look like `noun.verb`), so a new feature can record its own without touching this list first.
 */
export const KNOWN_ACTIONS = [
  "auth.signed_in",
  "action.denied",
  "audit.exported",
  "deploy.requested",
  "deploy.dispatched",
  "run.cancelled",
  "run.rerun",
  "release.approved",
  "release.rejected",
  "service.rolled_back",
  "service.rollout",
  "env.locked",
  "env.unlocked",
  "env.lock_expired",
  "deployment.protection_approved",
  "deployment.protection_rejected",
  "flag.changed",
  "role.granted",
  "role.revoked",
] as const;

export const ACTION_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Who did it: a signed-in person, or an external system (with the GitHub user where known). */
export type AuditActor =
  | { type: "user"; id: string | null; login: string }
  | { type: "github"; login?: string | null }
  | { type: "ecs" }
  | { type: "system"; login?: string | null };

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/** A stored event exactly as hashed: every field the canonical encoding covers. */
export interface AuditRecord {
  id: bigint;
  occurredAt: Date;
  actorType: ActorType;
  actorId: string | null;
  actorLogin: string | null;
  action: string;
  application: string | null;
  environment: string | null;
  targetType: string | null;
  target: string | null;
  outcome: Outcome;
  correlationId: string | null;
  ip: string | null;
  userAgent: string | null;
  payload: JsonValue;
  prevHash: string;
  hash: string;
}
