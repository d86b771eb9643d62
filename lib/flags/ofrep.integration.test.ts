// OFREP end to end at the library level: flags created and changed through the command pipeline,
// served by the real handlers over HTTP, read by the real OpenFeature server SDK with its OFREP provider.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { OpenFeature } from "@openfeature/server-sdk";
import { OFREPProvider } from "@openfeature/ofrep-provider";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { runCommand } from "@/lib/commands/run-command";
// Aliased: the React hooks lint rule takes any use* call at the top level for a hook.
import { useTestDatabase as testDatabase } from "@/lib/testing/database";
import { generateApiKeySecret } from "./api-key-secret";
import { inRollout } from "./bucket";
import { changeFlag, createApiKey, createFlag, revokeApiKey } from "./commands";
import { findFlagHistory } from "./find-flags";
import { evaluateAllFlags, evaluateOneFlag } from "./ofrep-handler";
import { stopFlagListener } from "./serving-cache";

const database = testDatabase("file");
const request = { ip: "203.0.113.9", userAgent: "vitest" };
const person = (login: string, roles: CurrentUser["roles"]): CurrentUser => ({ id: randomUUID(), githubId: "1", login, name: null, avatarUrl: null, teams: [], roles });
const dana = person("dana", ["viewer", "deployer"]);
const rita = person("rita", ["viewer", "release_manager"]);
const ada = person("ada", ["viewer", "admin"]);

let server: http.Server;
let baseUrl = "";
const keys: Record<string, { id: string; secret: string }> = {};

/** Node request → web Request → our handler → node response: what app/ofrep/... does inside Next. */
function serve(req: http.IncomingMessage, res: http.ServerResponse) {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", async () => {
    const url = new URL(req.url ?? "/", baseUrl);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const web = new Request(url, { method: req.method, headers, body: req.method === "POST" ? Buffer.concat(chunks) : undefined });
    const match = /^\/ofrep\/v1\/evaluate\/flags(?:\/([^/]+))?$/.exec(url.pathname);
    const response = !match || req.method !== "POST" ? new Response(null, { status: 404 }) : match[1] ? await evaluateOneFlag(web, decodeURIComponent(match[1])) : await evaluateAllFlags(web);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
}

async function run<T extends Parameters<typeof runCommand>[0]>(command: T, input: unknown, actor: CurrentUser, idempotencyKey: string = randomUUID()) {
  return runCommand(command, input, { idempotencyKey, actor, request });
}

async function newKey(name: string, environment: string) {
  const { secret, prefix, secretHash } = generateApiKeySecret();
  const result = await run(createApiKey, { application: "wumbo", environment, name, prefix, secretHash }, ada);
  if (!result.ok) throw new Error(result.error.message);
  keys[name] = { id: (result.result as { id: string }).id, secret };
}

async function stateVersion(key: string, environment: string): Promise<number> {
  const state = await database().prisma.flagState.findFirstOrThrow({ where: { environment, flag: { key, application: "wumbo" } } });
  return state.version;
}

async function change(key: string, environment: string, fields: Record<string, unknown>, actor = dana) {
  return run(changeFlag, { application: "wumbo", environment, key, type: fields.type ?? "boolean", version: await stateVersion(key, environment), ...fields }, actor);
}

function ofrepClient(domain: string, secret: string, extraHeaders: Record<string, string> = {}) {
  const provider = new OFREPProvider({ baseUrl, headers: { Authorization: `Bearer ${secret}`, ...extraHeaders } });
  return OpenFeature.setProviderAndWait(domain, provider).then(() => OpenFeature.getClient(domain));
}

beforeAll(async () => {
  process.env.DATABASE_URL = database().url;
  server = http.createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  for (const [key, type] of [["new-checkout", "boolean"], ["search-v2", "boolean"], ["checkout-theme", "string"]] as const) {
    const created = await run(createFlag, { application: "wumbo", key, type, owner: "payments", description: `${key} demo` }, dana);
    expect(created.ok).toBe(true);
  }
  await newKey("web-staging", "staging");
  await newKey("web-production", "production");
  await newKey("to-revoke", "staging");
});

afterAll(async () => {
  await OpenFeature.close();
  await stopFlagListener();
  await new Promise((resolve) => server.close(resolve));
});

