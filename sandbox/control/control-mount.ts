import { z } from "zod";
import { findUser } from "../directory";
import { AUTHENTICATED_LIMIT } from "../github/rate-limit";
import type { Incoming, Mount } from "../http/mount";
import { json, type Reply } from "../http/reply";
import { parseJson, readBody } from "../http/request";
import { createRouter } from "../http/router";
import { randomToken } from "../oauth/oauth-store";
import { registerGitHubControl } from "./github-control";
import type { SandboxState } from "../state";

export const CONTROL_PREFIX = "/_sandbox";

type Handler = (state: SandboxState, incoming: Incoming) => Reply | Promise<Reply>;

const advanceSchema = z.object({ ms: z.number().int().min(0).max(366 * 24 * 60 * 60 * 1000) }).strict();

const faultSchema = z
  .object({
    route: z.string().min(1).optional(),
    status: z.number().int().min(400).max(599).optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    count: z.number().int().min(1).optional(),
    kind: z.enum(["secondary-rate-limit", "rate-limit"]).optional(),
  })
  .strict()
  .refine((fault) => fault.status !== undefined || fault.latencyMs !== undefined || fault.kind !== undefined, { message: "give status, latencyMs, kind or a combination" });

/** Webhook delivery faults: the next `count` delivery attempts fail without reaching the app. */
const webhookFaultSchema = z.object({ webhooks: z.literal("fail"), count: z.number().int().min(1).max(1000).default(1) }).strict();

const tokenSchema = z.union([
  z.object({ login: z.string().min(1), scopes: z.array(z.string().min(1)).default(["read:user", "read:org"]) }).strict(),
  // A GitHub App installation token (ghs_), as the app's own backend would mint with its private key.
  z.object({ app: z.literal(true) }).strict(),
]);

const rateLimitSchema = z.object({ login: z.string().min(1), remaining: z.number().int().min(0).max(AUTHENTICATED_LIMIT) }).strict();

/**
 * The control API for tests and demos (never used by the app): health, reset, the virtual clock,
 * request counts, fault injection, and shortcuts that skip the OAuth dance (mint a token) or set
 * up a rate-limit scenario.
 */
export function controlMount(state: SandboxState): Mount {
  const router = createRouter<Handler>()
    .add("GET", "/health", (s) => json(200, { ok: true, clock: s.clock.mode }))
    .add("POST", "/reset", (s) => {
      s.reset();
      return json(200, { ok: true });
    })
    .add("GET", "/clock", (s) => json(200, clockView(s)))
    .add("POST", "/clock/advance", async (s, incoming) => {
      const input = await parse(incoming, advanceSchema);
      if ("reply" in input) return input.reply;
      s.clock.advance(input.data.ms);
      return json(200, clockView(s));
    })
    .add("GET", "/requests", (s) => json(200, s.requests.snapshot()))
    .add("DELETE", "/requests", (s) => {
      s.requests.clear();
      return json(200, s.requests.snapshot());
    })
    .add("GET", "/faults", (s) => json(200, { faults: s.faults.list() }))
    .add("POST", "/faults", async (s, incoming) => {
      const raw = await readJson(incoming);
      if (typeof raw === "object" && raw !== null && "webhooks" in raw) {
        const hooks = webhookFaultSchema.safeParse(raw);
        if (!hooks.success) return invalid(hooks.error);
        s.github.webhooks.failNext(hooks.data.count);
        return json(201, { webhooks: "fail", pending: s.github.webhooks.pendingFailures() });
      }
      const input = faultSchema.safeParse(raw);
      return input.success ? json(201, s.faults.add(input.data)) : invalid(input.error);
    })
    .add("DELETE", "/faults", (s) => {
      s.faults.clear();
      return json(200, { faults: [] });
    })
    .add("POST", "/tokens", async (s, incoming) => {
      const input = await parse(incoming, tokenSchema);
      if ("reply" in input) return input.reply;
      if ("app" in input.data) {
        const token = randomToken("ghs_");
        s.github.data.appTokens.set(token, { createdAt: s.clock.now() });
        return json(201, { token, app: true, expires_at: new Date(s.clock.now() + 3_600_000).toISOString() });
      }
      const user = findUser(s.directory, input.data.login);
      if (!user) return json(404, { error: `no demo user "${input.data.login}"` });
      // Stands in for a personal access token: same API behaviour as an OAuth token, no OAuth app.
      const token = s.oauth.issueToken({ login: user.login, scopes: input.data.scopes }, "ghp_");
      return json(201, { token, login: user.login, scopes: input.data.scopes });
    })
    .add("PUT", "/rate-limit", async (s, incoming) => {
      const input = await parse(incoming, rateLimitSchema);
      if ("reply" in input) return input.reply;
      const user = findUser(s.directory, input.data.login);
      if (!user) return json(404, { error: `no demo user "${input.data.login}"` });
      return json(200, s.rateLimits.setRemaining(`user:${user.id}`, AUTHENTICATED_LIMIT, input.data.remaining));
    });
  registerGitHubControl(router);

  return {
    name: "control",
    matches: ({ url }) => url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`),
    handle(incoming) {
      // Control traffic is not part of what the app did, so it stays out of the request counts.
      incoming.meta.counted = false;
      const match = router.match(incoming.method, incoming.url.pathname.slice(CONTROL_PREFIX.length) || "/");
      if (match.kind === "method-not-allowed") return json(405, { error: "method not allowed" }, { allow: match.allowed.join(", ") });
      if (match.kind === "not-found") return json(404, { error: "no such control endpoint", endpoints: router.routes().map((r) => `${r.method} ${CONTROL_PREFIX}${r.pattern}`) });
      incoming.meta.endpoint = `${match.method} ${CONTROL_PREFIX}${match.pattern}`;
      return match.handler(state, incoming);
    },
  };
}

function clockView(state: SandboxState): { now: string; epochMs: number; mode: string; speed: number } {
  const now = state.clock.now();
  return { now: new Date(now).toISOString(), epochMs: now, mode: state.clock.mode, speed: state.clock.speed };
}

async function readJson(incoming: Incoming): Promise<unknown> {
  const text = (await readBody(incoming.req)).toString("utf8");
  return text.trim() === "" ? {} : parseJson(text);
}

function invalid(error: z.ZodError): Reply {
  return json(400, { error: "invalid request body", issues: error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })) });
}

async function parse<T>(incoming: Incoming, schema: z.ZodType<T>): Promise<{ data: T } | { reply: Reply }> {
  const text = (await readBody(incoming.req)).toString("utf8");
  const result = schema.safeParse(text.trim() === "" ? {} : parseJson(text));
  if (result.success) return { data: result.data };
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  return { reply: json(400, { error: "invalid request body", issues }) };
}
