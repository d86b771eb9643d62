#!/usr/bin/env node
// `npm run dev`: everything a newcomer needs, in one terminal — Postgres (embedded unless
// DATABASE_URL is set) with migrations applied, the GitHub + ECS sandbox, and the Next.js dev
// server. Prints the URL and the demo logins once the app answers. Ctrl-C stops all of it, Postgres
// last and cleanly.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { ensureDatabase } from "./with-db.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const bin = (name) => path.join(ROOT, "node_modules", ".bin", name);

const PORT = Number(process.env.PORT ?? 3000);
const SANDBOX_PORT = Number(process.env.SANDBOX_PORT ?? 4010);
// One host name everywhere: the OAuth state cookie is lost between localhost and 127.0.0.1.
const APP_URL = process.env.NEXTAUTH_URL ?? `http://localhost:${PORT}`;
const SANDBOX_URL = process.env.SANDBOX_URL ?? `http://localhost:${SANDBOX_PORT}`;

const DEMO_LOGINS = [
  ["ada", "admin (team platform)"],
  ["rita", "release manager"],
  ["ravi", "release manager"],
  ["dana", "deployer (team engineers)"],
  ["oscar", "on-call + deployer"],
  ["vera", "viewer (org member, no team)"],
  ["mallory", "not in the org: refused"],
];

// The sandbox's demo GitHub App: an installation token the sandbox registers at start-up and the app
// answers deployment protection rules with (locks hold on GitHub too). Real GitHub: GITHUB_APP_ID +
// GITHUB_APP_PRIVATE_KEY instead (README, "Locks").
const APP_INSTALLATION_TOKEN = `ghs_${randomBytes(27).toString("base64url").replace(/[-_]/g, "0")}`;

const children = [];
let shuttingDown = false;

function start(name, command, args, env) {
  const child = spawn(command, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  child.on("exit", (code, signal) => {
    if (!shuttingDown) {
      console.error(`\n[dev] ${name} exited (${signal ?? `code ${code}`}); stopping everything.`);
      void shutdown(code || 1);
    }
  });
  children.push({ name, child });
  return child;
}

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !shuttingDown) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

let database;

async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.error("\n[dev] stopping…");
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", resolve);
          child.kill("SIGINT");
          setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
        }),
    ),
  );
  if (database) await database.stop();
  console.error("[dev] stopped.");
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

database = await ensureDatabase({ instance: "dev", handleSignals: false });

// Demo data in Flightdeck's own tables (feature flags); inserts only into empty tables.
const seeded = spawnSync(bin("tsx"), ["--conditions=react-server", "scripts/seed-demo.ts"], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: database.databaseUrl, SANDBOX_URL },
});
if (seeded.status !== 0) console.error("[dev] seeding the demo data failed; the app starts without it.");

// The sandbox is a new world at every start (new commits, runs and task definitions under the same
// names and revision numbers), so what the read model remembers of the previous one would be wrong —
// task definitions above all, which are cached for ever because real ones never change. Forget it.
// Flightdeck's own data (audit trail, flags, locks, role bindings, users) is kept.
const READ_MODEL = [
  "service_snapshots", "task_definition_cache", "deployment_history", "workflow_runs", "workflow_jobs", "github_deployments",
  "pending_approvals", "deployment_reviews", "webhook_deliveries", "http_cache", "upstream_states", "health_check_results",
  "environment_compares", "repo_tags", "release_approvals",
];
if (database.embedded) {
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  await client.query(`TRUNCATE ${READ_MODEL.join(", ")}`);
  await client.end();
}

start("sandbox", bin("tsx"), ["sandbox/main.ts"], {
  SANDBOX_PORT: String(SANDBOX_PORT),
  SANDBOX_PUBLIC_URL: SANDBOX_URL,
  APP_WEBHOOK_URL: `${APP_URL}/api/webhooks/github`,
  SANDBOX_CLOCK: process.env.SANDBOX_CLOCK ?? "realtime",
  SANDBOX_APP_INSTALLATION_TOKEN: APP_INSTALLATION_TOKEN,
});

// The refresher reads GitHub with a service token. A real deployment configures GITHUB_TOKEN (or a
// GitHub App); here the sandbox mints an App installation token, so the dashboard is complete before
// anyone signs in.
let githubToken = process.env.GITHUB_TOKEN;
if (!githubToken && (await waitForHealth(`${SANDBOX_URL}/_sandbox/health`, 60_000))) {
  try {
    const response = await fetch(`${SANDBOX_URL}/_sandbox/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ app: true }) });
    githubToken = (await response.json()).token;
  } catch (error) {
    console.error(`[dev] could not mint a sandbox token for the refresher (${error}); it will use the token of whoever signs in.`);
  }
}

start("next", bin("next"), ["dev", "--port", String(PORT)], {
  ...(githubToken ? { GITHUB_TOKEN: githubToken } : {}),
  DATABASE_URL: database.databaseUrl,
  NEXTAUTH_URL: APP_URL,
  SANDBOX_URL,
  // The refresher's AWS SDK reads ECS from the sandbox (lib/ecs signs with dummy credentials for a
  // loopback endpoint when none are configured).
  AWS_ENDPOINT_URL_ECS: process.env.AWS_ENDPOINT_URL_ECS ?? SANDBOX_URL,
  GITHUB_APP_INSTALLATION_TOKEN: APP_INSTALLATION_TOKEN,
  NEXT_TELEMETRY_DISABLED: "1",
});

if (await waitForHealth(`${APP_URL}/api/health`, 120_000)) {
  const width = Math.max(...DEMO_LOGINS.map(([login]) => login.length));
  console.log(
    [
      "",
      "  ✈  Flightdeck is running",
      "",
      `     Open      ${APP_URL}`,
      `     Sandbox   ${SANDBOX_URL}  (local GitHub + ECS)`,
      `     Database  ${database.embedded ? "embedded Postgres" : "DATABASE_URL"}`,
      "",
      "     Demo logins (pick one on the sandbox's GitHub sign-in page):",
      ...DEMO_LOGINS.map(([login, role]) => `       ${login.padEnd(width)}  ${role}`),
      "",
      "     Ctrl-C stops everything.",
      "",
    ].join("\n"),
  );
} else if (!shuttingDown) {
  console.error(`[dev] the app did not answer on ${APP_URL}/api/health within 2 minutes; see the output above.`);
}
