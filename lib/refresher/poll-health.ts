import "server-only";
import { log } from "@/lib/log";
import type { RefresherContext } from "./context";

// Health checks of the configured URLs, run by the leader only (so a check rate does not grow with
// instances or viewers). A result changing ok ↔ failing is a live event.

const HEALTH_TIMEOUT_MS = 5_000;

export async function checkUrl(url: string): Promise<{ ok: boolean; status: number | null; detail: string | null }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS), headers: { accept: "application/json" }, redirect: "manual" });
    const text = (await response.text()).slice(0, 2_000);
    let detail: string | null = null;
    try {
      const body = JSON.parse(text) as { status?: unknown; message?: unknown };
      detail = typeof body.status === "string" ? body.status : typeof body.message === "string" ? body.message : null;
    } catch {
      detail = null;
    }
    return { ok: response.ok, status: response.status, detail: detail?.slice(0, 200) ?? null };
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    return { ok: false, status: null, detail: timedOut ? `no answer within ${HEALTH_TIMEOUT_MS / 1000} s` : "unreachable" };
  }
}

export async function pollHealth(ctx: RefresherContext): Promise<void> {
  const checks = ctx.config.applications.flatMap((app) => app.environments.flatMap((env) => env.healthChecks.map((check) => ({ app, env, check }))));
  await Promise.all(
    checks.map(async ({ app, env, check }) => {
      const result = await checkUrl(check.url);
      const key = { application: app.slug, environment: env.name, name: check.name };
      const before = await ctx.prisma.healthCheckResult.findUnique({ where: { application_environment_name: key }, select: { ok: true, status: true } });
      const row = { ...key, url: check.url, ...result, checkedAt: ctx.now() };
      await ctx.prisma.healthCheckResult.upsert({ where: { application_environment_name: key }, create: row, update: row });
      if (!before || before.ok !== result.ok || before.status !== result.status) {
        if (before) log.info("refresher.health_changed", { ...key, ok: result.ok, status: result.status });
        await ctx.publish({ type: "health.changed", application: app.slug, environment: env.name });
      }
    }),
  );
}
