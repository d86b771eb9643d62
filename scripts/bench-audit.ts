// npm run bench:audit [-- --events 1000000 --keep] [-- --existing <database name from a --keep run>]
//
// Benchmarks the audit trail on a database of its own (copied from the migrated DATABASE_URL, dropped
// afterwards unless --keep): seeds N events through lib/audit (the real write path, in batches), then
// measures (1) server time of filtered /audit page queries (p50/p95), (2) `audit:verify` throughput,
// (3) 20 concurrent writers on their own connections, followed by a full verify.
// Runs under `tsx --conditions=react-server` so lib/ modules marked server-only load in a script.
import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { findAuditEvents } from "../lib/audit/find-audit-events";
import type { AuditFilters } from "../lib/audit/filters";
import { recordEvent, recordEvents, type AuditEventInput } from "../lib/audit/record";
import type { Outcome } from "../lib/audit/types";
import { verifyAuditChain } from "../lib/audit/verify";
import { PrismaClient } from "../lib/generated/prisma/client";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const EVENTS = arg("events", 1_000_000);
const EXISTING = args.includes("--existing") ? args[args.indexOf("--existing") + 1] : undefined;
const KEEP = args.includes("--keep") || EXISTING !== undefined;
const BATCH = 2000;

const templateUrl = process.env.DATABASE_URL;
if (!templateUrl) throw new Error("DATABASE_URL is not set (run through scripts/with-db.mjs)");

// ---- a database of our own ----------------------------------------------------------------------
async function admin(sql: string) {
  const url = new URL(templateUrl!);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
const template = new URL(templateUrl);
const templateName = decodeURIComponent(template.pathname.slice(1));
const benchName = EXISTING ?? `flightdeck_bench_${randomBytes(4).toString("hex")}`;
if (!/^\w+$/.test(benchName)) throw new Error(`bad database name ${benchName}`);
if (!EXISTING) await admin(`CREATE DATABASE "${benchName}" TEMPLATE "${templateName}"`);
const benchUrl = new URL(template);
benchUrl.pathname = `/${benchName}`;
const url = benchUrl.toString();
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });

// ---- realistic-looking events ---------------------------------------------------------------------
// A deterministic generator: the same N gives the same data, so runs are comparable.
let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
const weighted = <T>(items: readonly [T, number][]) => {
  let r = rand() * items.reduce((sum, [, w]) => sum + w, 0);
  for (const [item, w] of items) if ((r -= w) <= 0) return item;
  return items[items.length - 1]![0];
};
const APPS = ["checkout", "catalog", "payments"] as const;
const ENVS = ["development", "staging", "production"] as const;
const PEOPLE = ["ada", "rita", "ravi", "dana", "oscar", "vera", "lena", "tom", "kim", "sam", "noor", "ivan"] as const;
const SERVICES = ["backend", "frontend", "worker", "migrations"] as const;
const ACTIONS: [string, number][] = [
  ["auth.signed_in", 25],
  ["deploy.requested", 12],
  ["deploy.dispatched", 12],
  ["release.approved", 5],
  ["release.rejected", 1],
  ["service.rollout", 20],
  ["service.rolled_back", 1],
  ["env.locked", 1],
  ["flag.changed", 8],
  ["role.granted", 0.5],
  ["action.denied", 2],
  ["audit.exported", 0.5],
];
const OUTCOMES: [Outcome, number][] = [
  ["succeeded", 80],
  ["requested", 10],
  ["failed", 7],
  ["denied", 3],
];

