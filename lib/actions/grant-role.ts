"use server";

import { runCommand } from "@/lib/commands/run-command";
import type { CommandResult } from "@/lib/commands/types";
import { grantRole } from "@/lib/roles/commands";

export async function grantRoleAction(_previous: CommandResult | null, form: FormData): Promise<CommandResult> {
  const { idempotencyKey, scope, ...input } = Object.fromEntries(form);
  // The form picks "everywhere" ("") or "<application>/<environment>" in one select.
  const [application = "", environment = ""] = typeof scope === "string" && scope ? scope.split("/") : [];
  return runCommand(grantRole, { ...input, application, environment }, { idempotencyKey });
}
