import { describe, expect, it } from "vitest";
import { dispatchInputsOf, validateDispatchInputs } from "./workflow-inputs";

const deployYml = `name: Deploy
on:
  push:
    branches: [main]
  workflow_dispatch:
    inputs:
      environment:
        description: Environment to deploy
        required: true
        type: choice
        options: [development, staging, production]
      run_migrations:
        type: boolean
        default: false
      replicas:
        type: number
        required: false
      version:
        description: Version label
        required: true
`;

describe("dispatchInputsOf", () => {
  it("reads every declared input with its type, requirement and default", () => {
    expect(dispatchInputsOf(deployYml)).toEqual([
      { name: "environment", type: "choice", description: "Environment to deploy", required: true, default: null, options: ["development", "staging", "production"] },
      { name: "run_migrations", type: "boolean", description: null, required: false, default: false },
      { name: "replicas", type: "number", description: null, required: false, default: null },
      { name: "version", type: "string", description: "Version label", required: true, default: null },
    ]);
  });

  it("knows a workflow without workflow_dispatch cannot be dispatched, and one without inputs can", () => {
    expect(dispatchInputsOf("on:\n  push:\n    branches: [main]\n")).toBeNull();
    expect(dispatchInputsOf("on: [push, workflow_dispatch]\n")).toEqual([]);
    expect(dispatchInputsOf("on:\n  workflow_dispatch:\n")).toEqual([]);
  });
});

describe("validateDispatchInputs", () => {
  const inputs = dispatchInputsOf(deployYml)!;

  it("returns GitHub's string form with defaults filled in", () => {
    expect(validateDispatchInputs(inputs, { environment: "staging", version: "1.4.0", run_migrations: "on" })).toEqual({
      ok: true,
      values: { environment: "staging", run_migrations: "true", version: "1.4.0" },
    });
  });

  it("names each bad field: missing required, wrong choice, not a number, unknown input", () => {
    expect(validateDispatchInputs(inputs, { environment: "moon", replicas: "three", colour: "red" })).toEqual({
      ok: false,
      fieldErrors: {
        "inputs.colour": ['The workflow has no input "colour".'],
        "inputs.environment": ["Expected one of development, staging, production."],
        "inputs.replicas": ["Expected a number."],
        "inputs.version": ["Required."],
      },
    });
  });
});
