import type { IncomingMessage } from "node:http";

const MAX_BODY_BYTES = 1024 * 1024;

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** Reads the whole body (bounded: a runaway client must not exhaust memory). */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyError(413, "Request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Parses a form or JSON body into flat string fields, the way OAuth endpoints accept either.
 * Non-string JSON values are dropped: every field these endpoints read is a string.
 */
export function parseFields(body: Buffer, contentType: string | undefined): Record<string, string> {
  const text = body.toString("utf8");
  if (text.trim() === "") return {};
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/json" || type.endsWith("+json")) {
    const value = parseJson(text);
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new BodyError(400, "Expected a JSON object");
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  }
  // GitHub treats a body without a content type as a form, as curl -d sends.
  if (type === "" || type === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(text));
  throw new BodyError(415, `Unsupported content type ${type}`);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError(400, "Problems parsing JSON");
  }
}

/**
 * Credentials from `Authorization: Basic`, decoded per RFC 6749 §2.3.1: each part is
 * form-urlencoded before base64 (openid-client, which next-auth 4 uses, does exactly this).
 */
export function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  try {
    return { user: formDecode(decoded.slice(0, colon)), password: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, " "));
}

/** The token from `Authorization: token X` or `Bearer X` (GitHub accepts both). */
export function authToken(header: string | undefined): string | undefined {
  const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? "unknown";
}
