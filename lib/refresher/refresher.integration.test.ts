// The refresher against a real Postgres and the in-process sandbox (real Octokit and AWS SDK over HTTP):
// leader election, ECS snapshots and batches, history, conditional GitHub requests, upstream failures.
import { UpdateServiceCommand } from "@aws-sdk/client-ecs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { recordEvent } from "@/lib/audit/record";
import { control, signIn, startSandbox } from "@/sandbox/testing/sandbox-fixture";
import type { Sandbox } from "@/sandbox/server";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { useTestDatabase as testDatabase } from "@/lib/testing/database";
import { pollEcs } from "./poll-ecs";
import { pollGithub } from "./poll-github";
import { startRefresher } from "./refresher";
import { demoConfig, testRefresherContext } from "./test-context";

const database = testDatabase("file");
let sandbox: Sandbox;
let token: string;

interface Counts { endpoints: { endpoint: string; count: number; byStatus: Record<string, number> }[] }
async function requestCount(endpoint: string, status?: number): Promise<number> {
  const counts = await control<Counts>(sandbox, "GET", "/requests");
  const entry = counts.endpoints.find((candidate) => candidate.endpoint === endpoint);
  return status === undefined ? (entry?.count ?? 0) : (entry?.byStatus[String(status)] ?? 0);
}

const context = () => testRefresherContext({ prisma: database().prisma, config: demoConfig(sandbox.url), baseUrl: sandbox.url, token });

