import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

/**
 * Validates sandbox answers against GitHub's published OpenAPI description (@octokit/openapi) and
 * webhook payloads against @octokit/openapi-webhooks. OpenAPI 3.0's `nullable` becomes a JSON
 * Schema type union, and objects that list their properties are closed (additionalProperties:
 * false) so a field GitHub does not document fails the test instead of slipping through.
 * The REST description is 70 MB; the operations' schemas are extracted once into os.tmpdir().
 */
type Json = Record<string, unknown>;
const require = createRequire(import.meta.url);

export function normalize(schema: unknown, closeObjects = true, insideAllOf = false): unknown {
  if (Array.isArray(schema)) return schema.map((item) => normalize(item, closeObjects));
  if (typeof schema !== "object" || schema === null) return schema;
  const input = schema as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === "nullable" || key === "example" || key === "examples" || key === "discriminator" || key === "x-github") continue;
    if (key === "properties" && typeof value === "object" && value !== null) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, normalize(child, closeObjects)]));
    } else if (key === "allOf" && Array.isArray(value)) {
      out.allOf = value.map((item) => normalize(item, closeObjects, true));
    } else {
      out[key] = normalize(value, closeObjects);
    }
  }
  if (input.nullable === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    else if (out.anyOf || out.oneOf || out.allOf || out.$ref) return { anyOf: [withoutNullable(out), { type: "null" }] };
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  if (closeObjects && !insideAllOf && out.properties && out.additionalProperties === undefined && out.patternProperties === undefined) out.additionalProperties = false;
  return out;
}

function withoutNullable(schema: Json): Json {
  return schema;
}

/** The first errors with the offending property named (Ajv's errorsText leaves it out). */
function describe(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 12)
    .map((error) => `${error.instancePath || "(root)"} ${error.message ?? ""} ${JSON.stringify(error.params)}`)
    .join("\n");
}

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  return ajv;
}

export type Operation = `${"GET" | "POST" | "PUT" | "DELETE" | "PATCH"} ${string}`;

/** Extracts the success-response schema of each operation (cached in the OS temp dir by package version). */
function responseSchemas(operations: Operation[]): Record<string, unknown> {
  const pkg = require("@octokit/openapi/package.json") as { version: string };
  const cache = path.join(tmpdir(), `flightdeck-sandbox-openapi-${pkg.version}.json`);
  const cached: Record<string, unknown> = existsSync(cache) ? (JSON.parse(readFileSync(cache, "utf8")) as Record<string, unknown>) : {};
  const missing = operations.filter((op) => !(op in cached));
  if (missing.length > 0) {
    const file = require.resolve("@octokit/openapi/generated/api.github.com.deref.json");
    if (statSync(file).size === 0) throw new Error("empty OpenAPI description");
    const doc = JSON.parse(readFileSync(file, "utf8")) as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };
    for (const op of missing) {
      const [method = "", route = ""] = op.split(" ");
      const responses = doc.paths[route]?.[method.toLowerCase()]?.responses;
      if (!responses) throw new Error(`no operation ${op} in GitHub's OpenAPI description`);
      const success = responses["200"] ?? responses["201"] ?? responses["202"];
      cached[op] = success?.content?.["application/json"]?.schema ?? null;
    }
    writeFileSync(cache, JSON.stringify(cached));
  }
  return cached;
}

export function restValidator(operations: Operation[]): (op: Operation, body: unknown) => void {
  const schemas = responseSchemas(operations);
  const ajv = newAjv();
  const compiled = new Map<string, ValidateFunction>();
  return (op, body) => {
    let validate = compiled.get(op);
    if (!validate) {
      const schema = schemas[op];
      if (schema === undefined) throw new Error(`operation ${op} was not declared to the validator`);
      validate = ajv.compile(normalize(schema) as Json);
      compiled.set(op, validate);
    }
    if (!validate(body)) throw new Error(`${op}: response does not match GitHub's schema:\n${describe(validate)}`);
  };
}

/**
 * Webhook payload validation by event and action, e.g. ("workflow_run", "completed"): required
 * fields, types, enums and formats. Objects stay open here: the webhook descriptions list fewer
 * fields than GitHub actually sends (a workflow_run's repositories, for one), so closing them
 * would reject real GitHub payloads too.
 */
export function webhookValidator(): (event: string, action: string, body: unknown) => void {
  const doc = JSON.parse(readFileSync(require.resolve("@octokit/openapi-webhooks/generated/api.github.com.json"), "utf8")) as { components: Json };
  const ajv = newAjv();
  ajv.addSchema({ $id: "webhooks", components: normalize(doc.components, false) as Json });
  const compiled = new Map<string, ValidateFunction>();
  return (event, action, body) => {
    const name = `webhook-${event.replace(/_/g, "-")}-${action.replace(/_/g, "-")}`;
    let validate = compiled.get(name);
    if (!validate) {
      validate = ajv.compile({ $ref: `webhooks#/components/schemas/${name}` });
      compiled.set(name, validate);
    }
    if (!validate(body)) throw new Error(`${event}.${action}: payload does not match GitHub's webhook schema:\n${describe(validate)}`);
  };
}
