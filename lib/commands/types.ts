import type { z } from "zod";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { JsonValue } from "@/lib/audit/types";
import type { Permission } from "@/lib/authz/roles";
import type { ExpectedErrorKind } from "@/lib/errors";
import type { LiveEvent } from "@/lib/live/publish";

/** What a command acts on; recorded in the audit trail and used for the lock check. */
export interface CommandScope {
  application?: string;
  environment?: string;
  targetType?: string;
  target?: string;
}

/** The answer of a command's `authorize`: which permission it needs where, and any policy refusal. */
export interface Authorization {
  permission: Permission;
  scope: CommandScope;
  /** "respect" (default): refused while the environment is locked. "ignore": rollback and unlock. */
  lock?: "respect" | "ignore";
  /** A refusal beyond the role check (four-eyes, self-approval…), as a message safe to show. */
  refusal?: string | null;
}

export interface EffectContext<I> {
  actor: CurrentUser;
  input: I;
  scope: CommandScope;
  correlationId: string;
}

export interface EffectResult<R extends JsonValue> {
  result: R;
  /** Recorded with the outcome (before/after, ids created…). Secrets are redacted by the audit module. */
  payload?: unknown;
  /** A target known only after the effect, e.g. the workflow run id a dispatch created. */
  target?: string;
}

/**
 * A mutation, defined once. Permission (via `authorize`) and the audit action are required fields,
 * so a command that skips either does not type-check.
 */
export interface CommandDefinition<S extends z.ZodType, R extends JsonValue> {
  /** Stable name, used for idempotency rows and logs, e.g. "flag.change". */
  name: string;
  input: S;
  audit: {
    /** Written as the intent before the effect, e.g. "deploy.requested". */
    action: string;
    /** Written with the successful outcome when it differs, e.g. "deploy.dispatched". */
    successAction?: string;
  };
  /** Loads what the input names (throwing NotFoundError when absent) and says what is required. */
  authorize(context: { actor: CurrentUser; input: z.infer<S> }): Authorization | Promise<Authorization>;
  effect(context: EffectContext<z.infer<S>>): Promise<EffectResult<R>>;
  /** What open pages should hear about; defaults to { type: name, application, environment }. */
  live?(result: R, context: EffectContext<z.infer<S>>): LiveEvent | null;
}

export type CommandErrorKind = ExpectedErrorKind | "validation" | "unauthenticated" | "internal";

export type CommandResult<R extends JsonValue = JsonValue> =
  | { ok: true; result: R; replayed?: boolean }
  | {
      ok: false;
      error: {
        kind: CommandErrorKind;
        message: string;
        /** Per-field messages for forms (validation only). */
        fieldErrors?: Record<string, string[]>;
        /** Ties the generic message of an unexpected failure to the server log. */
        reference?: string;
      };
    };