beforeAll(async () => {
  sandbox = await startSandbox();
  token = await signIn(sandbox, "ada");
});
afterAll(async () => {
  await sandbox.close();
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("leader election", () => {
  test("of two refreshers on one database exactly one polls; the other takes over when it stops", async () => {
    const a = context();
    const b = context();
    const intervals = { ecsMs: 60_000, githubMs: 60_000, healthMs: 60_000, electionMs: 100 };
    const first = startRefresher({ databaseUrl: database().url, context: { ...a, github: async () => null }, intervals });
    const second = startRefresher({ databaseUrl: database().url, context: { ...b, github: async () => null }, intervals });
    try {
      await waitFor(() => first.isLeader() || second.isLeader());
      await waitFor(() => a.ecsCalls.length + b.ecsCalls.length > 0);
      // Several election rounds later there is still one leader, and only it has called ECS.
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect([first.isLeader(), second.isLeader()].filter(Boolean)).toHaveLength(1);
      const [leader, follower, leaderCalls, followerCalls] = first.isLeader() ? [first, second, a.ecsCalls, b.ecsCalls] : [second, first, b.ecsCalls, a.ecsCalls];
      expect(leaderCalls).toContain("DescribeServicesCommand");
      expect(followerCalls).toEqual([]);

      await leader.stop();
      await waitFor(() => follower.isLeader());
      await waitFor(() => followerCalls.includes("DescribeServicesCommand"));
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });
});

describe("ECS", () => {
  test("snapshots every configured service with its running SHA, and seeds history", async () => {
    const ctx = context();
    const result = await pollEcs(ctx);
    expect(result.ok).toBe(true);
    const snapshots = await database().prisma.serviceSnapshot.findMany();
    expect(snapshots).toHaveLength(24);
    expect(snapshots.every((row) => row.sha && /^[0-9a-f]{7,40}$/.test(row.sha) && row.shaSource === "image-tag")).toBe(true);
    // One DescribeServices per cluster: 9 clusters of 2–3 services.
    expect(ctx.ecsCalls.filter((call) => call === "DescribeServicesCommand")).toHaveLength(9);
    const history = await database().prisma.deploymentHistory.count({ where: { seeded: true } });
    expect(history).toBeGreaterThanOrEqual(24);
    const upstream = await database().prisma.upstreamState.findUnique({ where: { system: "ECS" } });
    expect(upstream?.ok).toBe(true);
  });

  test("task definitions are fetched once and then read from the cache", async () => {
    const ctx = context();
    await pollEcs(ctx);
    expect(ctx.ecsCalls).not.toContain("DescribeTaskDefinitionCommand");
  });

  test("a pass in which ECS changed nothing costs two statements per cluster, not several per service", async () => {
    const operations: string[] = [];
    const counted = database().prisma.$extends({
      query: {
        async $allOperations({ model, operation, args, query }) {
          operations.push(`${model ?? "raw"}.${operation}`);
          return query(args);
        },
      },
    }) as unknown as PrismaClient;
    const ctx = { ...context(), prisma: counted };
    await pollEcs(ctx);
    operations.length = 0;
    ctx.published.length = 0;

    const result = await pollEcs(ctx);
    expect(result).toEqual({ ok: true, changed: 0 });
    expect(ctx.published).toEqual([]);
    // 9 clusters: read the cluster's snapshots, then mark them all seen; task definitions come from memory.
    expect(operations.filter((operation) => operation.startsWith("ServiceSnapshot."))).toEqual(Array.from({ length: 9 }, () => ["ServiceSnapshot.findMany", "ServiceSnapshot.updateMany"]).flat());
    expect(operations.filter((operation) => /^(TaskDefinitionCache|DeploymentHistory|WorkflowRun|AuditEvent)\./.test(operation))).toEqual([]);
    // Still "seen just now": the pages' "as of" stays honest.
    const oldest = await database().prisma.serviceSnapshot.aggregate({ _min: { observedAt: true } });
    expect(Date.now() - oldest._min.observedAt!.getTime()).toBeLessThan(60_000);
  });

  test("DescribeServices is asked about at most 10 services at a time", async () => {
    const services: Record<string, string> = {};
    for (let i = 0; i < 12; i++) {
      const name = `big-svc-${i}`;
      services[`s${i}`] = name;
      await control(sandbox, "POST", "/ecs/services", { cluster: "big", service: name, family: name, desiredCount: 1, containers: [{ name: "app", image: `repo/${name}:${"c".repeat(40)}` }] });
    }
    const base = demoConfig(sandbox.url);
    const app = base.applications[0]!;
    const config = { ...base, applications: [{ ...app, environments: [{ ...app.environments[0]!, ecs: { region: "us-east-1", cluster: "big", services } }] }] };
    const ctx = { ...context(), config };
    await pollEcs(ctx);
    expect(ctx.ecsCalls.filter((call) => call === "DescribeServicesCommand")).toHaveLength(2);
    const rows = await database().prisma.serviceSnapshot.findMany({ where: { ecsServiceName: { startsWith: "big-svc-" } } });
    expect(rows).toHaveLength(12);
  });

  test("a new task definition becomes a history entry, audited, finished when the rollout completes", async () => {
    const ctx = context();
    await pollEcs(ctx);
    const sha = "d".repeat(40);
    await control(sandbox, "POST", "/ecs/deploy", { cluster: "wumbo-staging", service: "wumbo-staging-worker", images: { worker: `123456789012.dkr.ecr.us-east-1.amazonaws.com/wumbo-worker:${sha}` } }).catch(async () => {
      // The container name differs per scenario; deploy to whatever the service's container is called.
      const status = await control<{ images: Record<string, string> }>(sandbox, "GET", "/ecs/services/us-east-1/wumbo-staging/wumbo-staging-worker");
      const [container] = Object.keys(status.images);
      await control(sandbox, "POST", "/ecs/deploy", { cluster: "wumbo-staging", service: "wumbo-staging-worker", images: { [container!]: `123456789012.dkr.ecr.us-east-1.amazonaws.com/wumbo-worker:${sha}` } });
    });
    await pollEcs(ctx);
    const entry = await database().prisma.deploymentHistory.findFirst({ where: { service: "worker", environment: "staging", application: "wumbo", seeded: false }, orderBy: { startedAt: "desc" } });
    expect(entry).toMatchObject({ toSha: sha, cause: "external", outcome: "in_progress" });
    expect(ctx.published).toContainEqual({ type: "ecs.changed", application: "wumbo", environment: "staging" });
    const audit = await database().prisma.auditEvent.findFirst({ where: { action: "service.rollout", target: "wumbo-staging-worker" } });
    expect(audit).toMatchObject({ actorType: "ecs", application: "wumbo", environment: "staging", outcome: "succeeded" });

    await control(sandbox, "POST", "/clock/advance", { ms: 120_000 });
    await pollEcs(ctx);
    const finished = await database().prisma.deploymentHistory.findUniqueOrThrow({ where: { id: entry!.id } });
    expect(finished.outcome).toBe("succeeded");
    expect(finished.finishedAt).not.toBeNull();
  });

  test("a rollout that fails is recorded as failed, and ECS's rollback as a rollback", async () => {
    const ctx = context();
    await pollEcs(ctx);
    const where = { application: "beacon", environment: "staging", service: "api" };
    const before = await database().prisma.serviceSnapshot.findUniqueOrThrow({ where: { application_environment_service: where } });
    const status = await control<{ images: Record<string, string> }>(sandbox, "GET", "/ecs/services/us-west-2/beacon-staging/beacon-staging-api");
    const [container] = Object.keys(status.images);
    await control(sandbox, "POST", "/ecs/fail-rollout", { region: "us-west-2", cluster: "beacon-staging", service: "beacon-staging-api" });
    await control(sandbox, "POST", "/ecs/deploy", { region: "us-west-2", cluster: "beacon-staging", service: "beacon-staging-api", images: { [container!]: `repo/beacon-api:${"e".repeat(40)}` } });
    // Poll while the sandbox's clock plays the rollout out: tasks fail, the circuit breaker trips, ECS rolls back.
    for (let step = 0; step < 30; step++) {
      await pollEcs(ctx);
      await control(sandbox, "POST", "/clock/advance", { ms: 5_000 });
    }
    await pollEcs(ctx);
    const entries = await database().prisma.deploymentHistory.findMany({ where: { ...where, seeded: false }, orderBy: { startedAt: "asc" } });
    expect(entries.map((entry) => [entry.toSha, entry.cause, entry.outcome])).toEqual([
      // The circuit breaker's rollback replaced the rollout before it ever completed.
      ["e".repeat(40), "external", "rolled_back"],
      [before.sha, "rollback", "succeeded"],
    ]);
    const after = await database().prisma.serviceSnapshot.findUniqueOrThrow({ where: { application_environment_service: where } });
    expect(after.taskDefinitionArn).toBe(before.taskDefinitionArn);
    const failed = await database().prisma.auditEvent.findFirst({ where: { action: "service.rollout", outcome: "failed", target: "beacon-staging-api" } });
    expect(failed?.actorType).toBe("ecs");
  });

  test("a rollback done through Flightdeck names the person who asked for it", async () => {
    const ctx = context();
    await pollEcs(ctx);
    const where = { application: "dreamcatchr", environment: "staging", service: "web" };
    const seeded = await database().prisma.deploymentHistory.findMany({ where, orderBy: { startedAt: "desc" }, take: 2 });
    const previous = seeded[1];
    expect(previous).toBeDefined();
    // What the rollback command leaves in the trail (lib/releases/roll-back.ts), then its effect on ECS.
    await recordEvent({ actor: { type: "user", id: null, login: "oscar" }, action: "service.rolled_back", outcome: "succeeded", application: "dreamcatchr", environment: "staging", targetType: "service", target: "web" }, { db: database().prisma });
    await ctx.ecs("eu-west-1").send(new UpdateServiceCommand({ cluster: "dreamcatchr-staging", service: "dreamcatchr-staging-web", taskDefinition: previous!.toTaskDefinitionArn }));
    await pollEcs(ctx);
    const entry = await database().prisma.deploymentHistory.findFirst({ where: { ...where, seeded: false }, orderBy: { startedAt: "desc" } });
    expect(entry).toMatchObject({ toTaskDefinitionArn: previous!.toTaskDefinitionArn, cause: "rollback", actorLogin: "oscar" });
  });

  test("ECS throttling keeps the stored snapshots and marks ECS unavailable", async () => {
    const before = await database().prisma.serviceSnapshot.findMany({ orderBy: { ecsServiceName: "asc" } });
    await control(sandbox, "POST", "/ecs/faults", { operation: "DescribeServices", throttle: true, count: 100 });
    try {
      const result = await pollEcs(context());
      expect(result.ok).toBe(false);
      const upstream = await database().prisma.upstreamState.findUniqueOrThrow({ where: { system: "ECS" } });
      expect(upstream).toMatchObject({ ok: false, message: "ECS is throttling requests" });
      expect(upstream.failingSince).not.toBeNull();
      const after = await database().prisma.serviceSnapshot.findMany({ orderBy: { ecsServiceName: "asc" } });
      expect(after).toEqual(before);
    } finally {
      await control(sandbox, "DELETE", "/ecs/faults");
    }
    expect((await pollEcs(context())).ok).toBe(true);
    expect((await database().prisma.upstreamState.findUniqueOrThrow({ where: { system: "ECS" } })).ok).toBe(true);
  });
});

describe("GitHub", () => {
  test("stores runs, jobs, deployments and pending approvals; the next pass is answered 304", async () => {
    await control(sandbox, "DELETE", "/requests");
    const ctx = context();
    expect((await pollGithub(ctx)).ok).toBe(true);
    const prisma = database().prisma;
    expect(await prisma.workflowRun.count()).toBeGreaterThan(10);
    expect(await prisma.workflowJob.count()).toBeGreaterThan(10);
    expect(await prisma.githubDeployment.count()).toBeGreaterThan(0);
    expect(await prisma.repoTag.count()).toBeGreaterThan(0);
    // The demo's Wumbo production release waits for approval.
    const pending = await prisma.pendingApproval.findMany({ where: { application: "wumbo", environment: "production", resolvedAt: null } });
    expect(pending).toHaveLength(1);
    expect(pending[0]?.startedByLogin).toBe("rita");
    // Deploy runs are tied to their environment, even where workflow + branch alone are ambiguous
    // (Beacon deploys staging and production from main with one workflow): the deployments say.
    const beacon = await prisma.workflowRun.groupBy({ by: ["environment"], where: { application: "beacon", workflowPath: { endsWith: "04-deploy.yml" } }, _count: { _all: true } });
    expect(beacon.filter((row) => row.environment === "staging" || row.environment === "production").length).toBeGreaterThan(0);
    expect(await prisma.environmentCompare.count()).toBeGreaterThan(0);

    const runsEndpoint = "GET /api/v3/repos/{owner}/{repo}/actions/runs";
    const firstPass200 = await requestCount(runsEndpoint, 200);
    expect(firstPass200).toBe(3);
    await pollGithub(ctx);
    expect(await requestCount(runsEndpoint, 304)).toBe(3);
    expect(await requestCount(runsEndpoint, 200)).toBe(firstPass200);
  });

  test("a GitHub 503 keeps the stored runs and marks GitHub unavailable", async () => {
    const prisma = database().prisma;
    const runs = await prisma.workflowRun.count();
    await control(sandbox, "POST", "/faults", { status: 503, count: 100 });
    try {
      expect((await pollGithub(context())).ok).toBe(false);
    } finally {
      await control(sandbox, "DELETE", "/faults");
    }
    expect(await prisma.workflowRun.count()).toBe(runs);
    expect(await prisma.upstreamState.findUniqueOrThrow({ where: { system: "GitHub" } })).toMatchObject({ ok: false, message: "GitHub answered 503" });
    expect((await pollGithub(context())).ok).toBe(true);
  });

  test("rate limiting is reported as such", async () => {
    await control(sandbox, "POST", "/faults", { kind: "secondary-rate-limit", count: 100 });
    try {
      expect((await pollGithub(context())).ok).toBe(false);
    } finally {
      await control(sandbox, "DELETE", "/faults");
    }
    expect(await database().prisma.upstreamState.findUniqueOrThrow({ where: { system: "GitHub" } })).toMatchObject({ ok: false, message: "GitHub is rate-limiting requests" });
  });

  test("without a token GitHub is reported as 'no token'", async () => {
    const ctx = { ...context(), github: async () => null };
    expect((await pollGithub(ctx)).ok).toBe(false);
    expect(await database().prisma.upstreamState.findUniqueOrThrow({ where: { system: "GitHub" } })).toMatchObject({ ok: false, message: "no token" });
  });
});
