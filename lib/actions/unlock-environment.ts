"use server";

import { runCommand } from "@/lib/commands/run-command";
import type { CommandResult } from "@/lib/commands/types";
import { unlockEnvironment } from "@/lib/environments/lock-commands";

/** Form entry for unlocking an environment (fields: application, environment, idempotencyKey). */
export async function unlockEnvironmentAction(_previous: CommandResult | null, form: FormData): Promise<CommandResult> {
  const { idempotencyKey, ...input } = Object.fromEntries(form);
  return runCommand(unlockEnvironment, input, { idempotencyKey });
}
