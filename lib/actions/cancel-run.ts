"use server";

import { runCommand } from "@/lib/commands/run-command";
import type { CommandResult } from "@/lib/commands/types";
import { cancelRun } from "@/lib/runs/run-commands";

/** Form entry: application, runId, idempotencyKey. */
export async function cancelRunAction(_previous: CommandResult | null, form: FormData): Promise<CommandResult> {
  const { idempotencyKey, ...input } = Object.fromEntries(form);
  return runCommand(cancelRun, input, { idempotencyKey });
}
