#!/usr/bin/env node
// `npm test`: every check, in the order that fails fastest — type check, lint, unit tests,
// integration tests on a real Postgres, then end-to-end tests in Chromium against a production build.
// Stops at the first failing step and exits with its code.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const steps = [
  ["type check", "npx", ["tsc", "--noEmit"]],
  ["lint", "npx", ["eslint", "--max-warnings=0", "."]],
  ["unit tests", "npx", ["vitest", "run", "--project", "unit"]],
  ["integration tests (Postgres)", "node", ["scripts/with-db.mjs", "npx", "vitest", "run", "--project", "integration"], { FLIGHTDECK_DB_INSTANCE: "test" }],
  ["production build", "npx", ["next", "build"], { NEXT_TELEMETRY_DISABLED: "1" }],
  ["end-to-end tests (Chromium)", "npx", ["playwright", "test"]],
];

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(`No Chromium at ${chromium}. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

const started = Date.now();
for (const [name, command, args, env = {}] of steps) {
  const stepStart = Date.now();
  console.log(`\n▶ ${name}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const seconds = ((Date.now() - stepStart) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed after ${seconds}s (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${name} (${seconds}s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`);
