import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import type { Mount } from "../http/mount";
import type { Reply } from "../http/reply";
import { BodyError, readBody } from "../http/request";
import { EcsError } from "./errors";
import { OPERATIONS } from "./operations";
import type { EcsSimulator } from "./simulator";

/** The JSON 1.1 target prefix of ECS (its Smithy service name and API version). */
export const ECS_TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
export const AMZ_JSON_1_1 = "application/x-amz-json-1.1";

/**
 * ECS over AWS JSON 1.1: `POST /` with `X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Operation>`,
 * reached by the AWS SDK with `endpoint` / `AWS_ENDPOINT_URL_ECS` pointing at the sandbox.
 *
 * Any SigV4 `Authorization` header is accepted (signatures are not verified) but one is required,
 * as on AWS; the region is the one in its credential scope, and state is kept per region. Requests
 * are counted as "ECS <Operation>".
 */
export function ecsMount(ecs: EcsSimulator): Mount {
  return {
    name: "ecs",
    matches: ({ method, url, req }) => method === "POST" && url.pathname === "/" && typeof req.headers["x-amz-target"] === "string",
    async handle(incoming) {
      const { req } = incoming;
      const target = String(req.headers["x-amz-target"]);
      const operation = target.startsWith(ECS_TARGET_PREFIX) ? target.slice(ECS_TARGET_PREFIX.length) : undefined;
      const handler = operation !== undefined && Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
      incoming.meta.endpoint = handler && operation ? `ECS ${operation}` : "ECS (unknown operation)";
      const requestId = randomUUID();

      try {
        const body = await readBody(req);
        const region = regionFrom(req.headers.authorization);
        if (!handler || !operation) throw new EcsError("com.amazon.coral.service#UnknownOperationException", `Unknown operation ${target}`);

        const fault = ecs.faults.take(operation);
        if (fault?.latencyMs) await delay(fault.latencyMs, undefined, { signal: incoming.signal });
        if (fault?.throttle) throw new EcsError("ThrottlingException", "Rate exceeded");
        if (fault?.serverError) throw new EcsError("ServerException", "Service Unavailable. Please try again later.");

        const input = parseInput(body);
        return answer(200, handler({ ecs, region, input }), requestId);
      } catch (error) {
        if (error instanceof EcsError) return failure(error, requestId);
        if (error instanceof BodyError) return failure(new EcsError("com.amazon.coral.service#SerializationException", error.message), requestId);
        throw error;
      }
    },
  };
}

function answer(status: number, value: unknown, requestId: string, headers: Record<string, string> = {}): Reply {
  return { status, json: value, headers: { "content-type": AMZ_JSON_1_1, "x-amzn-requestid": requestId, ...headers } };
}

function failure(error: EcsError, requestId: string): Reply {
  const name = error.type.split("#").pop() ?? error.type;
  return answer(error.status, { __type: error.type, message: error.message }, requestId, { "x-amzn-errortype": `${name}:` });
}

/**
 * The region from the SigV4 credential scope: `AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/ecs/aws4_request, …`.
 * No `Authorization` (or not SigV4) is answered like AWS does: MissingAuthenticationTokenException.
 */
export function regionFrom(authorization: string | undefined): string {
  if (!authorization || !authorization.trim().startsWith("AWS4-")) {
    throw new EcsError("com.amazon.coral.service#MissingAuthenticationTokenException", "Missing Authentication Token");
  }
  const scope = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/.exec(authorization);
  if (!scope?.[1]) {
    throw new EcsError(
      "com.amazon.coral.service#IncompleteSignatureException",
      `Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=${authorization}`,
    );
  }
  return scope[1];
}

function parseInput(body: Buffer): Record<string, unknown> {
  const text = body.toString("utf8");
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new EcsError("com.amazon.coral.service#SerializationException", "Start of structure or map found where not expected.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new EcsError("com.amazon.coral.service#SerializationException", "Start of structure or map found where not expected.");
  }
  return value as Record<string, unknown>;
}
