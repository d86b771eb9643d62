import { ConfigError, configPath, loadConfigFile } from "@/lib/config/load-config";
import { productionEnvProblems } from "@/lib/env-checks";
import type { EnvVars } from "@/lib/config/load-config";

/** Everything that must be right before the server takes a request; empty when all is well. */
export function startupProblems(env: EnvVars = process.env): string[] {
  const problems: string[] = [];
  try {
    loadConfigFile(configPath(env), env);
  } catch (error) {
    problems.push(error instanceof ConfigError ? error.message : `config: ${String(error)}`);
  }
  if (env.NODE_ENV === "production") problems.push(...productionEnvProblems(env));
  return problems;
}

export function exitOnStartupProblems(): void {
  const problems = startupProblems();
  if (problems.length === 0) return;
  process.stderr.write(`\nFlightdeck cannot start:\n${problems.map((problem) => `  ${problem}`).join("\n")}\n\n`);
  process.exit(1);
}
