// Overview benchmark against a production build (`next start`) and the sandbox's "bench" scenario
// (3 applications × 3 environments × 4 ECS services, > 2,000 workflow runs):
//
//   npx next build && npm run bench -- [--viewers 50] [--requests 300] [--window 60] [--events 20] [--reload 10]
//
// A viewer is an open tab: /api/events held open, `/` requested again on each event and every
// --reload seconds. Reports (1) server response time of `/` (to the last byte) for a signed-in person,
// p50/p95, alone and while N viewers are connected, plus a burst of N simultaneous requests (every
// open page refreshing at once); (2) GitHub + ECS requests per minute the sandbox receives with 1
// viewer and with N: the ratio must be 1.0;
// (3) time from a change in the sandbox (a dispatched run: its webhook) to the change being visible in
// an open Chromium page, p95 over --events changes. Loopback only; every loop is bounded.
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { openEventStream, signIn, sleep, startProcess, stopProcess, summarize, timedGet, waitFor } from "./bench/overview-helpers";

const { values: args } = parseArgs({
  options: {
    viewers: { type: "string", default: "50" },
    requests: { type: "string", default: "300" },
    /** Seconds between a viewer's own reloads of `/` (besides one per live event). */
    reload: { type: "string", default: "10" },
    window: { type: "string", default: "60" },
    events: { type: "string", default: "20" },
    "app-port": { type: "string", default: "3391" },
    "sandbox-port": { type: "string", default: "4591" },
    /** The refresher's longest interval (GitHub, health: 15 s): both request-count windows start at the same phase of it. */
    cycle: { type: "string", default: "15" },
  },
});
const VIEWERS = Math.min(Number(args.viewers), 200);
const REQUESTS = Math.min(Number(args.requests), 20_000);
const WINDOW_MS = Math.min(Number(args.window), 300) * 1000;
const EVENTS = Math.min(Number(args.events), 200);
const RELOAD_MS = Math.max(1, Number(args.reload)) * 1000;
const CYCLE_MS = Number(args.cycle) * 1000;
const APP = `http://127.0.0.1:${args["app-port"]}`;
const SANDBOX = `http://127.0.0.1:${args["sandbox-port"]}`;
const CLIENT_SECRET = "bench-oauth-client-secret";
const WEBHOOK_SECRET = "bench-webhook-secret";
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("run through scripts/with-db.mjs (npm run bench)");
const log = (line: string) => console.error(`[bench] ${line}`);
const ms = (value: number) => `${value.toFixed(1)} ms`;

