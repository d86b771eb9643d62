"use server";

import { runCommand } from "@/lib/commands/run-command";
import type { CommandResult } from "@/lib/commands/types";
import { changeFlag } from "@/lib/flags/commands";

/** Form entry for toggling or editing a flag in one environment (only the fields sent change). */
export async function changeFlagAction(_previous: CommandResult | null, form: FormData): Promise<CommandResult> {
  const { idempotencyKey, ...input } = Object.fromEntries(form);
  return runCommand(changeFlag, input, { idempotencyKey });
}
