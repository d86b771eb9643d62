"use server";

import { runCommand } from "@/lib/commands/run-command";
import type { CommandResult } from "@/lib/commands/types";
import { approveRelease } from "@/lib/releases/review-release";

/** Form entry: application, environment, runId, headSha (the SHA shown to the reviewer), comment, idempotencyKey. */
export async function approveReleaseAction(_previous: CommandResult | null, form: FormData): Promise<CommandResult> {
  const { idempotencyKey, ...input } = Object.fromEntries(form);
  return runCommand(approveRelease, input, { idempotencyKey });
}
