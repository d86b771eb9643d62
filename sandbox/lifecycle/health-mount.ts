import { findApp } from "../demo/apps";
import type { Mount } from "../http/mount";
import { json } from "../http/reply";
import { healthKey } from "../github/store";
import type { SandboxState } from "../state";

/**
 * The demo applications' health checks (`GET /health/<app>/<env>`, which flightdeck.config.yaml's
 * healthChecks point at): 200 {status: "ok", sha} while the environment's ECS services serve one
 * release, 503 when a rollout failed or the release running there failed its smoke test.
 */
export function healthMount(state: SandboxState): Mount {
  return {
    name: "app-health",
    matches: ({ url }) => url.pathname.startsWith("/health/"),
    handle(incoming) {
      incoming.meta.counted = false;
      const [, , slug = "", name = ""] = incoming.url.pathname.split("/");
      incoming.meta.endpoint = `${incoming.method} /health/{app}/{env}`;
      const app = findApp(slug);
      const env = app?.environments.find((candidate) => candidate.name === name);
      if (!app || !env) return json(404, { status: "unknown", error: `no application environment ${slug}/${name}` });
      const services = Object.entries(env.services).map(([key, service]) => ({ key, status: state.ecs.serviceStatus(env.region, env.cluster, service) }));
      const first = services[0]?.status;
      const serving = first?.runningImages.slice().sort((a, b) => b.count - a.count)[0]?.image ?? Object.values(first?.images ?? {})[0] ?? "";
      const sha = serving.split(":").at(-1) ?? null;
      const headers = { "cache-control": "no-store" };
      if (services.some((entry) => !entry.status)) return json(503, { status: "down", sha: null, error: "service not running" }, headers);
      if (services.some((entry) => entry.status?.state === "failed")) return json(503, { status: "failing", sha, error: "a rollout failed" }, headers);
      if (state.github.data.unhealthy.has(healthKey(app.slug, env.name))) return json(503, { status: "degraded", sha, error: "smoke test failing: elevated 5xx rate" }, headers);
      const rolling = services.some((entry) => entry.status?.state === "rolling");
      return json(200, { status: "ok", sha, rolling }, headers);
    },
  };
}