describe("OFREP with the OpenFeature SDK", () => {
  test("evaluates before and after a change, and sees the change within a second", async () => {
    const client = await ofrepClient("staging", keys["web-staging"]!.secret);
    const before = await client.getBooleanDetails("new-checkout", true, { targetingKey: "user-1" });
    expect(before).toMatchObject({ value: false, reason: "DISABLED", variant: "default" });

    expect(await change("new-checkout", "staging", { enabled: "true", rolloutPercentage: "100" })).toMatchObject({ ok: true });
    const changedAt = Date.now();
    let after = await client.getBooleanDetails("new-checkout", false, { targetingKey: "user-1" });
    while (after.value !== true && Date.now() - changedAt < 2_000) after = await client.getBooleanDetails("new-checkout", false, { targetingKey: "user-1" });
    expect(after).toMatchObject({ value: true, reason: "STATIC", variant: "rollout" });
    expect(Date.now() - changedAt).toBeLessThan(1_000);

    // Production is untouched by the staging change.
    const production = await ofrepClient("production", keys["web-production"]!.secret);
    expect(await production.getBooleanValue("new-checkout", true, { targetingKey: "user-1" })).toBe(false);
  });

  test("unknown flags, wrong types and missing targeting keys get OpenFeature's error codes", async () => {
    const client = await ofrepClient("staging", keys["web-staging"]!.secret);
    expect(await client.getBooleanDetails("no-such-flag", true, { targetingKey: "u" })).toMatchObject({ value: true, errorCode: "FLAG_NOT_FOUND" });
    expect(await client.getStringDetails("new-checkout", "fallback", { targetingKey: "u" })).toMatchObject({ value: "fallback", errorCode: "TYPE_MISMATCH" });

    expect(await change("search-v2", "staging", { enabled: "true", rolloutPercentage: "30" })).toMatchObject({ ok: true });
    await expect.poll(async () => (await client.getBooleanDetails("search-v2", true, {})).errorCode, { timeout: 2_000 }).toBe("TARGETING_KEY_MISSING");
  });

  test("percentage rollouts are stable per targeting key and within ±2 % over 10,000 keys", async () => {
    expect(await change("checkout-theme", "staging", { type: "string", enabled: "true", defaultValue: "classic", rolloutValue: "aurora", rolloutPercentage: "20" })).toMatchObject({ ok: true });
    const client = await ofrepClient("staging", keys["web-staging"]!.secret);
    await expect.poll(() => client.getStringValue("checkout-theme", "?", { targetingKey: "probe" }), { timeout: 2_000 }).not.toBe("?");

    const targetingKeys = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);
    const values: string[] = [];
    for (let start = 0; start < targetingKeys.length; start += 200) {
      const batch = targetingKeys.slice(start, start + 200);
      values.push(...(await Promise.all(batch.map((targetingKey) => client.getStringValue("checkout-theme", "?", { targetingKey })))));
    }
    const share = values.filter((value) => value === "aurora").length / values.length;
    expect(Math.abs(share - 0.2)).toBeLessThanOrEqual(0.02);
    // Stable: the server's answer is exactly the documented bucket function's.
    values.forEach((value, i) => expect(value === "aurora").toBe(inRollout("checkout-theme", targetingKeys[i]!, 20)));
    // Widening keeps everyone who had it.
    expect(await change("checkout-theme", "staging", { type: "string", rolloutPercentage: "40" })).toMatchObject({ ok: true });
    await expect.poll(() => client.getStringValue("checkout-theme", "?", { targetingKey: targetingKeys.find((_, i) => !inRollout("checkout-theme", targetingKeys[i]!, 20) && inRollout("checkout-theme", targetingKeys[i]!, 40))! }), { timeout: 2_000 }).toBe("aurora");
    const widened = await Promise.all(targetingKeys.slice(0, 500).map((targetingKey) => client.getStringValue("checkout-theme", "?", { targetingKey })));
    widened.forEach((value, i) => {
      if (values[i] === "aurora") expect(value).toBe("aurora");
    });
  }, 60_000);

  test("revoked keys, wrong-environment keys and missing keys are refused", async () => {
    const revokedClient = await ofrepClient("to-revoke", keys["to-revoke"]!.secret);
    expect(await revokedClient.getBooleanValue("new-checkout", false, { targetingKey: "u" })).toBe(true);
    expect(await run(revokeApiKey, { id: keys["to-revoke"]!.id }, ada)).toMatchObject({ ok: true });
    await expect.poll(async () => (await revokedClient.getBooleanDetails("new-checkout", false, { targetingKey: "u" })).errorCode, { timeout: 1_000 }).toBe("GENERAL");
    const revoked = await fetch(`${baseUrl}/ofrep/v1/evaluate/flags/new-checkout`, { method: "POST", headers: { authorization: `Bearer ${keys["to-revoke"]!.secret}` }, body: "{}" });
    expect(revoked.status).toBe(401);

    const wrongEnv = await fetch(`${baseUrl}/ofrep/v1/evaluate/flags`, {
      method: "POST",
      headers: { "x-api-key": keys["web-staging"]!.secret, "x-flightdeck-environment": "production" },
      body: "{}",
    });
    expect(wrongEnv.status).toBe(403);
    const wrongEnvClient = await ofrepClient("wrong-env", keys["web-staging"]!.secret, { "X-Flightdeck-Environment": "production" });
    expect(await wrongEnvClient.getBooleanDetails("new-checkout", false, { targetingKey: "u" })).toMatchObject({ value: false, errorCode: "GENERAL" });

    expect((await fetch(`${baseUrl}/ofrep/v1/evaluate/flags`, { method: "POST", body: "{}" })).status).toBe(401);
    expect((await fetch(`${baseUrl}/ofrep/v1/evaluate/flags`, { method: "POST", headers: { authorization: "Bearer fdk_nope" }, body: "{}" })).status).toBe(401);
  });

  test("bulk evaluation answers 304 to a matching If-None-Match until something changes", async () => {
    const post = (etag?: string) =>
      fetch(`${baseUrl}/ofrep/v1/evaluate/flags`, {
        method: "POST",
        headers: { authorization: `Bearer ${keys["web-staging"]!.secret}`, "content-type": "application/json", ...(etag ? { "if-none-match": etag } : {}) },
        body: JSON.stringify({ context: { targetingKey: "user-7" } }),
      });
    const first = await post();
    expect(first.status).toBe(200);
    const body = (await first.json()) as { flags: { key: string }[] };
    expect(body.flags.map((flag) => flag.key)).toEqual(["checkout-theme", "new-checkout", "search-v2"]);
    const etag = first.headers.get("etag")!;
    expect((await post(etag)).status).toBe(304);

    expect(await change("new-checkout", "staging", { enabled: "false" })).toMatchObject({ ok: true });
    await expect.poll(async () => (await post(etag)).status, { timeout: 1_000 }).toBe(200);

    const bad = await fetch(`${baseUrl}/ofrep/v1/evaluate/flags`, { method: "POST", headers: { authorization: `Bearer ${keys["web-staging"]!.secret}` }, body: "{oops" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errorCode: "PARSE_ERROR" });
  });
});

