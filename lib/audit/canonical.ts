import * as crypto from "node:crypto";
import type { AuditRecord, JsonValue } from "./types";

// The one definition of what an audit row's hash covers. Writers and `audit:verify` both call
// hashRecord(); change nothing here without a new ENCODING_VERSION (old rows must keep verifying).

export const GENESIS_HASH = "0".repeat(64);
export const ENCODING_VERSION = 1;

/**
 * JSON with object keys sorted (by UTF-16 code units, as Array#sort does) and no whitespace, so the same
 * value always gives the same bytes — including after a round trip through Postgres jsonb, which
 * reorders keys. Non-finite numbers become null, as in JSON.stringify.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (Array.isArray(value)) {
        let out = "[";
        for (let i = 0; i < value.length; i++) out += (i ? "," : "") + canonicalJson(value[i] ?? null);
        return `${out}]`;
      }
      const keys = Object.keys(value).sort();
      let out = "{";
      let first = true;
      for (const key of keys) {
        const item = value[key];
        if (item === undefined) continue;
        out += `${first ? "" : ","}${JSON.stringify(key)}:${canonicalJson(item)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`not JSON: ${typeof value}`);
  }
}

function str(value: string | null): string {
  return value === null ? "null" : JSON.stringify(value);
}

/**
 * The canonical encoding of one event: a JSON object with an explicit, fixed field list in sorted key
 * order, the id as a decimal string, the time as ISO-8601 UTC with milliseconds, and the previous
 * row's hash. Built by hand (not by sorting) because verify runs it a million times.
 */
export function canonicalEncoding(record: Omit<AuditRecord, "hash">): string {
  return (
    `{"action":${str(record.action)}` +
    `,"actorId":${str(record.actorId)}` +
    `,"actorLogin":${str(record.actorLogin)}` +
    `,"actorType":${str(record.actorType)}` +
    `,"application":${str(record.application)}` +
    `,"correlationId":${str(record.correlationId)}` +
    `,"environment":${str(record.environment)}` +
    `,"id":"${record.id.toString()}"` +
    `,"ip":${str(record.ip)}` +
    `,"occurredAt":"${record.occurredAt.toISOString()}"` +
    `,"outcome":${str(record.outcome)}` +
    `,"payload":${canonicalJson(record.payload)}` +
    `,"prevHash":"${record.prevHash}"` +
    `,"target":${str(record.target)}` +
    `,"targetType":${str(record.targetType)}` +
    `,"userAgent":${str(record.userAgent)}` +
    `,"v":${ENCODING_VERSION}}`
  );
}

/** SHA-256 (hex) of the canonical encoding: the value stored in `hash` and chained into the next row. */
export function hashRecord(record: Omit<AuditRecord, "hash">): string {
  return sha256Hex(canonicalEncoding(record));
}

// crypto.hash() (Node ≥ 20.12) is about twice as fast as createHash() for inputs this small, which
// matters when verify hashes a million rows; the result is the same SHA-256.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash;
function sha256Hex(text: string): string {
  return oneShot ? oneShot("sha256", text, "hex") : crypto.createHash("sha256").update(text, "utf8").digest("hex");
}
