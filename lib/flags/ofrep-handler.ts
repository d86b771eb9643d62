import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { log } from "@/lib/log";
import { hashApiKeySecret } from "./api-key-secret";
import { evaluateFlag, type Evaluation } from "./evaluate";
import { FLAG_KEY } from "./model";
import { credentialsFrom, matchesEtag, parseEvaluationRequest } from "./ofrep";
import { findKeyScope, getFlagSet, type KeyScope } from "./serving-cache";

// OFREP endpoints as plain Request → Response functions: the route handlers under app/ofrep call them,
// and the integration test serves them over node:http to the real OpenFeature SDK.
//
// The key decides the application and environment. A client may also say which it expects
// (X-Flightdeck-Application / X-Flightdeck-Environment): a mismatch is refused with 403, so a staging key
// pasted into a production service fails loudly instead of quietly serving staging's flags.

// proxy.ts skips /ofrep (a machine API on the hot path), so the one header that matters for JSON is set here.
const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" } as const;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

async function authenticate(request: Request): Promise<KeyScope | Response> {
  const secret = credentialsFrom(request.headers);
  if (!secret) {
    return json(401, { errorDetails: "missing API key: send Authorization: Bearer <key> or X-API-Key" }, { "www-authenticate": 'Bearer realm="ofrep"' });
  }
  const scope = await findKeyScope(hashApiKeySecret(secret));
  if (!scope) return json(401, { errorDetails: "unknown or revoked API key" }, { "www-authenticate": 'Bearer realm="ofrep", error="invalid_token"' });
  const wantedApp = request.headers.get("x-flightdeck-application");
  const wantedEnv = request.headers.get("x-flightdeck-environment");
  if ((wantedApp && wantedApp !== scope.application) || (wantedEnv && wantedEnv !== scope.environment)) {
    return json(403, { errorDetails: `this key is for ${scope.application}/${scope.environment}, not ${wantedApp ?? scope.application}/${wantedEnv ?? scope.environment}` });
  }
  return scope;
}

function failed(error: unknown): Response {
  const reference = randomUUID().slice(0, 8);
  log.error("ofrep.failed", { reference, error });
  return json(500, { errorDetails: `flag evaluation is unavailable (reference ${reference})` });
}

/** POST /ofrep/v1/evaluate/flags/{key} */
export async function evaluateOneFlag(request: Request, flagKey: string): Promise<Response> {
  try {
    const scope = await authenticate(request);
    if (scope instanceof Response) return scope;
    const parsed = parseEvaluationRequest(await request.text());
    if (!parsed.ok) return json(400, { key: flagKey, errorCode: parsed.errorCode, errorDetails: parsed.errorDetails });
    const set = await getFlagSet(scope.application, scope.environment);
    const flag = FLAG_KEY.test(flagKey) ? set.flags.get(flagKey) : undefined;
    if (!flag) return json(404, { key: flagKey, errorCode: "FLAG_NOT_FOUND", errorDetails: `no flag "${flagKey}" in ${scope.application}/${scope.environment}` });
    const evaluation = evaluateFlag(flag, parsed.targetingKey);
    return json("errorCode" in evaluation ? 400 : 200, evaluation);
  } catch (error) {
    return failed(error);
  }
}

/** POST /ofrep/v1/evaluate/flags — every flag of the key's environment; ETag / If-None-Match → 304. */
export async function evaluateAllFlags(request: Request): Promise<Response> {
  try {
    const scope = await authenticate(request);
    if (scope instanceof Response) return scope;
    const parsed = parseEvaluationRequest(await request.text());
    if (!parsed.ok) return json(400, { errorCode: parsed.errorCode, errorDetails: parsed.errorDetails });
    const set = await getFlagSet(scope.application, scope.environment);
    // Evaluation is a pure function of the flag set and the context, so their hashes make the ETag.
    const etag = `"${createHash("sha1").update(set.hash).update("\n").update(parsed.contextJson).digest("base64url")}"`;
    const caching = { etag, "cache-control": "no-cache" };
    if (matchesEtag(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers: caching });
    const flags: Evaluation[] = set.list.map((flag) => evaluateFlag(flag, parsed.targetingKey));
    return json(200, { flags }, caching);
  } catch (error) {
    return failed(error);
  }
}
