// Shapes and validation of flags, shared by the commands, the forms (field errors) and the evaluator.
// Plain module (no server-only): client components import the schemas' limits and labels too.
import { z } from "zod";

export const FLAG_TYPES = ["boolean", "string", "number"] as const;
export type FlagType = (typeof FLAG_TYPES)[number];
export type FlagValue = boolean | string | number;

/** Lowercase, starts with a letter, then letters, digits, dots, dashes, underscores: safe in URLs and code. */
export const FLAG_KEY = /^[a-z][a-z0-9._-]{1,62}$/;
export const flagKeySchema = z
  .string()
  .trim()
  .regex(FLAG_KEY, "2–63 characters: lowercase letters, digits, '.', '-', '_', starting with a letter");

export const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected a slug").max(100);

export const MAX_ALLOW_LIST = 500;
export const MAX_STRING_VALUE = 500;

/** The state of a flag in one environment, as stored and as evaluated. */
export interface FlagStateValues {
  enabled: boolean;
  defaultValue: FlagValue;
  rolloutValue: FlagValue;
  rolloutPercentage: number;
  allowList: string[];
}

/** Form text → a value of the flag's type, or a message for the field. */
export function parseFlagValue(type: FlagType, raw: string): { ok: true; value: FlagValue } | { ok: false; message: string } {
  switch (type) {
    case "boolean":
      if (raw === "true" || raw === "false") return { ok: true, value: raw === "true" };
      return { ok: false, message: "expected true or false" };
    case "number": {
      const value = Number(raw.trim());
      if (raw.trim() === "" || !Number.isFinite(value)) return { ok: false, message: "expected a number" };
      return { ok: true, value };
    }
    case "string":
      if (raw.length > MAX_STRING_VALUE) return { ok: false, message: `at most ${MAX_STRING_VALUE} characters` };
      return { ok: true, value: raw };
  }
}

/** A value read back from the database (JSON) that matches the flag's type, else the type's zero value. */
export function coerceStored(type: FlagType, value: unknown): FlagValue {
  if (type === "boolean") return typeof value === "boolean" ? value : false;
  if (type === "number") return typeof value === "number" && Number.isFinite(value) ? value : 0;
  return typeof value === "string" ? value : "";
}

export function zeroValue(type: FlagType): FlagValue {
  return type === "boolean" ? false : type === "number" ? 0 : "";
}

/** Boolean flags serve the opposite of their default to the rollout; other types name the value. */
export function rolloutValueFor(type: FlagType, defaultValue: FlagValue, given: FlagValue | undefined): FlagValue {
  if (type === "boolean") return !defaultValue;
  return given ?? defaultValue;
}

/** "user-1, user-2\nuser-3" → ["user-1", "user-2", "user-3"] (trimmed, de-duplicated, order kept). */
export function parseAllowList(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(/[\n,]/)
        .map((entry) => entry.trim())
        .filter(Boolean),
    ),
  ];
}

export function formatValue(value: FlagValue): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** A one-line description of a state, for tables, confirmations and history. */
export function describeState(state: FlagStateValues): string {
  if (!state.enabled) return `off (serves ${formatValue(state.defaultValue)})`;
  const allow = state.allowList.length ? ` + ${state.allowList.length} allow-listed` : "";
  if (state.rolloutPercentage >= 100) return `on: everyone gets ${formatValue(state.rolloutValue)}`;
  if (state.rolloutPercentage <= 0) return `on: ${state.allowList.length ? `${state.allowList.length} allow-listed get ${formatValue(state.rolloutValue)}` : `0 % rollout`}, others ${formatValue(state.defaultValue)}`;
  return `on: ${state.rolloutPercentage} % get ${formatValue(state.rolloutValue)}${allow}, others ${formatValue(state.defaultValue)}`;
}