const sandboxJson = async <T>(method: string, route: string, body?: unknown, token?: string): Promise<T> => {
  const response = await fetch(`${SANDBOX}${route}`, { method, headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

/** GitHub REST and ECS requests received so far (sign-in, health checks and control calls excluded). */
async function upstreamCount(): Promise<{ github: number; ecs: number }> {
  const snapshot = await sandboxJson<{ endpoints: { endpoint: string; count: number }[] }>("GET", "/_sandbox/requests");
  let github = 0;
  let ecs = 0;
  for (const { endpoint, count } of snapshot.endpoints) {
    if (endpoint.startsWith("ECS ")) ecs += count;
    else if (endpoint.includes(" /api/v3/")) github += count;
  }
  return { github, ecs };
}

const sandbox = startProcess("sandbox", ["npx", "tsx", "sandbox/main.ts"], {
  SANDBOX_PORT: args["sandbox-port"],
  SANDBOX_HOST: "127.0.0.1",
  SANDBOX_PUBLIC_URL: SANDBOX,
  SANDBOX_CLOCK: "manual",
  SANDBOX_OAUTH_CLIENT_ID: "flightdeck-bench",
  SANDBOX_OAUTH_CLIENT_SECRET: CLIENT_SECRET,
  APP_WEBHOOK_URL: `${APP}/api/webhooks/github`,
  SANDBOX_WEBHOOK_SECRET: WEBHOOK_SECRET,
});
let app: ReturnType<typeof startProcess> | undefined;
const stopAll = () => {
  stopProcess(app);
  stopProcess(sandbox);
};
process.on("exit", stopAll);
process.on("SIGINT", () => process.exit(130));

const agent = new http.Agent({ keepAlive: true, maxSockets: VIEWERS + 4 });
const overview = new URL(`${APP}/`);
const isOverview = (body: string) => body.includes("What runs where");

try {
  await waitFor("the sandbox", 60_000, async () => (await fetch(`${SANDBOX}/_sandbox/health`)).ok);
  const seeded = await sandboxJson<{ runs: number }>("POST", "/_sandbox/scenario", { name: "bench", activity: false });
  const services = (await sandboxJson<{ services: unknown[] }>("GET", "/_sandbox/ecs/services")).services.length;
  log(`sandbox: bench scenario, ${seeded.runs} workflow runs, ${services} ECS services`);

  app = startProcess("app", ["npx", "next", "start", "-p", args["app-port"], "-H", "127.0.0.1"], {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    FLIGHTDECK_CONFIG: path.resolve("scripts/bench/flightdeck.bench.yaml"),
    SANDBOX_URL: SANDBOX,
    NEXTAUTH_URL: APP,
    NEXTAUTH_SECRET: "bench-nextauth-secret-0123456789abcdef0123456789",
    GITHUB_CLIENT_ID: "flightdeck-bench",
    GITHUB_CLIENT_SECRET: CLIENT_SECRET,
    GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
    AWS_ENDPOINT_URL_ECS: SANDBOX,
    AWS_ACCESS_KEY_ID: "sandbox",
    AWS_SECRET_ACCESS_KEY: "sandbox",
    NEXT_TELEMETRY_DISABLED: "1",
  });
  await waitFor("next start", 120_000, async () => (await fetch(`${APP}/api/health`)).ok);
  const cookie = await signIn(APP, "vera");
  log("signed in as vera through the sandbox's OAuth flow");
  // The refresher's first passes: every service of the bench config has a SHA on the page.
  await waitFor("the refresher's first snapshot of all services", 180_000, async () => {
    const body = await (await fetch(overview, { headers: { cookie } })).text();
    return (body.match(/data-sha="[0-9a-f]{40}"/g) ?? []).length >= services;
  }, 1_000);

  // Viewers: like an open tab, each holds /api/events open and re-requests `/` once per event
  // (debounced like the live island) and otherwise reloads every --reload seconds.
  const viewers = (count: number) => {
    let stopped = false;
    const loops = Array.from({ length: count }, async (_, i) => {
      let pending: NodeJS.Timeout | null = null;
      const refresh = () => void timedGet(agent, overview, cookie).catch(() => undefined);
      const stream = openEventStream(new URL(`${APP}/api/events`), cookie, () => {
        if (pending) clearTimeout(pending);
        pending = setTimeout(refresh, 150);
      });
      await sleep((i * RELOAD_MS) / count);
      while (!stopped) {
        await timedGet(agent, overview, cookie).catch(() => undefined);
        for (let waited = 0; waited < RELOAD_MS && !stopped; waited += 250) await sleep(250);
      }
      if (pending) clearTimeout(pending);
      stream.close();
    });
    return { stop: async () => ((stopped = true), await Promise.all(loops)) };
  };
  /** One person loading `/` again and again (sequentially), while the viewers do their thing. */
  const probe = async (requests: number) => {
    const times: number[] = [];
    let failures = 0;
    for (let i = 0; i < requests; i++) {
      const result = await timedGet(agent, overview, cookie, isOverview);
      if (!result.ok) failures++;
      times.push(result.ms);
    }
    return { ...summarize(times), failures };
  };

  // (1a) `/` alone.
  for (let i = 0; i < 30; i++) await timedGet(agent, overview, cookie, isOverview); // warm-up (JIT, caches)
  const one = await probe(REQUESTS);
  log(`GET / alone: p50 ${ms(one.p50)} p95 ${ms(one.p95)}`);

  // (2) Upstream requests per minute with 1 viewer, then N; the two windows start at the same phase
  // of the refresher's cycle. (1b) runs the probe during the second window.
  // Measure in steady state: the refresher's first passes fetch jobs, tags and compares for every run
  // it has not seen; after that an idle repository costs the same conditional requests every cycle.
  let previous = -1;
  await waitFor("steady upstream traffic", 300_000, async () => {
    const a = (await upstreamCount()).github;
    await sleep(CYCLE_MS);
    const delta = (await upstreamCount()).github - a;
    const steady = delta === previous;
    previous = delta;
    return steady;
  }, 0);
  const before = await upstreamCount();
  const t0 = await waitFor("a GitHub refresh", 60_000, async () => ((await upstreamCount()).github > before.github ? Date.now() + 2_000 : null), 100);
  const window = async (start: number, count: number, during?: () => Promise<unknown>) => {
    await sleep(start - 5_000 - Date.now());
    const load = viewers(count);
    await sleep(start - Date.now());
    const first = await upstreamCount();
    const side = during?.();
    await sleep(start + WINDOW_MS - Date.now());
    const last = await upstreamCount();
    await load.stop();
    const perMinute = (n: number) => (n * 60_000) / WINDOW_MS;
    return { github: perMinute(last.github - first.github), ecs: perMinute(last.ecs - first.ecs), side: await side };
  };
  const w1 = await window(t0, 1);
  const gap = Math.ceil((Date.now() + 10_000 - t0) / CYCLE_MS) * CYCLE_MS;
  let many: Awaited<ReturnType<typeof probe>> | undefined;
  const wN = await window(t0 + gap, VIEWERS, async () => (many = await probe(REQUESTS)));
  const ratio = (wN.github + wN.ecs) / (w1.github + w1.ecs);
  log(`upstream/min: 1 viewer ${JSON.stringify({ github: w1.github, ecs: w1.ecs })}, ${VIEWERS}: ${JSON.stringify({ github: wN.github, ecs: wN.ecs })}; GET / with ${VIEWERS} viewers p95 ${ms(many?.p95 ?? NaN)}`);

  // (1c) A burst: every viewer's page refreshing at the same moment (what one live event causes).
  const burstTimes: number[] = [];
  for (let round = 0; round < 10; round++) {
    const results = await Promise.all(Array.from({ length: VIEWERS }, () => timedGet(agent, overview, cookie, isOverview)));
    burstTimes.push(...results.map((result) => result.ms));
  }
  const burst = summarize(burstTimes);
  log(`burst of ${VIEWERS}: p50 ${ms(burst.p50)} p95 ${ms(burst.p95)}`);

  // (3) Sandbox change (dispatch → webhook) → visible in an open page, p95.
  const background = viewers(VIEWERS);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
  const latencies: number[] = [];
  let misses = 0;
  try {
    const context = await browser.newContext();
    await context.addCookies(cookie.split("; ").map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1), url: APP })));
    const page = await context.newPage();
    await page.goto(`${APP}/apps/wumbo/development`);
    await page.waitForSelector('[data-testid="live-indicator"][data-state="live"]', { timeout: 15_000 });
    const token = (await sandboxJson<{ token: string }>("POST", "/_sandbox/tokens", { login: "dana", scopes: ["repo"] })).token;
    for (let i = 0; i < EVENTS; i++) {
      const sent = Date.now();
      const { workflow_run_id: runId } = await sandboxJson<{ workflow_run_id: number }>(
        "POST",
        "/api/v3/repos/skyward/wumbo/actions/workflows/deploy.yml/dispatches",
        { ref: "development", inputs: { environment: "development" }, return_run_details: true },
        token,
      );
      const seen = await page
        .waitForFunction((id) => (document.querySelector(`[data-testid="run-${id}"]`) ? Date.now() : 0), runId, { polling: 10, timeout: 10_000 })
        .then((handle) => handle.jsonValue())
        .catch(() => null);
      if (seen === null) misses++;
      else latencies.push(Number(seen) - sent);
      // Let the run finish (and the page settle) so the environment's concurrency group does not pile up queued runs.
      await sandboxJson("POST", "/_sandbox/clock/advance", { ms: 180_000 });
      await page.waitForSelector(`[data-testid="run-${runId}"][data-status="completed"]`, { timeout: 30_000 }).catch(() => undefined);
    }
  } finally {
    await browser.close();
    await background.stop();
  }
  const live = summarize(latencies);

  const m = many ?? { p50: NaN, p95: NaN, p99: NaN, failures: 0 };
  console.log(`Overview benchmark — bench scenario: ${seeded.runs} runs, ${services} ECS services; ${VIEWERS} viewers (SSE open, a reload on each event and every ${RELOAD_MS / 1000} s)`);
  console.log(`(1) GET / (signed in), to the last byte, ${REQUESTS} sequential requests:`);
  console.log(`    alone          p50 ${ms(one.p50)}  p95 ${ms(one.p95)}  p99 ${ms(one.p99)}  (${one.failures} failed)`);
  console.log(`    ${VIEWERS} viewers     p50 ${ms(m.p50)}  p95 ${ms(m.p95)}  p99 ${ms(m.p99)}  (${m.failures} failed)   target p95 ≤ 150 ms: ${m.p95 <= 150 ? "met" : "NOT met"}`);
  console.log(`    burst of ${VIEWERS} at once (×10)  p50 ${ms(burst.p50)}  p95 ${ms(burst.p95)}  max ${ms(burst.max)}`);
  console.log(`(2) upstream requests per minute (window ${WINDOW_MS / 1000} s, same refresher phase):`);
  console.log(`    1 viewer    GitHub ${w1.github.toFixed(1)}  ECS ${w1.ecs.toFixed(1)}`);
  console.log(`    ${VIEWERS} viewers  GitHub ${wN.github.toFixed(1)}  ECS ${wN.ecs.toFixed(1)}`);
  console.log(`    ratio ${ratio.toFixed(2)}   target 1.0: ${Math.abs(ratio - 1) < 0.005 ? "met" : "NOT met"}`);
  console.log(`(3) dispatch (webhook) → visible in an open page, ${VIEWERS} viewers connected, ${live.n} of ${EVENTS} events seen within 10 s: p50 ${ms(live.p50)}  p95 ${ms(live.p95)}  max ${ms(live.max)}   target p95 ≤ 1 s: ${live.p95 <= 1000 ? "met" : "NOT met"}`);
  if (misses > 0) console.log(`    ${misses} changes were not visible within 10 s (counted as misses, not in the percentiles)`);
  process.exitCode = one.failures + m.failures > 0 || misses > 0 ? 1 : 0;
} finally {
  agent.destroy();
  stopAll();
}
