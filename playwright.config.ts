import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// End-to-end tests run a production build (next start) against the sandbox, on ports of their own
// so a running `npm run dev` is not disturbed. Secrets are non-default so the production start-up
// checks pass exactly as they would in a real deployment.
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
const APP_URL = `http://localhost:${APP_PORT}`;
const SANDBOX_URL = `http://localhost:${SANDBOX_PORT}`;
const CLIENT_SECRET = "e2e-oauth-client-secret";
const WEBHOOK_SECRET = "e2e-webhook-secret";
// The sandbox's demo GitHub App installation token: registered by the sandbox at start-up, used by the
// app to answer deployment protection rules (see README, "Locks").
const APP_INSTALLATION_TOKEN = "ghs_e2eFlightdeckAppInstallation0001";

// Debian's Chromium when present (no browser download here); CHROMIUM_PATH overrides;
// otherwise Playwright's own browser, if one was installed.
const chromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

const browser = {
  ...devices["Desktop Chrome"],
  viewport: { width: 1280, height: 800 },
  launchOptions: {
    executablePath: chromium,
    // Chromium refuses its sandbox as root; background networking only produces refused connections offline.
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  },
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  // Two groups. "pages" read and change only Flightdeck's own data, so they run in parallel. "journeys"
  // move the one sandbox every test shares — its clock, injected faults, ECS rollouts, GitHub runs —
  // so they run one at a time, after the pages, and no test sees another's outage or time travel.
  projects: [
    {
      name: "pages",
      testMatch: ["sign-in.spec.ts", "platform.spec.ts", "audit.spec.ts", "flags.spec.ts"],
      use: browser,
    },
    {
      name: "journeys",
      testIgnore: ["sign-in.spec.ts", "platform.spec.ts", "audit.spec.ts", "flags.spec.ts"],
      dependencies: ["pages"],
      workers: 1,
      use: browser,
    },
  ],
  webServer: [
    {
      name: "sandbox",
      command: "npx tsx sandbox/main.ts",
      url: `${SANDBOX_URL}/_sandbox/health`,
      env: {
        SANDBOX_PORT: String(SANDBOX_PORT),
        SANDBOX_PUBLIC_URL: SANDBOX_URL,
        SANDBOX_CLOCK: "manual",
        SANDBOX_OAUTH_CLIENT_ID: "flightdeck-e2e",
        SANDBOX_OAUTH_CLIENT_SECRET: CLIENT_SECRET,
        APP_WEBHOOK_URL: `${APP_URL}/api/webhooks/github`,
        SANDBOX_WEBHOOK_SECRET: WEBHOOK_SECRET,
        SANDBOX_APP_INSTALLATION_TOKEN: APP_INSTALLATION_TOKEN,
      },
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGINT", timeout: 5_000 },
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      name: "app",
      command: `node scripts/with-db.mjs npx next start -p ${APP_PORT}`,
      url: `${APP_URL}/api/health`,
      timeout: 120_000,
      env: {
        FLIGHTDECK_DB_INSTANCE: "test",
        SANDBOX_URL,
        NEXTAUTH_URL: APP_URL,
        NEXTAUTH_SECRET: "e2e-nextauth-secret-0123456789abcdef0123456789",
        GITHUB_CLIENT_ID: "flightdeck-e2e",
        GITHUB_CLIENT_SECRET: CLIENT_SECRET,
        GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
        GITHUB_APP_INSTALLATION_TOKEN: APP_INSTALLATION_TOKEN,
        // The refresher reads the sandbox's ECS with the real AWS SDK (any static credentials).
        AWS_ENDPOINT_URL_ECS: SANDBOX_URL,
        AWS_ACCESS_KEY_ID: "sandbox",
        AWS_SECRET_ACCESS_KEY: "sandbox",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGINT", timeout: 15_000 },
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
