import { parse } from "yaml";
import { WORKFLOW_FILES } from "../../demo/workflow-files";
import type { DemoWorkflow } from "../../demo/apps";
import type { Repo } from "../store";

/**
 * `on.workflow_dispatch.inputs` read from the workflow's YAML, and GitHub's validation of the
 * inputs a dispatch sends: unknown names, missing required ones, choice options, booleans,
 * numbers and environment names, with GitHub's messages.
 */
export interface InputSpec {
  type: "string" | "choice" | "boolean" | "number" | "environment";
  required: boolean;
  default?: string | boolean | number;
  options?: string[];
}

export type DispatchSpec = { dispatchable: false } | { dispatchable: true; inputs: Record<string, InputSpec> };

export function dispatchSpec(workflow: DemoWorkflow): DispatchSpec {
  const doc = parse(WORKFLOW_FILES[workflow.file] ?? "") as { on?: Record<string, unknown> | string | string[] } | null;
  const on = doc?.on;
  const triggers = typeof on === "string" ? { [on]: null } : Array.isArray(on) ? Object.fromEntries(on.map((name) => [name, null])) : (on ?? {});
  if (!("workflow_dispatch" in triggers)) return { dispatchable: false };
  const raw = (triggers.workflow_dispatch as { inputs?: Record<string, Record<string, unknown>> } | null)?.inputs ?? {};
  const inputs: Record<string, InputSpec> = {};
  for (const [name, spec] of Object.entries(raw)) {
    const type = ["string", "choice", "boolean", "number", "environment"].includes(String(spec.type)) ? (spec.type as InputSpec["type"]) : "string";
    inputs[name] = {
      type,
      required: spec.required === true,
      default: typeof spec.default === "string" || typeof spec.default === "boolean" || typeof spec.default === "number" ? spec.default : undefined,
      options: Array.isArray(spec.options) ? spec.options.map(String) : undefined,
    };
  }
  return { dispatchable: true, inputs };
}

export type InputsResult = { ok: true; inputs: Record<string, string | boolean | number> } | { ok: false; message: string };

export function validateInputs(repo: Repo, spec: Record<string, InputSpec>, given: Record<string, unknown>): InputsResult {
  const unexpected = Object.keys(given).filter((name) => !(name in spec));
  if (unexpected.length > 0) return { ok: false, message: `Unexpected inputs provided: ${JSON.stringify(unexpected)}` };
  const out: Record<string, string | boolean | number> = {};
  for (const [name, input] of Object.entries(spec)) {
    const value = given[name];
    if (value === undefined || value === null || value === "") {
      if (input.required && input.default === undefined) return { ok: false, message: `Required input '${name}' not provided` };
      const fallback = input.default ?? (input.type === "boolean" ? false : "");
      out[name] = fallback;
      continue;
    }
    if (typeof value === "object") return { ok: false, message: `Provided value for input '${name}' must be a string, number or boolean` };
    const text = String(value);
    switch (input.type) {
      case "boolean":
        if (text !== "true" && text !== "false") return { ok: false, message: `Provided value '${text}' for input '${name}' is not a valid boolean` };
        out[name] = text === "true";
        break;
      case "number":
        if (!Number.isFinite(Number(text))) return { ok: false, message: `Provided value '${text}' for input '${name}' is not a valid number` };
        out[name] = Number(text);
        break;
      case "choice":
        if (!(input.options ?? []).includes(text)) return { ok: false, message: `Provided value '${text}' for input '${name}' not in the list of allowed values` };
        out[name] = text;
        break;
      case "environment":
        if (!repo.app.environments.some((env) => env.name === text)) return { ok: false, message: `Provided value '${text}' for input '${name}' is not a valid environment` };
        out[name] = text;
        break;
      default:
        out[name] = text;
    }
  }
  return { ok: true, inputs: out };
}
