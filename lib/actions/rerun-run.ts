"use server";

import { runCommand } from "@/lib/commands/run-command";
import type { CommandResult } from "@/lib/commands/types";
import { rerunRun } from "@/lib/runs/run-commands";

/** Form entry: application, runId, failedOnly, idempotencyKey. */
export async function rerunRunAction(_previous: CommandResult | null, form: FormData): Promise<CommandResult> {
  const { idempotencyKey, ...input } = Object.fromEntries(form);
  return runCommand(rerunRun, input, { idempotencyKey });
}
