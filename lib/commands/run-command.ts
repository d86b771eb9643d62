import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { hasPermission } from "@/lib/authz/policy";
import { recordDenied, recordIntent, recordOutcome } from "@/lib/audit/record";
import { currentRequestMeta } from "@/lib/audit/request-meta";
import type { JsonValue, RequestMeta } from "@/lib/audit/types";
import { ExpectedError, InvalidInputError, LockedError } from "@/lib/errors";
import { publishLiveEvent } from "@/lib/live/publish";
import { requestLog } from "@/lib/request-log";
import { claimExecution, finishExecution } from "./idempotency";
import { findEnvironmentLock } from "./locks";
import type { CommandDefinition, CommandResult, CommandScope } from "./types";

const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, "missing or malformed idempotency key");

export interface RunOptions {
  idempotencyKey: unknown;
  /** Tests pass the actor and request metadata; pages and actions leave them to the session. */
  actor?: CurrentUser | null;
  request?: RequestMeta;
}

function failure(kind: Extract<CommandResult, { ok: false }>["error"]["kind"], message: string, extra: { fieldErrors?: Record<string, string[]>; reference?: string } = {}): CommandResult<never> {
  return { ok: false, error: { kind, message, ...extra } };
}

/**
 * The one pipeline every mutation runs through: validate → current user → authorize (role,
 * environment, policy refusals) → lock check → claim the idempotency key → audit intent → effect →
 * audit outcome → live event. Denials are audited. Expected failures come back as messages safe to
 * show; anything else is logged with a reference and reported generically.
 */
export async function runCommand<S extends z.ZodType, R extends JsonValue>(
  command: CommandDefinition<S, R>,
  rawInput: unknown,
  options: RunOptions,
): Promise<CommandResult<R>> {
  const log = (await requestLog()).child({ command: command.name });

  const parsed = command.input.safeParse(rawInput);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path.join(".") || "_form";
      (fieldErrors[field] ??= []).push(issue.message);
    }
    return failure("validation", "Some fields need attention.", { fieldErrors });
  }
  const input = parsed.data as z.infer<S>;
  const key = idempotencyKeySchema.safeParse(options.idempotencyKey);
  if (!key.success) return failure("validation", "This form is out of date; reload the page and try again.");

  const actor = options.actor === undefined ? await getCurrentUser() : options.actor;
  if (!actor) return failure("unauthenticated", "Your session has ended. Sign in again.");
  const request = options.request ?? (await currentRequestMeta());
  const auditActor = { type: "user" as const, id: actor.id, login: actor.login };

  let scope: CommandScope = {};
  try {
    const authorization = await command.authorize({ actor, input });
    scope = authorization.scope;
    const refusal = !hasPermission(actor, authorization.permission)
      ? `You need the ${authorization.permission} permission${scope.environment ? ` in ${scope.environment}` : ""}; your roles are ${actor.roles.join(", ")}.`
      : (authorization.refusal ?? null);
    if (refusal) {
      await recordDenied({ actor: auditActor, attempted: command.audit.action, reason: refusal, input: input as unknown, request, ...scope });
      return failure("forbidden", refusal);
    }
    if (authorization.lock !== "ignore" && scope.application && scope.environment) {
      const lock = await findEnvironmentLock(scope.application, scope.environment);
      if (lock) {
        const until = lock.expiresAt ? ` until ${lock.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "";
        const message = `${scope.environment} is locked by ${lock.lockedBy}${until}: ${lock.reason}`;
        await recordDenied({ actor: auditActor, attempted: command.audit.action, reason: message, input: input as unknown, request, ...scope });
        throw new LockedError(message);
      }
    }
  } catch (error) {
    if (error instanceof ExpectedError) return failure(error.kind, error.message);
    return unexpected(error, log, command.name);
  }

  const claim = await claimExecution({ actorId: actor.id, key: key.data, command: command.name });
  if (claim.state === "finished") return { ...(claim.result as CommandResult<R>), ...(claim.result.ok ? { replayed: true } : {}) };
  if (claim.state === "running") return failure("conflict", "This request is already being carried out; wait for it to finish.");

  const { correlationId } = await recordIntent({ actor: auditActor, action: command.audit.action, request, payload: { input: input as unknown }, ...scope });
  const context = { actor, input, scope, correlationId };
  let outcome: CommandResult<R>;
  try {
    const effect = await command.effect(context);
    await recordOutcome({
      correlationId,
      outcome: "succeeded",
      action: command.audit.successAction,
      target: effect.target,
      request,
      payload: effect.payload ?? { result: effect.result },
    });
    outcome = { ok: true, result: effect.result };
    const event = command.live ? command.live(effect.result, context) : { type: command.name, application: scope.application, environment: scope.environment };
    if (event) await publishLiveEvent(event).catch((error: unknown) => log.warn("live.publish_failed", { error }));
  } catch (error) {
    outcome =
      error instanceof ExpectedError
        ? failure(error.kind, error.message, error instanceof InvalidInputError ? { fieldErrors: error.fieldErrors } : {})
        : unexpected(error, log, command.name);
    await recordOutcome({ correlationId, outcome: "failed", request, payload: { error: outcome.ok ? null : outcome.error } }).catch((auditError: unknown) =>
      log.error("audit.outcome_failed", { correlationId, error: auditError }),
    );
  }
  await finishExecution({ actorId: actor.id, key: key.data, result: outcome, correlationId });
  return outcome;
}

function unexpected(error: unknown, log: Awaited<ReturnType<typeof requestLog>>, command: string): CommandResult<never> {
  const reference = randomUUID().slice(0, 8);
  log.error("command.failed", { command, reference, error });
  return failure("internal", `Something went wrong; nothing more will happen for this request. Reference ${reference}.`, { reference });
}
