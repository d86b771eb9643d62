"use server";

import { runCommand } from "@/lib/commands/run-command";
import type { CommandResult } from "@/lib/commands/types";
import { createFlag } from "@/lib/flags/commands";

/** Form entry for "New flag": the form's fields are the command's input. */
export async function createFlagAction(_previous: CommandResult | null, form: FormData): Promise<CommandResult> {
  const { idempotencyKey, ...input } = Object.fromEntries(form);
  return runCommand(createFlag, input, { idempotencyKey });
}
