import type { z } from "zod";
import type { JsonValue } from "@/lib/audit/types";
import type { CommandDefinition } from "./types";

/** Identity at run time; exists so a definition is checked against CommandDefinition where it is written. */
export function defineCommand<S extends z.ZodType, R extends JsonValue>(definition: CommandDefinition<S, R>): CommandDefinition<S, R> {
  return definition;
}
