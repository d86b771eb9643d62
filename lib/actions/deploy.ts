"use server";

import { runCommand } from "@/lib/commands/run-command";
import type { CommandResult } from "@/lib/commands/types";
import { dispatchDeploy } from "@/lib/deploy/dispatch-deploy";

/** Form entry: application, environment, ref, `inputs.<name>` per workflow input, idempotencyKey. */
export async function deployAction(_previous: CommandResult | null, form: FormData): Promise<CommandResult> {
  const inputs: Record<string, string> = {};
  const fields: Record<string, FormDataEntryValue> = {};
  for (const [name, value] of form) {
    if (name.startsWith("inputs.")) inputs[name.slice("inputs.".length)] = String(value);
    else fields[name] = value;
  }
  const { idempotencyKey, ...rest } = fields;
  return runCommand(dispatchDeploy, { ...rest, inputs }, { idempotencyKey });
}
