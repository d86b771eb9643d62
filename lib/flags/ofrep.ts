// The OFREP wire format (OpenFeature Remote Evaluation Protocol, open-feature/protocol
// service/openapi.yaml): request parsing, credentials, and response bodies. Pure, so it is unit-tested
// without a server; the route handlers live in ofrep-handler.ts.

export type ParsedRequest =
  | { ok: true; targetingKey: string | undefined; /** The context as sent, for the ETag. */ contextJson: string }
  | { ok: false; errorCode: "PARSE_ERROR" | "INVALID_CONTEXT"; errorDetails: string };

/** Bodies are small JSON objects; anything bigger than this is not an evaluation request. */
export const MAX_BODY_BYTES = 64 * 1024;

/** `{ "context": { "targetingKey": "…", … } }`; an empty body is an empty context. */
export function parseEvaluationRequest(body: string): ParsedRequest {
  if (body.length > MAX_BODY_BYTES) return { ok: false, errorCode: "PARSE_ERROR", errorDetails: "request body too large" };
  let parsed: unknown = {};
  if (body.trim() !== "") {
    try {
      parsed = JSON.parse(body);
    } catch {
      return { ok: false, errorCode: "PARSE_ERROR", errorDetails: "request body is not valid JSON" };
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, errorCode: "PARSE_ERROR", errorDetails: "request body must be a JSON object" };
  }
  const context = (parsed as { context?: unknown }).context;
  if (context === undefined || context === null) return { ok: true, targetingKey: undefined, contextJson: "{}" };
  if (typeof context !== "object" || Array.isArray(context)) {
    return { ok: false, errorCode: "INVALID_CONTEXT", errorDetails: "context must be an object" };
  }
  const targetingKey = (context as { targetingKey?: unknown }).targetingKey;
  if (targetingKey !== undefined && typeof targetingKey !== "string") {
    return { ok: false, errorCode: "INVALID_CONTEXT", errorDetails: "context.targetingKey must be a string" };
  }
  if (typeof targetingKey === "string" && targetingKey.length > 256) {
    return { ok: false, errorCode: "INVALID_CONTEXT", errorDetails: "context.targetingKey is longer than 256 characters" };
  }
  return { ok: true, targetingKey, contextJson: JSON.stringify(context) };
}

/** `Authorization: Bearer <key>` (OFREP's BearerAuth) or `X-API-Key: <key>` (its ApiKeyAuth). */
export function credentialsFrom(headers: Headers): string | null {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match ? match[1]! : null;
  }
  const apiKey = headers.get("x-api-key")?.trim();
  return apiKey ? apiKey : null;
}

/** True when If-None-Match names the ETag (or is "*"); weak validators compare equal to strong ones. */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, "");
  const wanted = strip(etag);
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || strip(tag) === wanted);
}
