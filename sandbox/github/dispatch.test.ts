import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { control, signIn, startSandbox } from "../testing/sandbox-fixture";
import { createdFilter } from "./routes/actions";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await control(sandbox, "POST", "/reset");
});

const dispatch = async (repo: string, workflow: string, body: unknown, token?: string) => {
  const response = await fetch(`${sandbox.url}/api/v3/repos/skyward/${repo}/actions/workflows/${workflow}/dispatches`, {
    method: "POST",
    headers: token ? { authorization: `token ${token}` } : {},
    body: JSON.stringify(body),
  });
  return { status: response.status, body: response.status === 204 ? undefined : ((await response.json()) as { message?: string }) };
};

describe("workflow_dispatch", () => {
  it("validates the ref and the inputs against the workflow's on.workflow_dispatch.inputs", async () => {
    const dana = await signIn(sandbox, "dana");
    expect((await dispatch("wumbo", "deploy.yml", { ref: "main", inputs: { environment: "staging" } })).status).toBe(401);
    expect(await dispatch("wumbo", "deploy.yml", { ref: "main", inputs: { environment: "staging", colour: "blue" } }, dana)).toMatchObject({ status: 422, body: { message: 'Unexpected inputs provided: ["colour"]' } });
    expect(await dispatch("wumbo", "deploy.yml", { ref: "main", inputs: {} }, dana)).toMatchObject({ status: 422, body: { message: "Required input 'environment' not provided" } });
    expect(await dispatch("wumbo", "deploy.yml", { ref: "main", inputs: { environment: "qa" } }, dana)).toMatchObject({ status: 422, body: { message: expect.stringContaining("not in the list of allowed values") } });
    expect(await dispatch("wumbo", "deploy.yml", { ref: "main", inputs: { environment: "staging", run_migrations: "maybe" } }, dana)).toMatchObject({ status: 422 });
    expect(await dispatch("wumbo", "deploy.yml", { ref: "nope", inputs: { environment: "staging" } }, dana)).toMatchObject({ status: 422, body: { message: "No ref found for: nope" } });
    expect(await dispatch("wumbo", "deploy.yml", { inputs: {} }, dana)).toMatchObject({ status: 422 });
    expect(await dispatch("wumbo", "pr-checks.yml", { ref: "main" }, dana)).toMatchObject({ status: 422, body: { message: "Workflow does not have 'workflow_dispatch' trigger" } });
    expect(await dispatch("beacon", "15-feature-flags.yml", { ref: "main", inputs: { flag: "x", enabled: true, environment: "moon" } }, dana)).toMatchObject({ status: 422 });
    expect((await dispatch("wumbo", "deploy.yml", { ref: "refs/heads/staging", inputs: { environment: "staging", run_migrations: "true" } }, dana)).status).toBe(204);
    expect((await dispatch("dreamcatchr", "production-deploy.yml", { ref: "v2.9.0", inputs: { skip_tests: false } }, dana)).status).toBe(204);
    expect((await dispatch("beacon", "04-deploy.yml", { ref: "main", inputs: { environment: "staging", dry_run: true } }, await signIn(sandbox, "vera"))).status).toBe(403);
  });
});

describe("GitHub's rate-limit faults", () => {
  it("answers a secondary rate limit with 403 and retry-after, and primary exhaustion with remaining 0", async () => {
    const token = await signIn(sandbox, "ada");
    await control(sandbox, "POST", "/faults", { route: "GET /repos/{owner}/{repo}/actions/runs", kind: "secondary-rate-limit", count: 1 });
    const secondary = await fetch(`${sandbox.url}/api/v3/repos/skyward/wumbo/actions/runs`, { headers: { authorization: `token ${token}` } });
    expect(secondary.status).toBe(403);
    expect(secondary.headers.get("retry-after")).toBe("60");
    expect(((await secondary.json()) as { message: string }).message).toMatch(/secondary rate limit/);
    await control(sandbox, "POST", "/faults", { kind: "rate-limit", status: 429, count: 1 });
    const primary = await fetch(`${sandbox.url}/api/v3/repos/skyward/wumbo`, { headers: { authorization: `token ${token}` } });
    expect(primary.status).toBe(429);
    expect(primary.headers.get("x-ratelimit-remaining")).toBe("0");
    expect((await fetch(`${sandbox.url}/api/v3/repos/skyward/wumbo`, { headers: { authorization: `token ${token}` } })).status).toBe(200);
  });
});

describe("the created filter", () => {
  it("reads GitHub's date range syntax", () => {
    const at = Date.parse("2026-03-02T10:00:00Z");
    expect(createdFilter(">=2026-03-02")?.(at)).toBe(true);
    expect(createdFilter("<2026-03-02")?.(at)).toBe(false);
    expect(createdFilter("2026-03-01..2026-03-02")?.(at)).toBe(true);
    expect(createdFilter("2026-03-03..*")?.(at)).toBe(false);
    expect(createdFilter("2026-03-02")?.(at)).toBe(true);
    expect(createdFilter("soon")).toBeUndefined();
  });
});
