"use server";

import { runCommand } from "@/lib/commands/run-command";
import type { CommandResult } from "@/lib/commands/types";
import { lockEnvironment } from "@/lib/environments/lock-commands";

/** Form entry for locking an environment (fields: application, environment, reason, idempotencyKey). */
export async function lockEnvironmentAction(_previous: CommandResult | null, form: FormData): Promise<CommandResult> {
  const { idempotencyKey, ...input } = Object.fromEntries(form);
  return runCommand(lockEnvironment, input, { idempotencyKey });
}
