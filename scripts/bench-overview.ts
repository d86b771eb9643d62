// Overview benchmark against a production build (`next start`) and the sandbox's "bench" scenario
// (3 applications × 3 environments × 4 ECS services, > 2,000 workflow runs):
//
//   npx next build && npm run bench -- [--viewers 50] [--requests 300] [--window 60] [--events 20]
//     [--reload 10] [--phases 1,2,3] [--live-viewers 0,50] [--settle 180] [--app-port 3391] [--sandbox-port 4591]
//
// Ports also come from BENCH_APP_PORT / BENCH_SANDBOX_PORT (and Postgres from FLIGHTDECK_PG_PORT).
// A viewer is an open tab: /api/events held open, `/` requested again on events (as the live island
// does: at once, one in flight and one pending) and every --reload seconds. Reports (1) server
// response time of `/` (to the last byte) for a signed-in person, p50/p95, alone and while N viewers
// are connected, plus a burst of N simultaneous requests (every open page refreshing at once);
// (2) GitHub + ECS requests per minute the sandbox receives with 1 viewer and with N, per endpoint and
// status, over windows whose edges sit in the same quiet phase of the refresher's cycle: the ratio
// must be 1.0; (3) time from a change in the sandbox (a dispatched run: its webhook) to the change
// being visible in an open Chromium page, p95 over --events changes, once per --live-viewers count of
// other viewers, with where the time goes. Loopback only; every loop is bounded.
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser } from "@playwright/test";
import { createRefreshGate } from "../components/live/refresh-gate";
import { isRelevant, GITHUB_ACTIVITY_EVENTS, parseLiveMessage, type LiveScope } from "../components/live/relevance";
import { groupCpuMs, openEventStream, signIn, sleep, startProcess, stopProcess, summarize, timedGet, waitFor } from "./bench/overview-helpers";

const { values: args } = parseArgs({
  options: {
    viewers: { type: "string", default: "50" },
    requests: { type: "string", default: "300" },
    /** Seconds between a viewer's own reloads of `/` (besides one per live event). */
    reload: { type: "string", default: "10" },
    window: { type: "string", default: "60" },
    events: { type: "string", default: "20" },
    /** Which parts to run: 1 (`/` alone), 2 (upstream per viewer count, `/` under load, and the burst), burst, 3 (webhook → browser). */
    phases: { type: "string", default: "1,2,3" },
    /** "off": the app reads Postgres on every request (FLIGHTDECK_PAGE_CACHE=off), for a before/after comparison. */
    "page-cache": { type: "string", default: "on" },
    /** A directory: the app runs with node --cpu-prof and writes its profile there when the bench ends. */
    "cpu-prof": { type: "string" },
    /** Phase 3 runs once per count of other viewers (loading `/`) given here. */
    "live-viewers": { type: "string", default: "0,50" },
    /** Loopback ports of `next start` and the sandbox (env BENCH_APP_PORT / BENCH_SANDBOX_PORT). */
    "app-port": { type: "string", default: process.env.BENCH_APP_PORT ?? "3391" },
    "sandbox-port": { type: "string", default: process.env.BENCH_SANDBOX_PORT ?? "4591" },
    /** The refresher's longest interval (GitHub, health: 15 s): both request-count windows start at the same phase of it. */
    cycle: { type: "string", default: "15" },
    /** At most this many seconds to wait for the app's idle CPU to settle (the history backfill) before measuring. */
    settle: { type: "string", default: "180" },
  },
});
const VIEWERS = Math.min(Number(args.viewers), 200);
const REQUESTS = Math.min(Number(args.requests), 20_000);
const WINDOW_MS = Math.min(Number(args.window), 300) * 1000;
const EVENTS = Math.min(Number(args.events), 200);
const PHASES = new Set(args.phases.split(","));
const LIVE_VIEWERS = args["live-viewers"].split(",").map((count) => Math.min(Number(count), 200));
const RELOAD_MS = Math.max(1, Number(args.reload)) * 1000;
const CYCLE_MS = Number(args.cycle) * 1000;
const APP = `http://127.0.0.1:${args["app-port"]}`;
const SANDBOX = `http://127.0.0.1:${args["sandbox-port"]}`;
const CLIENT_SECRET = "bench-oauth-client-secret";
const WEBHOOK_SECRET = "bench-webhook-secret";
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("run through scripts/with-db.mjs (npm run bench)");
/** What the overview's live island listens to (components/overview/overview-view.tsx). */
const OVERVIEW_SCOPE: LiveScope = { ignore: GITHUB_ACTIVITY_EVENTS };
const log = (line: string) => console.error(`[bench] ${line}`);
const ms = (value: number) => `${value.toFixed(1)} ms`;