describe("flag commands", () => {
  test("a deployer is refused in production, a release manager is not; both are audited", async () => {
    const refused = await change("search-v2", "production", { enabled: "true", rolloutPercentage: "100" }, dana);
    expect(refused).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(await change("search-v2", "production", { enabled: "true", rolloutPercentage: "100" }, rita)).toMatchObject({ ok: true });
    const history = await findFlagHistory("wumbo", "search-v2");
    expect(history.map((event) => [event.action, event.outcome, event.environment])).toEqual(
      expect.arrayContaining([
        ["flag.changed", "succeeded", "production"],
        ["action.denied", "denied", "production"],
      ]),
    );
    const success = history.find((event) => event.outcome === "succeeded" && event.environment === "production")!;
    expect(success.payload).toMatchObject({ before: { enabled: false }, after: { enabled: true, rolloutPercentage: 100 } });
  });

  test("a repeated idempotency key changes once; a stale form is refused", async () => {
    const version = await stateVersion("new-checkout", "development");
    const idempotencyKey = randomUUID();
    const input = { application: "wumbo", environment: "development", key: "new-checkout", type: "boolean", version, enabled: "true" };
    const first = await run(changeFlag, input, dana, idempotencyKey);
    const second = await run(changeFlag, input, dana, idempotencyKey);
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: true, replayed: true });
    expect(await stateVersion("new-checkout", "development")).toBe(version + 1);

    const stale = await run(changeFlag, { ...input, enabled: "false" }, dana);
    expect(stale).toMatchObject({ ok: false, error: { kind: "conflict" } });
  });

  test("invalid input comes back as field errors", async () => {
    const result = await run(changeFlag, { application: "wumbo", environment: "staging", key: "checkout-theme", type: "number", version: 1, defaultValue: "abc", rolloutPercentage: "250" }, dana);
    expect(result).toMatchObject({ ok: false, error: { kind: "validation", fieldErrors: { defaultValue: ["expected a number"], rolloutPercentage: ["0 to 100"] } } });
    const duplicate = await run(createFlag, { application: "wumbo", key: "new-checkout", type: "boolean", owner: "x" }, dana);
    expect(duplicate).toMatchObject({ ok: false, error: { kind: "conflict" } });
    const badKey = await run(createFlag, { application: "wumbo", key: "Bad Key!", type: "boolean", owner: "x" }, dana);
    expect(badKey).toMatchObject({ ok: false, error: { kind: "validation" } });
  });
});
