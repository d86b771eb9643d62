// OFREP bulk evaluation benchmark: 50 flags, against a production build (`next start`).
//
//   npx next build && npm run bench:flags -- [--duration 10] [--connections 32] [--port 3390]
//
// Seeds 50 flags (a mix of on, off, partial rollouts and allow lists) and an API key into a throwaway
// database (with-db's test copy), starts `next start` on it, then drives POST /ofrep/v1/evaluate/flags
// over keep-alive loopback connections, each request with another targeting key (so every request
// evaluates all 50 flags; no 304 shortcuts). Prints requests/s and latency percentiles. Bounded: it
// stops after --duration seconds and never talks to anything but 127.0.0.1.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    connections: { type: "string", default: "32" },
    port: { type: "string", default: "3390" },
    flags: { type: "string", default: "50" },
    // "next": the production build (next start); "standalone": scripts/ofrep-server.ts.
    target: { type: "string", default: "next" },
  },
});
const DURATION_S = Math.min(Number(args.duration), 120);
const WARMUP_S = Math.min(Number(args.warmup), 30);
const CONNECTIONS = Math.min(Number(args.connections), 256);
const PORT = Number(args.port);
const FLAG_COUNT = Number(args.flags);

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("run through scripts/with-db.mjs (npm run bench:flags)");

async function seed(): Promise<string> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl! }) });
  try {
    await prisma.flag.deleteMany({ where: { application: "wumbo", key: { startsWith: "bench-" } } });
    for (let i = 0; i < FLAG_COUNT; i++) {
      const kind = i % 5; // 0,1: on 100 %; 2,3: partial; 4: off
      await prisma.flag.create({
        data: {
          application: "wumbo",
          key: `bench-flag-${String(i).padStart(2, "0")}`,
          type: "boolean",
          owner: "bench",
          createdBy: "bench",
          states: {
            create: {
              application: "wumbo",
              environment: "staging",
              enabled: kind !== 4,
              defaultValue: false,
              rolloutValue: true,
              rolloutPercentage: kind < 2 ? 100 : kind === 4 ? 0 : 10 + i,
              allowList: kind === 3 ? ["qa-1", "qa-2", "qa-3"] : [],
              updatedBy: "bench",
            },
          },
        },
      });
    }
    const secret = `fdk_${randomBytes(24).toString("base64url")}`;
    await prisma.flagApiKey.create({
      data: { application: "wumbo", environment: "staging", name: "bench", prefix: secret.slice(0, 12), secretHash: createHash("sha256").update(secret).digest("hex"), createdBy: "bench" },
    });
    return secret;
  } finally {
    await prisma.$disconnect();
  }
}

function startServer() {
  const command = args.target === "standalone" ? ["tsx", "--conditions=react-server", "scripts/ofrep-server.ts"] : ["next", "start", "-p", String(PORT), "-H", "127.0.0.1"];
  const child = spawn("npx", command, {
    env: {
      ...process.env,
      OFREP_PORT: String(PORT),
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: `http://localhost:${PORT}`,
      NEXTAUTH_SECRET: "bench-nextauth-secret-0123456789abcdef0123456789",
      GITHUB_CLIENT_ID: "flightdeck-bench",
      GITHUB_CLIENT_SECRET: "bench-oauth-client-secret",
      GITHUB_WEBHOOK_SECRET: "bench-webhook-secret",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  return child;
}

async function waitForHealth(deadline: number) {
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      http.get({ host: "127.0.0.1", port: PORT, path: args.target === "standalone" ? "/health" : "/api/health", timeout: 1000 }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      }).on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("next start did not become healthy in time");
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });

function evaluate(secret: string, targetingKey: string): Promise<{ status: number; body: string }> {
  const payload = JSON.stringify({ context: { targetingKey, plan: "pro" } });
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: PORT, path: "/ofrep/v1/evaluate/flags", method: "POST", agent, headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", "content-length": Buffer.byteLength(payload) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.setTimeout(5_000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(payload);
  });
}

async function load(secret: string, seconds: number, record: boolean) {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          const { status } = await evaluate(secret, `user-${n++ % 10_000}`);
          if (status !== 200) errors++;
        } catch {
          errors++;
        }
        if (record) latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return { requests: latencies.length, errors, seconds: elapsed, rps: latencies.length / elapsed, p50: pct(50), p90: pct(90), p99: pct(99), max: latencies[latencies.length - 1] ?? NaN };
}

const secret = await seed();
const server = startServer();
const stop = () => {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    /* already gone */
  }
};
process.on("exit", stop);
try {
  await waitForHealth(Date.now() + 60_000);
  const probe = await evaluate(secret, "probe");
  const flags = (JSON.parse(probe.body) as { flags?: unknown[] }).flags?.length;
  if (probe.status !== 200 || flags !== FLAG_COUNT) throw new Error(`unexpected probe answer ${probe.status}: ${probe.body.slice(0, 200)}`);
  console.error(`[bench] warming up ${WARMUP_S}s with ${CONNECTIONS} connections…`);
  await load(secret, WARMUP_S, false);
  console.error(`[bench] measuring ${DURATION_S}s…`);
  const result = await load(secret, DURATION_S, true);
  const f = (ms: number) => `${ms.toFixed(2)} ms`;
  console.log(`OFREP bulk evaluation (${args.target}), ${FLAG_COUNT} flags, ${CONNECTIONS} keep-alive connections, ${DURATION_S}s`);
  console.log(`  requests  ${result.requests} (${result.errors} errors)`);
  console.log(`  rate      ${result.rps.toFixed(0)} req/s`);
  console.log(`  latency   p50 ${f(result.p50)}  p90 ${f(result.p90)}  p99 ${f(result.p99)}  max ${f(result.max)}`);
  process.exitCode = result.errors > 0 ? 1 : 0;
} finally {
  agent.destroy();
  stop();
}
