import { randomBytes } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { STATUS_CODES } from "node:http";
import { APP_BOT, type DemoUser } from "../demo/org";
import { findUser } from "../directory";
import type { Mount } from "../http/mount";
import { replyBody, type Reply } from "../http/reply";
import { authToken, BodyError, clientAddress, parseJson, readBody } from "../http/request";
import { createRouter, type Params } from "../http/router";
import type { SandboxState } from "../state";
import { etagMatches, weakEtag } from "./conditional";
import { badCredentials, githubError, notFound, requiresAuthentication } from "./errors";
import { ANONYMOUS_LIMIT, AUTHENTICATED_LIMIT, rateLimitHeaders, type RateLimitBucket } from "./rate-limit";
import type { Urls } from "./shapes";

export const API_PREFIX = "/api/v3";

export interface ApiContext {
  state: SandboxState;
  urls: Urls;
  params: Params;
  query: URLSearchParams;
  /** The request path below /api/v3, for building Link headers. */
  path: string;
  viewer: DemoUser | undefined;
  /** True when the caller uses a GitHub App installation token (ghs_): `viewer` is then the app's bot. */
  app: boolean;
  /** The rate-limit bucket of this caller (GET /rate_limit reports it). */
  bucket(): RateLimitBucket;
  json(): Promise<unknown>;
}

export interface ApiRoute {
  /** "required": 401 without a valid token; "optional": public endpoints that also answer anonymous callers. */
  auth: "required" | "optional";
  /** GET /rate_limit is free on GitHub. */
  free?: boolean;
  handle(ctx: ApiContext): Reply | Promise<Reply>;
}

export type ApiRouter = ReturnType<typeof createRouter<ApiRoute>>;

/** Handlers that need a signed-in viewer get it non-optional. */
export function authed(handle: (ctx: ApiContext & { viewer: DemoUser }) => Reply | Promise<Reply>): ApiRoute {
  return { auth: "required", handle: (ctx) => (ctx.viewer ? handle({ ...ctx, viewer: ctx.viewer }) : requiresAuthentication()) };
}

export function anyone(handle: (ctx: ApiContext) => Reply | Promise<Reply>): ApiRoute {
  return { auth: "optional", handle };
}

/**
 * The GitHub REST API mount: applies GitHub's conventions to every /api/v3 response — request id,
 * media type, per-user rate limits, weak ETags with free 304s, GitHub-shaped errors — and the
 * injected faults, around the route handlers registered by github/routes/*.
 */
