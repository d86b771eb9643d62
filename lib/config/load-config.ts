import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import type { z } from "zod";
import { configSchema, type FlightdeckConfig } from "./schema";

/** Environment variables as read here (Next types process.env with NODE_ENV required). */
export type EnvVars = Record<string, string | undefined>;

/** Raised when the config file is missing or invalid; the message is meant for a human at start-up. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export function configPath(env: EnvVars = process.env): string {
  // Read at run time from the working directory; the bundler must not try to trace it.
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), env.FLIGHTDECK_CONFIG ?? "flightdeck.config.yaml");
}

/**
 * `${VAR}` and `${VAR:-default}` in string values are replaced from the environment, so one file
 * serves the demo (sandbox port from SANDBOX_PORT) and real deployments. Secrets still never
 * belong in the file: they are read from the environment by the modules that need them.
 */
export function interpolateEnv(value: unknown, env: EnvVars, at: string[] = []): unknown {
  if (typeof value === "string") {
    return value.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_match, name: string, fallback?: string) => {
      const found = env[name];
      if (found !== undefined && found !== "") return found;
      if (fallback !== undefined) return fallback;
      throw new ConfigError(`${at.join(".") || "(root)"}: environment variable ${name} is not set and has no default`);
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => interpolateEnv(item, env, [...at, String(index)]));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateEnv(item, env, [...at, key])]),
    );
  }
  return value;
}

export function formatIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `  - ${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`)
    .join("\n");
}

/** Parses and validates config text. Throws ConfigError naming the bad field's path. */
export function parseConfig(text: string, source: string, env: EnvVars = process.env): FlightdeckConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    const detail = error instanceof YAMLParseError ? error.message : String(error);
    throw new ConfigError(`${source} is not valid YAML: ${detail}`);
  }
  const result = configSchema.safeParse(interpolateEnv(raw, env));
  if (!result.success) {
    throw new ConfigError(`${source} is invalid:\n${formatIssues(result.error.issues)}`);
  }
  return result.data;
}

export function loadConfigFile(file = configPath(), env: EnvVars = process.env): FlightdeckConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new ConfigError(`cannot read the Flightdeck config file ${file} (set FLIGHTDECK_CONFIG to its path)`);
  }
  return parseConfig(text, file, env);
}
