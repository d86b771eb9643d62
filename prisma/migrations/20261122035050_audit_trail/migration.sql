-- Audit trail: what Prisma's schema language cannot express. The audit_events table itself, its
-- unique hash and its (column, id DESC) indexes come from the AuditEvent model (see the init migration).

-- Free-text search over the target ("run 12345", "backend", a flag key…) uses trigram indexes.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Closed vocabularies and well-formed hashes, enforced where no writer can forget them.
ALTER TABLE "audit_events"
  ADD CONSTRAINT "audit_events_actor_type_check" CHECK ("actor_type" IN ('user', 'github', 'ecs', 'system')),
  ADD CONSTRAINT "audit_events_outcome_check" CHECK ("outcome" IN ('requested', 'succeeded', 'failed', 'denied')),
  ADD CONSTRAINT "audit_events_hash_check" CHECK ("hash" ~ '^[0-9a-f]{64}$' AND "prev_hash" ~ '^[0-9a-f]{64}$');

-- Filter by actor compares GitHub logins case-insensitively, as GitHub does.
CREATE INDEX "audit_events_actor_login_id_idx" ON "audit_events" (lower("actor_login"), "id" DESC);

-- Free text over the target.
CREATE INDEX "audit_events_target_trgm_idx" ON "audit_events" USING gin ("target" gin_trgm_ops);

-- findUnresolvedIntents(): intents are a small share of all events.
CREATE INDEX "audit_events_requested_idx" ON "audit_events" ("occurred_at", "id") WHERE "outcome" = 'requested';

-- Append-only: refuse UPDATE, DELETE and TRUNCATE for everyone, owner included. (Disabling the trigger
-- needs the table owner and is exactly what `npm run audit:verify` exists to catch.)
CREATE FUNCTION "audit_events_refuse_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Audit events are never changed or removed; record a new event instead.';
END;
$$;

CREATE TRIGGER "audit_events_append_only"
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_refuse_change"();

CREATE TRIGGER "audit_events_no_truncate"
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_refuse_change"();

-- Belt and braces for roles other than the owner.
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events" FROM PUBLIC;
