import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createClock } from "./clock";
import { optionsFromEnv, type SandboxOptions } from "./config";
import { controlMount } from "./control/control-mount";
import { ecsControlMount, ecsMount } from "./ecs";
import { githubApiMount } from "./github/api";
import { githubError } from "./github/errors";
import { registerMetaRoutes } from "./github/routes/meta";
import { registerOrgRoutes } from "./github/routes/orgs";
import { registerTeamRoutes } from "./github/routes/teams";
import { registerUserRoutes } from "./github/routes/users";
import { registerActionsRoutes } from "./github/routes/actions";
import { registerDeploymentRoutes } from "./github/routes/deployments";
import { registerEnvironmentRoutes } from "./github/routes/environments";
import { registerGitRefRoutes } from "./github/routes/git-refs";
import { registerRepoRoutes } from "./github/routes/repos";
import { healthMount } from "./lifecycle/health-mount";
import type { Incoming, Mount } from "./http/mount";
import { sendReply, type Reply } from "./http/reply";
import { BodyError } from "./http/request";
import { silentLogger, type Logger } from "./log";
import { oauthMount } from "./oauth/oauth-mount";
import { createState, type SandboxState } from "./state";
import { webMount } from "./web/web-mount";

export interface CreateSandboxOptions extends Partial<Omit<SandboxOptions, "clock" | "oauth">> {
  clock?: Partial<SandboxOptions["clock"]>;
  oauth?: Partial<SandboxOptions["oauth"]>;
  /** Defaults to silent: tests start many sandboxes. main.ts passes the stdout logger. */
  log?: Logger;
}

export interface Sandbox {
  /** Base URL of the sandbox (its public URL): GitHub API at `${url}/api/v3`, OAuth at `${url}/login/oauth/*`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the sandbox. Port 0 (the default here) picks a free port, for tests running in-process. */
export async function createSandbox(overrides: CreateSandboxOptions = {}): Promise<Sandbox> {
  const defaults = optionsFromEnv({});
  const { log = silentLogger, clock: clockOptions, oauth, ...rest } = overrides;
  const options: SandboxOptions = {
    ...defaults,
    port: 0,
    ...rest,
    clock: { ...defaults.clock, ...clockOptions },
    oauth: { ...defaults.oauth, ...oauth },
  };
  const shutdown = new AbortController();
  // The port (and so the public URL every response embeds) is known only once listening; until
  // the state is built on it, requests get 503.
  const app: { handle?: (req: IncomingMessage, res: ServerResponse) => void } = {};
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    if (app.handle) app.handle(req, res);
    else res.writeHead(503).end();
  };

  const servers = await listen(listener, options.port, options.host);
  const port = (servers[0]?.address() as AddressInfo).port;
  const publicUrl = options.publicUrl ?? `http://localhost:${port}`;
  const clock = createClock(options.clock);
  const state = createState(options, publicUrl, clock, log);
  const mounts: Mount[] = [
    ecsControlMount(state.ecs),
    controlMount(state),
    githubApiMount(state, (router) => {
      registerMetaRoutes(router);
      registerUserRoutes(router);
      registerOrgRoutes(router);
      registerTeamRoutes(router);
      registerRepoRoutes(router);
      registerGitRefRoutes(router);
      registerActionsRoutes(router);
      registerEnvironmentRoutes(router);
      registerDeploymentRoutes(router);
    }),
    healthMount(state),
    oauthMount(state),
    // ECS over AWS JSON 1.1 (POST / with X-Amz-Target), before the web pages.
    ecsMount(state.ecs),
    webMount(state),
  ];
  app.handle = (req, res) => void handle(state, mounts, shutdown.signal, req, res);

  return {
    url: publicUrl,
    port,
    async close() {
      shutdown.abort();
      state.github.webhooks.clear();
      clock.dispose();
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              // Keep-alive sockets (Octokit's fetch keeps them) would otherwise hold close() open.
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}

async function handle(state: SandboxState, mounts: Mount[], signal: AbortSignal, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(`http://sandbox.invalid${req.url?.startsWith("/") ? req.url : "/"}`);
  const incoming: Incoming = { req, method, url, meta: { counted: true }, signal };
  res.on("finish", () => {
    const endpoint = incoming.meta.endpoint ?? `${method} (no route)`;
    if (incoming.meta.counted) state.requests.record(endpoint, res.statusCode);
    // The path only: query strings carry OAuth codes and states.
    state.log("info", "request", { method, path: url.pathname, endpoint, status: res.statusCode, ms: Math.round((performance.now() - started) * 10) / 10 });
  });

  let reply: Reply;
  try {
    const mount = mounts.find((candidate) => candidate.matches(incoming));
    reply = mount ? await mount.handle(incoming) : githubError(404, "Not Found");
  } catch (error) {
    if (signal.aborted) {
      res.destroy();
      return;
    }
    if (error instanceof BodyError) {
      reply = githubError(error.status, error.message);
    } else {
      state.log("error", "request.failed", { method, path: url.pathname, error });
      reply = githubError(500, "Server Error");
    }
  }
  if (!res.headersSent && !res.destroyed) sendReply(res, reply);
}

/**
 * Listens on `host`, or by default on 127.0.0.1 and — when the machine has IPv6 loopback — ::1 on
 * the same port. "localhost" resolves to ::1 first on many systems; answering on both keeps
 * http://localhost:<port> working for every client without exposing the sandbox beyond loopback.
 */
async function listen(listener: (req: IncomingMessage, res: ServerResponse) => void, port: number, host: string | undefined): Promise<Server[]> {
  const primary = await listenOne(listener, port, host ?? "127.0.0.1");
  if (host !== undefined) return [primary];
  const boundPort = (primary.address() as AddressInfo).port;
  try {
    return [primary, await listenOne(listener, boundPort, "::1")];
  } catch {
    // No IPv6 loopback, or the port is taken there: IPv4 alone still serves localhost on most setups.
    return [primary];
  }
}

function listenOne(listener: (req: IncomingMessage, res: ServerResponse) => void, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer({ keepAliveTimeout: 5_000 }, listener);
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
