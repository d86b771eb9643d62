// A workflow's `on.workflow_dispatch.inputs`, read from its YAML, and the validation of what a person
// fills in. Pure (no I/O), so every rule GitHub applies is unit-tested here; GitHub validates again.
import { parse as parseYaml } from "yaml";
import { z } from "zod";

export type DispatchInput =
  | { name: string; type: "string"; description: string | null; required: boolean; default: string | null }
  | { name: string; type: "number"; description: string | null; required: boolean; default: number | null }
  | { name: string; type: "boolean"; description: string | null; required: boolean; default: boolean }
  | { name: string; type: "choice"; description: string | null; required: boolean; default: string | null; options: string[] }
  | { name: string; type: "environment"; description: string | null; required: boolean; default: string | null };

/** Null when the workflow cannot be dispatched (no workflow_dispatch trigger). */
export function dispatchInputsOf(yamlText: string): DispatchInput[] | null {
  const doc = parseYaml(yamlText) as Record<string, unknown> | null;
  // YAML 1.1 reads a bare `on:` key as boolean true in some parsers; the yaml package keeps "on".
  const on = (doc?.on ?? doc?.true) as unknown;
  const triggers = typeof on === "string" ? { [on]: null } : Array.isArray(on) ? Object.fromEntries(on.map((name) => [String(name), null])) : (on as Record<string, unknown> | undefined);
  if (!triggers || !("workflow_dispatch" in triggers)) return null;
  const dispatch = (triggers.workflow_dispatch ?? {}) as { inputs?: Record<string, Record<string, unknown>> };
  return Object.entries(dispatch.inputs ?? {}).map(([name, spec]) => {
    const description = typeof spec.description === "string" ? spec.description : null;
    const required = spec.required === true;
    const type = String(spec.type ?? "string");
    if (type === "boolean") return { name, type, description, required, default: spec.default === true || spec.default === "true" };
    if (type === "number") return { name, type, description, required, default: spec.default === undefined ? null : Number(spec.default) };
    if (type === "choice") {
      const options = Array.isArray(spec.options) ? spec.options.map(String) : [];
      return { name, type, description, required, default: spec.default === undefined ? null : String(spec.default), options };
    }
    if (type === "environment") return { name, type, description, required, default: spec.default === undefined ? null : String(spec.default) };
    return { name, type: "string", description, required, default: spec.default === undefined ? null : String(spec.default) };
  });
}

/**
 * Validates form values against the declared inputs and returns GitHub's wire form (all strings).
 * Missing optional inputs take their default; unknown inputs are refused, as GitHub refuses them.
 */
export function validateDispatchInputs(
  inputs: DispatchInput[],
  given: Record<string, unknown>,
): { ok: true; values: Record<string, string> } | { ok: false; fieldErrors: Record<string, string[]> } {
  const fieldErrors: Record<string, string[]> = {};
  const values: Record<string, string> = {};
  const known = new Set(inputs.map((input) => input.name));
  for (const name of Object.keys(given)) if (!known.has(name)) fieldErrors[`inputs.${name}`] = [`The workflow has no input "${name}".`];
  for (const input of inputs) {
    const raw = given[input.name];
    const empty = raw === undefined || raw === null || raw === "";
    if (input.type === "boolean") {
      values[input.name] = String(empty ? input.default : raw === true || raw === "true" || raw === "on");
      continue;
    }
    if (empty) {
      if (input.default !== null) values[input.name] = String(input.default);
      else if (input.required) fieldErrors[`inputs.${input.name}`] = ["Required."];
      continue;
    }
    const text = String(raw);
    if (input.type === "number" && !z.coerce.number().safeParse(text).success) fieldErrors[`inputs.${input.name}`] = ["Expected a number."];
    else if (input.type === "choice" && !input.options.includes(text)) fieldErrors[`inputs.${input.name}`] = [`Expected one of ${input.options.join(", ")}.`];
    else values[input.name] = text;
  }
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, values };
}
