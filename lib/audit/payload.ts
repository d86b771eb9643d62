import type { JsonObject, JsonValue } from "./types";

// Everything that goes into an audit row passes through here first, so that (1) no secret or token is
// ever stored and (2) the value survives Postgres jsonb unchanged, which the hash chain depends on:
// jsonb rejects \u0000 and lone surrogates, and drops nothing else we produce.

const SECRET_KEY = /token|secret|password|passwd|authorization|cookie|credential|api[-_]?key|private[-_]?key|session/i;
const TOKEN_VALUE = /\b(gh[opsur]_[A-Za-z0-9]{10,}|github_pat_[A-Za-z0-9_]{10,}|AKIA[0-9A-Z]{16}|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})\b/g;
const MAX_DEPTH = 8;
/** A payload is the before/after or the inputs of one action; anything bigger is a bug, not evidence. */
export const MAX_PAYLOAD_BYTES = 32 * 1024;
const MAX_STRING = 4096;

/** Makes a string storable and free of token-shaped values. */
export function cleanText(value: string, max = MAX_STRING): string {
  let out = value.replace(TOKEN_VALUE, "[redacted]");
  // \u0000 is refused by jsonb and text columns; lone surrogates are refused by jsonb.
  out = out.replace(/\u0000/g, "").replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
  return out.length > max ? `${out.slice(0, max)}…` : out;
}

function toJson(value: unknown, depth: number): JsonValue | undefined {
  if (value === null) return null;
  switch (typeof value) {
    case "string":
      return cleanText(value);
    case "number":
      return Number.isFinite(value) ? value : null;
    case "boolean":
      return value;
    case "bigint":
      return value.toString();
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
  }
  if (depth >= MAX_DEPTH) return "[depth]";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Error) return { name: value.name, message: cleanText(value.message) };
  if (Array.isArray(value)) return value.map((item) => toJson(item, depth + 1) ?? null);
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const cleanKey = cleanText(key, 200);
    if (SECRET_KEY.test(key)) {
      out[cleanKey] = "[redacted]";
      continue;
    }
    const json = toJson(item, depth + 1);
    if (json !== undefined) out[cleanKey] = json;
  }
  return out;
}

/**
 * The payload as it will be stored and hashed: plain JSON, secrets redacted by key and by shape,
 * at most MAX_PAYLOAD_BYTES (a bigger one is replaced by a note saying so).
 */
export function normalizePayload(value: unknown): JsonObject {
  const json = toJson(value ?? {}, 0);
  const object: JsonObject = json !== null && typeof json === "object" && !Array.isArray(json) ? json : { value: json ?? null };
  const size = Buffer.byteLength(JSON.stringify(object), "utf8");
  if (size > MAX_PAYLOAD_BYTES) return { truncated: true, bytes: size };
  return object;
}
