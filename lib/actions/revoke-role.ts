"use server";

import { runCommand } from "@/lib/commands/run-command";
import type { CommandResult } from "@/lib/commands/types";
import { revokeRole } from "@/lib/roles/commands";

export async function revokeRoleAction(_previous: CommandResult | null, form: FormData): Promise<CommandResult> {
  const { idempotencyKey, ...input } = Object.fromEntries(form);
  return runCommand(revokeRole, input, { idempotencyKey });
}
