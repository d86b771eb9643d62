import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { control, octokit, signIn, startSandbox } from "../testing/sandbox-fixture";
import type { EndpointCount } from "./request-counts";

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

const api = (path: string, token: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`${sandbox.url}/api/v3${path}`, { ...init, headers: { authorization: `token ${token}`, ...init.headers } });

describe("control API", () => {
  it("reports health", async () => {
    expect(await control(sandbox, "GET", "/health")).toEqual({ ok: true, clock: "manual" });
  });

  it("advances the manual clock and reports it", async () => {
    const before = await control<{ epochMs: number; mode: string }>(sandbox, "GET", "/clock");
    expect(before).toMatchObject({ mode: "manual", epochMs: Date.parse("2026-03-02T09:00:00Z") });
    const after = await control<{ epochMs: number; now: string }>(sandbox, "POST", "/clock/advance", { ms: 90_000 });
    expect(after.epochMs - before.epochMs).toBe(90_000);
    expect(after.now).toBe(new Date(after.epochMs).toISOString());
  });

  it("rejects malformed control requests with the reason", async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/clock/advance`, { method: "POST", body: JSON.stringify({ ms: -5 }) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid request body", issues: [{ path: "ms" }] });
    const fault = await fetch(`${sandbox.url}/_sandbox/faults`, { method: "POST", body: JSON.stringify({ route: "/user" }) });
    expect(fault.status).toBe(400);
  });

  it("resets to the seeded state: issued tokens stop working", async () => {
    const token = await signIn(sandbox, "ada");
    expect((await api("/user", token)).status).toBe(200);
    await control(sandbox, "POST", "/reset");
    expect((await api("/user", token)).status).toBe(401);
  });

  it("mints tokens without the OAuth dance", async () => {
    const { token } = await control<{ token: string }>(sandbox, "POST", "/tokens", { login: "oscar" });
    expect(token).toMatch(/^ghp_/);
    expect((await octokit(sandbox, token).rest.users.getAuthenticated()).data.login).toBe("oscar");
  });

  it("counts requests per endpoint pattern and status, leaving control traffic out", async () => {
    const token = await signIn(sandbox, "dana");
    await control(sandbox, "DELETE", "/requests");
    const gh = octokit(sandbox, token);
    await gh.rest.orgs.checkMembershipForUser({ org: "skyward", username: "oscar" });
    await gh.rest.orgs.checkMembershipForUser({ org: "skyward", username: "vera" });
    await api("/orgs/skyward/members/mallory", token);
    const { total, endpoints } = await control<{ total: number; endpoints: EndpointCount[] }>(sandbox, "GET", "/requests");
    expect(endpoints).toEqual([{ endpoint: "GET /api/v3/orgs/{org}/members/{username}", count: 3, byStatus: { "204": 2, "404": 1 } }]);
    expect(total).toBe(3);
  });
});

describe("fault injection on the GitHub API", () => {
  it("fails the next N matching requests with the given status, then recovers", async () => {
    const token = await signIn(sandbox, "ada");
    const rule = await control<{ id: number }>(sandbox, "POST", "/faults", { route: "GET /user/teams", status: 503, count: 2 });
    expect(rule.id).toBeGreaterThan(0);
    expect((await api("/user", token)).status).toBe(200);
    const failed = await api("/user/teams", token);
    expect(failed.status).toBe(503);
    expect(failed.headers.get("retry-after")).toBe("60");
    expect(failed.headers.get("x-github-request-id")).toBeTruthy();
    expect(await failed.json()).toMatchObject({ message: "Service Unavailable", status: "503" });
    expect((await api("/user/teams", token)).status).toBe(503);
    expect((await api("/user/teams", token)).status).toBe(200);
    expect(await control(sandbox, "GET", "/faults")).toEqual({ faults: [] });
  });

  it("matches concrete paths and applies to every request without a route until cleared", async () => {
    const token = await signIn(sandbox, "ada");
    await control(sandbox, "POST", "/faults", { route: "/orgs/skyward/teams/platform", status: 500 });
    expect((await api("/orgs/skyward/teams/platform", token)).status).toBe(500);
    expect((await api("/orgs/skyward/teams/oncall", token)).status).toBe(200);
    await control(sandbox, "DELETE", "/faults");
    await control(sandbox, "POST", "/faults", { status: 502 });
    expect((await api("/user", token)).status).toBe(502);
    expect((await octokit(sandbox).request("GET /meta").catch((error: { status: number }) => error)).status).toBe(502);
  });

  it("delays answers by the injected latency", async () => {
    const token = await signIn(sandbox, "ada");
    await control(sandbox, "POST", "/faults", { route: "/user", latencyMs: 150, count: 1 });
    const started = performance.now();
    const response = await api("/user", token);
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it("lets a client's own timeout fire against a slow GitHub", async () => {
    const token = await signIn(sandbox, "ada");
    await control(sandbox, "POST", "/faults", { route: "/user", latencyMs: 60_000, count: 1 });
    await expect(api("/user", token, { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ name: "TimeoutError" });
    // The slow answer does not block the next request.
    expect((await api("/user", token)).status).toBe(200);
  });
});