function syntheticEvent(n: number): AuditEventInput {
  const action = weighted(ACTIONS);
  const app = pick(APPS);
  const env = pick(ENVS);
  const login = pick(PEOPLE);
  const outcome = action === "action.denied" ? "denied" : weighted(OUTCOMES);
  const request = { ip: `10.${n % 250}.${(n >> 8) % 250}.${(n >> 16) % 250}`, userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/131" };
  if (action === "auth.signed_in") return { actor: { type: "user", id: null, login }, action, outcome, targetType: "user", target: login, request, payload: { org: "skyward" } };
  if (action === "service.rollout") {
    const service = pick(SERVICES);
    return { actor: { type: "ecs" }, action, outcome, application: app, environment: env, targetType: "service", target: `${app}-${env}-${service}`, payload: { taskDefinition: `${app}-${service}:${n % 500}` } };
  }
  if (action === "release.approved" && rand() < 0.3) {
    return { actor: { type: "github", login }, action, outcome: "succeeded", application: app, environment: "production", targetType: "run", target: String(100000 + n), payload: { comment: "lgtm" } };
  }
  if (action === "flag.changed") {
    return { actor: { type: "user", id: null, login }, action, outcome, application: app, environment: env, targetType: "flag", target: `flag-${n % 300}`, request, payload: { before: { enabled: false }, after: { enabled: true, percentage: n % 100 } } };
  }
  return {
    actor: { type: "user", id: null, login },
    action,
    outcome,
    application: app,
    environment: env,
    targetType: "run",
    target: String(100000 + n),
    correlationId: `c-${n}`,
    request,
    payload: { ref: "main", sha: (n * 2654435761).toString(16).padStart(8, "0").slice(0, 8) },
  };
}

const fmt = (n: number) => Math.round(n).toLocaleString("en");
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

try {
  // ---- seed ----
  if (!EXISTING) await seedEvents();
  await measure();
} finally {
  await prisma.$disconnect();
  if (KEEP) console.log(`kept database ${benchName}: ${url}`);
  else await admin(`DROP DATABASE IF EXISTS "${benchName}" WITH (FORCE)`);
}

async function seedEvents() {
  console.log(`seeding ${fmt(EVENTS)} events into ${benchName} through recordEvents (batches of ${BATCH})…`);
  const started = performance.now();
  for (let done = 0; done < EVENTS; done += BATCH) {
    const count = Math.min(BATCH, EVENTS - done);
    await recordEvents(Array.from({ length: count }, (_, i) => syntheticEvent(done + i)), { db: prisma });
    if ((done / BATCH) % 50 === 0) process.stdout.write(`  ${fmt(done + count)}\r`);
  }
  const seedSeconds = (performance.now() - started) / 1000;
  console.log(`seeded ${fmt(EVENTS)} events in ${seedSeconds.toFixed(1)} s (${fmt(EVENTS / seedSeconds)} events/s)`);
  await prisma.$executeRawUnsafe("VACUUM ANALYZE audit_events");
}

async function measure() {
  let started: number;

  // ---- filtered page queries ----
  const span = await prisma.$queryRawUnsafe<{ lo: bigint; hi: bigint }[]>("SELECT min(id) lo, max(id) hi FROM audit_events");
  const { lo, hi } = span[0]!;
  const mid = (lo + hi) / 2n;
  // Time at a position in the chain (by id), so windows hold events however bursty the seeding was.
  const times = new Map<number, Date>();
  for (const fraction of [0.05, 0.06, 0.2, 0.3, 0.45, 0.5, 0.9]) {
    const id = lo + BigInt(Math.floor(Number(hi - lo) * fraction));
    const [row] = await prisma.$queryRawUnsafe<{ t: Date }[]>(`SELECT occurred_at t FROM audit_events WHERE id >= ${id} ORDER BY id LIMIT 1`);
    times.set(fraction, row!.t);
  }
  const at = (fraction: number) => times.get(fraction)!;
  const scenarios: [string, AuditFilters][] = [
    ["no filter (first page)", {}],
    ["action=auth.signed_in", { action: "auth.signed_in" }],
    ["actor=rita", { actor: "rita" }],
    ["app=checkout env=production", { app: "checkout", env: "production" }],
    ["outcome=failed", { outcome: "failed" }],
    ["outcome=denied app=payments", { outcome: "denied", app: "payments" }],
    ["action=release.rejected actor=ravi", { action: "release.rejected", actor: "ravi" }],
    ["actorType=github action=release.approved", { actorType: "github", action: "release.approved" }],
    ["time range (a 5% window in the middle)", { from: at(0.45), to: at(0.5) }],
    ["time range (a 1% window near the start)", { from: at(0.05), to: at(0.06) }],
    ["action=env.locked in a 10% window", { action: "env.locked", from: at(0.2), to: at(0.3) }],
    ["env=production outcome=failed, last 10%", { env: "production", outcome: "failed", from: at(0.9) }],
    ["q=flag-12 (free text over target)", { q: "flag-12" }],
    ["q=checkout-production-backend", { q: "checkout-production-backend" }],
    ["action=deploy.dispatched, page in the middle", { action: "deploy.dispatched", before: BigInt(mid) }],
    ["actor=oscar outcome=failed app=catalog env=staging", { actor: "oscar", outcome: "failed", app: "catalog", env: "staging" }],
  ];
  console.log(`\n/audit page query server time, ${fmt(EVENTS)} events, 50 rows per page (30 runs after 3 warm-ups):`);
  const p95s: number[] = [];
  for (const [name, filters] of scenarios) {
    const times: number[] = [];
    let rows = 0;
    for (let run = 0; run < 33; run++) {
      const t = performance.now();
      const page = await findAuditEvents({ filters, includeRequestMeta: true, db: prisma });
      if (run >= 3) times.push(performance.now() - t);
      rows = page.events.length;
    }
    const p95 = percentile(times, 95);
    p95s.push(p95);
    console.log(`  ${name.padEnd(52)} p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms   (${rows} rows)`);
  }
  console.log(`  worst p95: ${Math.max(...p95s).toFixed(1)} ms`);

  // ---- verify ----
  started = performance.now();
  const verified = await verifyAuditChain({ databaseUrl: url });
  let seconds = (performance.now() - started) / 1000;
  console.log(`\naudit:verify: ${verified.ok ? "intact" : "BROKEN"}, ${fmt(verified.count)} events in ${seconds.toFixed(2)} s = ${fmt(verified.count / seconds)} events/s`);

  // ---- 20 concurrent writers ----
  const WRITERS = 20;
  const PER_WRITER = 100;
  const writers = Array.from({ length: WRITERS }, () => new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 1 }) }));
  started = performance.now();
  await Promise.all(
    writers.map(async (client, w) => {
      for (let i = 0; i < PER_WRITER; i++) await recordEvent(syntheticEvent(EVENTS + w * PER_WRITER + i), { db: client });
    }),
  );
  seconds = (performance.now() - started) / 1000;
  await Promise.all(writers.map((client) => client.$disconnect()));
  const after = await verifyAuditChain({ databaseUrl: url });
  console.log(
    `\n${WRITERS} concurrent writers × ${PER_WRITER} single-event transactions: ${fmt((WRITERS * PER_WRITER) / seconds)} events/s; ` +
      `then verify: ${after.ok ? "chain intact" : "BROKEN"} (${fmt(after.count)} events)`,
  );
  process.exitCode = verified.ok && after.ok ? 0 : 1;
}
