// Not marked server-only: proxy.ts and instrumentation read the config too. It holds no secrets.
import { loadConfigFile } from "./load-config";
import type { ApplicationConfig, EnvironmentConfig, FlightdeckConfig } from "./schema";

export type { ApplicationConfig, EnvironmentConfig, FlightdeckConfig } from "./schema";
export { ConfigError } from "./load-config";

let cached: FlightdeckConfig | undefined;

/** The validated configuration, read once per process (start-up validates it; see instrumentation.ts). */
export function getConfig(): FlightdeckConfig {
  cached ??= loadConfigFile();
  return cached;
}

export function findApplication(slug: string): ApplicationConfig | undefined {
  return getConfig().applications.find((app) => app.slug === slug);
}

export function findEnvironment(appSlug: string, envName: string): { app: ApplicationConfig; env: EnvironmentConfig } | undefined {
  const app = findApplication(appSlug);
  const env = app?.environments.find((candidate) => candidate.name === envName);
  return app && env ? { app, env } : undefined;
}