const sandboxJson = async <T>(method: string, route: string, body?: unknown, token?: string): Promise<T> => {
  const response = await fetch(`${SANDBOX}${route}`, { method, headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

/** GitHub REST and ECS requests received so far, per "endpoint status" (sign-in, health checks and control calls excluded). */
async function upstreamCounts(): Promise<Map<string, number>> {
  const snapshot = await sandboxJson<{ endpoints: { endpoint: string; byStatus: Record<string, number> }[] }>("GET", "/_sandbox/requests");
  const counts = new Map<string, number>();
  for (const { endpoint, byStatus } of snapshot.endpoints) {
    if (!endpoint.startsWith("ECS ") && !endpoint.includes(" /api/v3/")) continue;
    for (const [status, count] of Object.entries(byStatus)) counts.set(`${endpoint} ${status}`, count);
  }
  return counts;
}
const totals = (counts: Map<string, number>) => {
  let github = 0;
  let ecs = 0;
  for (const [key, count] of counts) {
    if (key.startsWith("ECS ")) ecs += count;
    else github += count;
  }
  return { github, ecs };
};
const upstreamCount = async () => totals(await upstreamCounts());
const minus = (after: Map<string, number>, before: Map<string, number>) => new Map([...after].map(([key, count]) => [key, count - (before.get(key) ?? 0)] as const).filter(([, count]) => count !== 0));

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
let browserToClose: Browser | undefined;
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

  app = startProcess("app", ["node", ...(args["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(args["cpu-prof"])}`] : []), "node_modules/next/dist/bin/next", "start", "-p", args["app-port"], "-H", "127.0.0.1"], {
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
    FLIGHTDECK_PAGE_CACHE: args["page-cache"] === "off" ? "off" : "on",
  });
  await waitFor("next start", 120_000, async () => (await fetch(`${APP}/api/health`)).ok);
  const cookie = await signIn(APP, "vera");
  log("signed in as vera through the sandbox's OAuth flow");
  // The refresher's first passes: every service of the bench config has a SHA on the page.
  await waitFor("the refresher's first snapshot of all services", 180_000, async () => {
    const body = await (await fetch(overview, { headers: { cookie } })).text();
    return (body.match(/data-sha="[0-9a-f]{40}"/g) ?? []).length >= services;
  }, 1_000);

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
  browserToClose = browser;
  const signedInContext = async () => {
    const context = await browser.newContext();
    await context.addCookies(cookie.split("; ").map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1), url: APP })));
    return context;
  };
  // What an open tab of `/` sends when the live island refreshes it (router.refresh(): an RSC request
  // with the router state), captured once from Chromium and replayed by the simulated viewers.
  const refreshRequest = await (async () => {
    const context = await signedInContext();
    const page = await context.newPage();
    await page.goto(`${APP}/`);
    await page.waitForSelector('[data-testid="live-indicator"][data-state="live"]', { timeout: 30_000 });
    const [request] = await Promise.all([
      // Not a link prefetch (those carry next-router-prefetch): the refresh of `/` itself.
      page.waitForRequest((candidate) => candidate.headers()["rsc"] === "1" && !candidate.headers()["next-router-prefetch"] && new URL(candidate.url()).pathname === "/", { timeout: 30_000 }),
      page.evaluate(() => (window as unknown as { next: { router: { refresh(): void } } }).next.router.refresh()),
    ]);
    const headers = Object.fromEntries(Object.entries(await request.allHeaders()).filter(([name]) => !name.startsWith(":") && !["cookie", "host", "connection", "content-length"].includes(name)));
    await context.close();
    return { url: new URL(request.url()), headers };
  })();
  log(`an open tab's refresh of / is GET ${refreshRequest.url.pathname}${refreshRequest.url.search} with ${Object.keys(refreshRequest.headers).filter((name) => name.startsWith("next-") || name === "rsc").join(", ")}`);

  // Viewers: like an open tab, each holds /api/events open and refreshes `/` on events the way the
  // live island does (the RSC request above; components/live/refresh-gate.ts: at once, one in flight
  // and one pending), and on top of that loads the whole page again every --reload seconds.
  const viewers = (count: number) => {
    let stopped = false;
    const loops = Array.from({ length: count }, async (_, i) => {
      const gate = createRefreshGate(() => void timedGet(agent, refreshRequest.url, cookie, undefined, refreshRequest.headers).catch(() => undefined).finally(() => gate.settled()));
      const stream = openEventStream(new URL(`${APP}/api/events`), cookie, (data) => {
        const event = parseLiveMessage(data);
        if (event && isRelevant(event, OVERVIEW_SCOPE)) gate.request();
      });
      await sleep((i * RELOAD_MS) / count);
      while (!stopped) {
        await timedGet(agent, overview, cookie).catch(() => undefined);
        for (let waited = 0; waited < RELOAD_MS && !stopped; waited += 250) await sleep(250);
      }
      gate.dispose();
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

  /** (3) One open Chromium page of wumbo/development; `others` viewers load `/` meanwhile. */
  const liveLatency = async (others: number, token: string) => {
    const background = viewers(others);
    const latencies: number[] = [];
    /** Per seen change: dispatch → SSE event in the page → refresh request starts → first byte → last byte → run visible. */
    const steps: { sse: number; wait: number; ttfb: number; body: number; render: number }[] = [];
    let refreshCount = 0;
    let misses = 0;
    const changes: { runId: number; sent: number; seen: number }[] = [];
    const context = await signedInContext();
    try {
      const page = await context.newPage();
      // What the page hears (a second EventSource, as the live island's): when each run's first event arrives.
      await page.addInitScript(() => {
        const heard: { at: number; type: string; runId: number | null }[] = [];
        (window as unknown as { __heard: typeof heard }).__heard = heard;
        new EventSource("/api/events").onmessage = (message: MessageEvent<string>) => {
          try {
            const event = JSON.parse(message.data) as { type: string; data?: { runId?: number } };
            heard.push({ at: Date.now(), type: event.type, runId: event.data?.runId ?? null });
          } catch {
            // heartbeat or foreign payload
          }
        };
      });
      // The live island's refreshes: RSC requests of the open page.
      const refreshes: { start: number; ttfb: number; end: number }[] = [];
      page.on("requestfinished", (request) => {
        if (request.headers()["rsc"] !== "1") return;
        const timing = request.timing();
        refreshes.push({ start: timing.startTime, ttfb: timing.startTime + timing.responseStart, end: timing.startTime + timing.responseEnd });
        refreshes.sort((a, b) => a.start - b.start);
      });
      await page.goto(`${APP}/apps/wumbo/development`);
      await page.waitForSelector('[data-testid="live-indicator"][data-state="live"]', { timeout: 15_000 });
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
        else changes.push({ runId, sent, seen: Number(seen) });
        // Let the run finish (and the page settle) so the environment's concurrency group does not pile up queued runs.
        await sandboxJson("POST", "/_sandbox/clock/advance", { ms: 180_000 });
        await page.waitForSelector(`[data-testid="run-${runId}"][data-status="completed"]`, { timeout: 30_000 }).catch(() => undefined);
      }
      // Where the time went, per change: its first event heard by the page, then the first refresh
      // that started after it (normally the one that showed the run).
      const heard = await page.evaluate(() => (window as unknown as { __heard: { at: number; type: string; runId: number | null }[] }).__heard);
      for (const change of changes) {
        latencies.push(change.seen - change.sent);
        const first = heard.find((event) => event.runId === change.runId);
        const refresh = first ? refreshes.find((candidate) => candidate.start >= first.at - 2) : undefined;
        if (first && refresh) steps.push({ sse: first.at - change.sent, wait: refresh.start - first.at, ttfb: refresh.ttfb - refresh.start, body: refresh.end - refresh.ttfb, render: change.seen - refresh.end });
      }
      refreshCount = refreshes.length;
    } finally {
      await context.close();
      await background.stop();
    }
    return { latencies, steps, refreshes: refreshCount, misses };
  };

  console.log(`Overview benchmark — bench scenario: ${seeded.runs} runs, ${services} ECS services; page cache ${args["page-cache"] === "off" ? "OFF" : "on"}; ${VIEWERS} viewers (SSE open, a reload on each event — as the live island: at once, one in flight and one pending — and every ${RELOAD_MS / 1000} s); load average before: ${os.loadavg().map((load) => load.toFixed(1)).join(" ")}`);
  let failed = false;
  // (1a) `/` alone.
  for (let i = 0; i < 30; i++) await timedGet(agent, overview, cookie, isOverview); // warm-up (JIT, caches)
  const sizes = { html: (await timedGet(agent, overview, cookie)).bytes, rsc: (await timedGet(agent, refreshRequest.url, cookie, undefined, { ...refreshRequest.headers, "accept-encoding": "identity" })).bytes };
  log(`/ is ${(sizes.html / 1024).toFixed(0)} KiB of HTML; an open tab's refresh ${(sizes.rsc / 1024).toFixed(0)} KiB of RSC payload (uncompressed)`);
  // The app's own CPU per request (the refresher's background share subtracted): steadier than wall
  // time on a machine shared with other work, and what N viewers multiply on every live event.
  // A fresh app backfills the metrics history (sync-history.ts: every 5 s while work is left); the
  // figures below are for the steady state after it, so wait (bounded) until two 10 s windows agree.
  const idleWindow = async () => {
    const from = { at: performance.now(), cpu: groupCpuMs(app!.pid) };
    await sleep(10_000);
    return ((groupCpuMs(app!.pid) ?? 0) - (from.cpu ?? 0)) / (performance.now() - from.at);
  };
  const idleRates = [await idleWindow()];
  for (let i = 0; i < Number(args.settle) / 10; i++) {
    const [previous, latest] = [idleRates.at(-2), idleRates.at(-1)!];
    if (latest < 0.1 || (previous !== undefined && Math.abs(latest - previous) < 0.05)) break;
    idleRates.push(await idleWindow());
  }
  const idleRate = idleRates.at(-1)!;
  log(`app CPU at idle per 10 s window since start-up: ${idleRates.map((rate) => `${(rate * 100).toFixed(0)}%`).join(" → ")}`);
  const cpuPerRequest = async (requests: number, run: () => Promise<unknown>) => {
    const from = { at: performance.now(), cpu: groupCpuMs(app?.pid) };
    await run();
    const cpu = (groupCpuMs(app?.pid) ?? NaN) - (from.cpu ?? NaN) - idleRate * (performance.now() - from.at);
    return cpu / requests;
  };
  let one = { p50: NaN, p95: NaN, p99: NaN, failures: 0 };
  const oneCpu = await cpuPerRequest(REQUESTS, async () => (one = await probe(REQUESTS)));
  failed ||= one.failures > 0;
  console.log(`(1) GET / (signed in), to the last byte, ${REQUESTS} sequential requests:`);
  console.log(`    alone          p50 ${ms(one.p50)}  p95 ${ms(one.p95)}  p99 ${ms(one.p99)}  (${one.failures} failed); app CPU ${ms(oneCpu)} per request (idle refresher: ${(idleRate * 100).toFixed(1)}% of a core)`);

  if (PHASES.has("2")) {
    // (2) Upstream requests per minute with 1 viewer, then N; the two windows start at the same phase
    // of the refresher's cycle. (1b) runs the probe during the second window.
    // Measure in steady state: the refresher's first passes fetch jobs, tags and compares for every run
    // it has not seen; after that an idle repository costs the same conditional requests every cycle.
    // Steady: a whole cycle in which GitHub answered every request 304 (nothing new to fetch).
    await waitFor("steady upstream traffic", 300_000, async () => {
      const a = await upstreamCounts();
      await sleep(CYCLE_MS);
      const github = [...minus(await upstreamCounts(), a).keys()].filter((key) => !key.startsWith("ECS "));
      return github.length > 0 && github.every((key) => key.endsWith(" 304"));
    }, 0);
    // Window edges go in the middle of the refresher's longest quiet gap (ECS every 5 s, GitHub every
    // 15 s, fixed rate): watch two cycles of traffic, note when requests arrive (mod the cycle).
    const watchStart = Date.now();
    const busy: number[] = [];
    let seen = await upstreamCount();
    while (Date.now() - watchStart < 2 * CYCLE_MS) {
      await sleep(40);
      const now = await upstreamCount();
      if (now.github !== seen.github || now.ecs !== seen.ecs) busy.push((Date.now() - watchStart) % CYCLE_MS);
      seen = now;
    }
    busy.sort((a, b) => a - b);
    let quiet = { from: 0, length: busy.length === 0 ? CYCLE_MS : -1 };
    busy.forEach((phase, i) => {
      const next = i + 1 < busy.length ? busy[i + 1]! : busy[0]! + CYCLE_MS;
      if (next - phase > quiet.length) quiet = { from: phase, length: next - phase };
    });
    const quietMid = watchStart + quiet.from + quiet.length / 2;
    const t0 = quietMid + Math.ceil((Date.now() + 6_000 - quietMid) / CYCLE_MS) * CYCLE_MS;
    log(`longest quiet gap in the refresher's cycle: ${(quiet.length / 1000).toFixed(1)} s; window edges in its middle`);
    const edgeWarnings: string[] = [];
    /** Counts at a window edge; a request within ±250 ms of it means the edge cut a pass (reported). */
    const edge = async (at: number, name: string) => {
      await sleep(at - 250 - Date.now());
      const early = await upstreamCounts();
      await sleep(at - Date.now());
      const counts = await upstreamCounts();
      await sleep(at + 250 - Date.now());
      const late = await upstreamCounts();
      if (minus(late, early).size > 0) edgeWarnings.push(`${name}: requests within 250 ms of the edge`);
      return counts;
    };
    const window = async (start: number, count: number, during?: () => Promise<unknown>) => {
      await sleep(start - 5_000 - Date.now());
      const load = viewers(count);
      const first = await edge(start, `${count} viewer(s) start`);
      const side = during?.();
      const last = await edge(start + WINDOW_MS, `${count} viewer(s) end`);
      await load.stop();
      const perMinute = (n: number) => (n * 60_000) / WINDOW_MS;
      const endpoints = minus(last, first);
      const { github, ecs } = totals(endpoints);
      return { github: perMinute(github), ecs: perMinute(ecs), endpoints, side: await side };
    };
    const w1 = await window(t0, 1);
    const gap = Math.ceil((Date.now() + 10_000 - t0) / CYCLE_MS) * CYCLE_MS;
    let many: Awaited<ReturnType<typeof probe>> | undefined;
    const wN = await window(t0 + gap, VIEWERS, async () => (many = await probe(REQUESTS)));
    const ratio = (wN.github + wN.ecs) / (w1.github + w1.ecs);
    const endpointKeys = [...new Set([...w1.endpoints.keys(), ...wN.endpoints.keys()])].sort();
    const endpointRows = endpointKeys.map((key) => ({ key, one: w1.endpoints.get(key) ?? 0, many: wN.endpoints.get(key) ?? 0 }));
    const m = many ?? { p50: NaN, p95: NaN, p99: NaN, failures: 0 };
    failed ||= m.failures > 0;
    console.log(`    ${VIEWERS} viewers     p50 ${ms(m.p50)}  p95 ${ms(m.p95)}  p99 ${ms(m.p99)}  (${m.failures} failed)   target p95 ≤ 150 ms: ${m.p95 <= 150 ? "met" : "NOT met"}`);
    console.log(`(2) upstream requests per minute (window ${WINDOW_MS / 1000} s, edges in the same quiet phase of the refresher's cycle):`);
    console.log(`    1 viewer    GitHub ${w1.github.toFixed(1)}  ECS ${w1.ecs.toFixed(1)}`);
    console.log(`    ${VIEWERS} viewers  GitHub ${wN.github.toFixed(1)}  ECS ${wN.ecs.toFixed(1)}`);
    console.log(`    per endpoint and status, requests in each window (1 viewer / ${VIEWERS} viewers):`);
    for (const row of endpointRows) console.log(`      ${row.key.padEnd(70)} ${String(row.one).padStart(5)} ${String(row.many).padStart(5)}${row.one === row.many ? "" : "   ← differs"}`);
    for (const warning of edgeWarnings) console.log(`    edge not quiet — ${warning}`);
    console.log(`    ratio ${ratio.toFixed(3)}   target 1.0: ${ratio === 1 ? "met" : "NOT met"}`);
  }

  if (PHASES.has("2") || PHASES.has("burst")) {
    // (1c) A burst: every viewer's page refreshing at the same moment (what one live event causes).
    const burstTimes: number[] = [];
    const burstCpu = await cpuPerRequest(10 * VIEWERS, async () => {
      for (let round = 0; round < 10; round++) {
        const results = await Promise.all(Array.from({ length: VIEWERS }, () => timedGet(agent, overview, cookie, isOverview)));
        burstTimes.push(...results.map((result) => result.ms));
      }
    });
    const burst = summarize(burstTimes);
    console.log(`    burst of ${VIEWERS} page loads at once (×10)  p50 ${ms(burst.p50)}  p95 ${ms(burst.p95)}  max ${ms(burst.max)}; app CPU ${ms(burstCpu)} per request`);
    // The same as open tabs do it on a live event: N refreshes (RSC) at once.
    const refreshTimes: number[] = [];
    const refreshCpu = await cpuPerRequest(10 * VIEWERS, async () => {
      for (let round = 0; round < 10; round++) {
        const results = await Promise.all(Array.from({ length: VIEWERS }, () => timedGet(agent, refreshRequest.url, cookie, undefined, refreshRequest.headers)));
        refreshTimes.push(...results.map((result) => result.ms));
      }
    });
    const refreshBurst = summarize(refreshTimes);
    console.log(`    burst of ${VIEWERS} tab refreshes at once (×10)  p50 ${ms(refreshBurst.p50)}  p95 ${ms(refreshBurst.p95)}  max ${ms(refreshBurst.max)}; app CPU ${ms(refreshCpu)} per request`);
  }

  // (3) Sandbox change (dispatch → webhook) → visible in an open page, p95; with 0 and N other viewers.
  if (PHASES.has("3")) {
    const token = (await sandboxJson<{ token: string }>("POST", "/_sandbox/tokens", { login: "dana", scopes: ["repo"] })).token;
    for (const others of LIVE_VIEWERS) {
      const result = await liveLatency(others, token);
      failed ||= result.misses > 0;
      const live = summarize(result.latencies);
      console.log(`(3) dispatch (webhook) → visible in an open page, ${others} other viewers loading \`/\`, ${live.n} of ${EVENTS} events seen within 10 s: p50 ${ms(live.p50)}  p95 ${ms(live.p95)}  max ${ms(live.max)}   target p95 ≤ 1 s: ${live.p95 <= 1000 ? "met" : "NOT met"}`);
      const step = (name: keyof (typeof result.steps)[number]) => summarize(result.steps.map((entry) => entry[name]));
      console.log(`    where the time goes (p50 / p95 over ${result.steps.length}; ${result.refreshes} page refreshes in all):`);
      for (const [label, name] of [["dispatch → SSE event in the page", "sse"], ["SSE event → refresh request", "wait"], ["refresh: server until first byte", "ttfb"], ["refresh: first → last byte", "body"], ["last byte → run visible (< 0: streamed)", "render"]] as const) {
        console.log(`      ${label.padEnd(42)} ${ms(step(name).p50)} / ${ms(step(name).p95)}`);
      }
      if (result.misses > 0) console.log(`    ${result.misses} changes were not visible within 10 s (counted as misses, not in the percentiles)`);
    }
  }
  process.exitCode = failed ? 1 : 0;
} finally {
  agent.destroy();
  await browserToClose?.close().catch(() => undefined);
  stopAll();
}
