"use server";

import { runCommand } from "@/lib/commands/run-command";
import type { CommandResult } from "@/lib/commands/types";
import { revokeApiKey } from "@/lib/flags/commands";

export async function revokeApiKeyAction(_previous: CommandResult | null, form: FormData): Promise<CommandResult> {
  const { idempotencyKey, ...input } = Object.fromEntries(form);
  return runCommand(revokeApiKey, input, { idempotencyKey });
}
