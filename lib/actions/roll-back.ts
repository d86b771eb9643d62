"use server";

import { runCommand } from "@/lib/commands/run-command";
import type { CommandResult } from "@/lib/commands/types";
import { rollBack } from "@/lib/releases/roll-back";

/** Form entry: application, environment, service (optional: all), revision, reason, idempotencyKey. */
export async function rollBackAction(_previous: CommandResult | null, form: FormData): Promise<CommandResult> {
  const { idempotencyKey, service, ...input } = Object.fromEntries(form);
  return runCommand(rollBack, { ...input, service: service || undefined }, { idempotencyKey });
}
