"use server";

import { runCommand } from "@/lib/commands/run-command";
import type { CommandResult } from "@/lib/commands/types";
import { generateApiKeySecret } from "@/lib/flags/api-key-secret";
import { createApiKey } from "@/lib/flags/commands";

export type CreateApiKeyState = (CommandResult & { secret?: string }) | null;

/**
 * The secret is generated here and only its hash enters the pipeline, so neither the audit trail nor
 * the stored idempotent result ever holds it. It is returned once, with the first successful result; a
 * replayed submission gets the result without it (the first response showed it).
 */
export async function createApiKeyAction(_previous: CreateApiKeyState, form: FormData): Promise<CreateApiKeyState> {
  const { idempotencyKey, scope, name } = Object.fromEntries(form);
  // The form picks "<application>/<environment>" in one select.
  const [application, environment] = typeof scope === "string" ? scope.split("/") : [];
  const { secret, prefix, secretHash } = generateApiKeySecret();
  const result = await runCommand(createApiKey, { application, environment, name, prefix, secretHash }, { idempotencyKey });
  return result.ok && !result.replayed ? { ...result, secret } : result;
}
