import "server-only";
import { db } from "@/lib/db";
import { requestLog } from "@/lib/request-log";

export interface HealthReport {
  ok: boolean;
  checks: { database: "ok" | "unreachable" };
}

/** Liveness of what Flightdeck itself needs to serve pages: its database. */
export async function checkHealth(): Promise<HealthReport> {
  try {
    await Promise.race([
      db().$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("database health check timed out")), 3_000).unref()),
    ]);
    return { ok: true, checks: { database: "ok" } };
  } catch (error) {
    (await requestLog()).error("health.database_unreachable", { error });
    return { ok: false, checks: { database: "unreachable" } };
  }
}