export function githubApiMount(state: SandboxState, register: (router: ApiRouter) => void): Mount {
  const router = createRouter<ApiRoute>();
  register(router);

  return {
    name: "github-api",
    matches: ({ url }) => url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`),
    async handle(incoming) {
      const { req, method, url } = incoming;
      const path = url.pathname.slice(API_PREFIX.length) || "/";
      const match = router.match(method, path);
      // GitHub answers unknown methods on known paths with 404, like unknown paths.
      const route = match.kind === "found" ? match : undefined;
      incoming.meta.endpoint = route ? `${route.method} ${API_PREFIX}${route.pattern}` : `${method} ${API_PREFIX} (no route)`;

      const headers: Record<string, string> = {
        "x-github-request-id": requestId(),
        "x-github-media-type": "github.v3; format=json",
        "x-github-api-version-selected": "2022-11-28",
        vary: "Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding",
        "access-control-allow-origin": "*",
        "access-control-expose-headers":
          "ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id",
        "x-content-type-options": "nosniff",
      };
      const finish = (reply: Reply): Reply => ({ ...reply, headers: { ...headers, ...reply.headers } });

      const fault = state.faults.take({ method, path, pattern: route?.pattern });
      if (fault?.latencyMs) await delay(fault.latencyMs, undefined, { signal: incoming.signal });
      if (fault?.status && !fault.kind) {
        const retry: Record<string, string> = fault.status === 429 || fault.status === 503 ? { "retry-after": "60" } : {};
        return finish({ ...githubError(fault.status, STATUS_CODES[fault.status] ?? "Server Error"), headers: retry });
      }

      // Identify the caller. A token that was sent but is unknown is refused outright, as GitHub does.
      const sentToken = req.headers.authorization !== undefined;
      const token = authToken(req.headers.authorization);
      const grant = token ? state.oauth.lookupToken(token) : undefined;
      const app = token !== undefined && !grant && state.github.data.appTokens.has(token);
      const viewer = grant ? findUser(state.directory, grant.login) : app ? APP_BOT : undefined;
      // Installation tokens have their own bucket (per installation on GitHub; one installation here).
      const [bucketKey, limit] = app ? ["installation", AUTHENTICATED_LIMIT] : viewer ? [`user:${viewer.id}`, AUTHENTICATED_LIMIT] : [`ip:${clientAddress(req)}`, ANONYMOUS_LIMIT];
      if (grant) headers["x-oauth-scopes"] = grant.scopes.join(", ");

      const bucket = state.rateLimits.peek(bucketKey, limit);
      if (bucket.remaining === 0 && !route?.handler.free) {
        const message = viewer ? `API rate limit exceeded for user ID ${viewer.id}.` : `API rate limit exceeded for ${clientAddress(req)}.`;
        return finish({ ...githubError(403, message), headers: rateLimitHeaders(bucket) });
      }
      const counted = (reply: Reply): Reply => {
        const after = route?.handler.free ? state.rateLimits.peek(bucketKey, limit) : state.rateLimits.consume(bucketKey, limit);
        return finish({ ...reply, headers: { ...rateLimitHeaders(after), ...reply.headers } });
      };

      if (fault?.kind) return finish(rateLimitFault(fault.kind, fault.status, state.rateLimits.peek(bucketKey, limit), viewer, headers["x-github-request-id"] ?? ""));
      if (sentToken && !viewer) return counted(badCredentials());
      if (!route) return counted(notFound());
      if (route.handler.auth === "required" && !viewer) return counted(requiresAuthentication());

      const ctx: ApiContext = {
        state,
        urls: state.urls,
        params: route.params,
        query: url.searchParams,
        path,
        viewer,
        app,
        bucket: () => state.rateLimits.peek(bucketKey, limit),
        json: async () => parseJson((await readBody(req)).toString("utf8")),
      };
      let reply: Reply;
      try {
        reply = await route.handler.handle(ctx);
      } catch (error) {
        if (error instanceof BodyError) return counted(githubError(error.status, error.message));
        throw error;
      }

      if (method !== "GET" && method !== "HEAD") return counted(reply);
      const body = reply.status === 200 ? replyBody(reply) : undefined;
      if (body === undefined) return counted(reply);
      const etag = weakEtag(body);
      const caching = { etag, "cache-control": `${viewer ? "private" : "public"}, max-age=60, s-maxage=60` };
      // A 304 is free on GitHub: report the bucket without consuming from it.
      if (etagMatches(req.headers["if-none-match"], etag)) {
        return finish({ status: 304, headers: { ...rateLimitHeaders(state.rateLimits.peek(bucketKey, limit)), ...caching } });
      }
      return counted({ ...reply, headers: { ...caching, ...reply.headers } });
    },
  };
}

/**
 * Injected rate-limit refusals, as GitHub words them. The secondary limit keeps the primary
 * headers truthful and adds retry-after; primary exhaustion reports remaining 0 until the reset.
 */
function rateLimitFault(kind: "secondary-rate-limit" | "rate-limit", status: number | undefined, bucket: RateLimitBucket, viewer: DemoUser | undefined, requestId: string): Reply {
  if (kind === "secondary-rate-limit") {
    const message = `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`;
    return { ...githubError(status ?? 403, message), headers: { ...rateLimitHeaders(bucket), "retry-after": "60" } };
  }
  const message = viewer ? `API rate limit exceeded for user ID ${viewer.id}.` : "API rate limit exceeded.";
  return { ...githubError(status ?? 403, message), headers: rateLimitHeaders({ ...bucket, remaining: 0, used: bucket.limit }) };
}

/** Shaped like GitHub's (e.g. "C3D4:1F2A:9B01C3:A1B2C4:67A1B2C3"): hex groups, unique per response. */
function requestId(): string {
  const hex = randomBytes(12).toString("hex").toUpperCase();
  return [hex.slice(0, 4), hex.slice(4, 8), hex.slice(8, 14), hex.slice(14, 20), Math.floor(Date.now() / 1000).toString(16).toUpperCase()].join(":");
}
