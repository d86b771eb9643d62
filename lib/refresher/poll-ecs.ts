import "server-only";
import type { Service } from "@aws-sdk/client-ecs";
import type { ServiceSnapshot } from "@/lib/generated/prisma/client";
import type { ApplicationConfig, EnvironmentConfig } from "@/lib/config";
import { runningRelease } from "@/lib/ecs/running-release";
import { describeServices, getTaskDefinition } from "@/lib/ecs/services";
import { summarizeService } from "@/lib/ecs/summarize";
import { log } from "@/lib/log";
import type { RefresherContext } from "./context";
import { recordServiceChange, seedHistory, type SnapshotRow } from "./record-history";
import { describeEcsFailure, markUpstreamFailing, markUpstreamOk } from "./upstream";

// One ECS pass: DescribeServices per cluster (batches of ≤ 10), the PRIMARY task definition of each
// service (from the forever-cache), the running release; then snapshots, history and live events.
// On any ECS failure the stored snapshots stay as they were (pages show them with their age) and the
// ECS upstream status says what is wrong.

interface Target {
  app: ApplicationConfig;
  env: EnvironmentConfig;
  service: string;
  ecsServiceName: string;
}

function targetsByCluster(ctx: RefresherContext): Map<string, Target[]> {
  const groups = new Map<string, Target[]>();
  for (const app of ctx.config.applications) {
    for (const env of app.environments) {
      const key = `${env.ecs.region}\u0000${env.ecs.cluster}`;
      const list = groups.get(key) ?? [];
      for (const [service, ecsServiceName] of Object.entries(env.ecs.services)) list.push({ app, env, service, ecsServiceName });
      groups.set(key, list);
    }
  }
  return groups;
}

export async function pollEcs(ctx: RefresherContext): Promise<{ ok: boolean; changed: number }> {
  const changedEnvs = new Set<string>();
  let failure: unknown = null;
  for (const [key, targets] of targetsByCluster(ctx)) {
    const [region, cluster] = key.split("\u0000") as [string, string];
    try {
      const client = ctx.ecs(region);
      const described = await describeServices(client, cluster, targets.map((target) => target.ecsServiceName));
      const previous = await storedSnapshots(ctx, targets);
      const unchanged: SnapshotKey[] = [];
      for (const target of targets) {
        const seen = await observeService(ctx, region, cluster, target, described.get(target.ecsServiceName) ?? null, previous.get(keyOf(snapshotKey(target))) ?? null);
        if (seen === "unchanged") unchanged.push(snapshotKey(target));
        else if (seen === "material") changedEnvs.add(`${target.app.slug}\u0000${target.env.name}`);
      }
      // The steady state: one statement says every unchanged service was seen again just now.
      if (unchanged.length > 0) await ctx.prisma.serviceSnapshot.updateMany({ where: { OR: unchanged }, data: { observedAt: ctx.now() } });
    } catch (error) {
      failure = error;
      log.warn("refresher.ecs_failed", { region, cluster, error: (error as Error).name });
      // Throttling is account-wide: asking the next cluster now only deepens it.
      break;
    }
  }
  const now = ctx.now();
  const news = failure ? await markUpstreamFailing(ctx.prisma, "ECS", describeEcsFailure(failure), now) : await markUpstreamOk(ctx.prisma, "ECS", now);
  if (news) await ctx.publish({ type: "upstream.changed", data: { system: "ECS" } });
  for (const env of changedEnvs) {
    const [application, environment] = env.split("\u0000");
    await ctx.publish({ type: "ecs.changed", application, environment });
  }
  return { ok: !failure, changed: changedEnvs.size };
}

type SnapshotKey = { application: string; environment: string; service: string };

function snapshotKey(target: Target): SnapshotKey {
  return { application: target.app.slug, environment: target.env.name, service: target.service };
}

function keyOf(key: SnapshotKey): string {
  return `${key.application}\u0000${key.environment}\u0000${key.service}`;
}

/** The cluster's stored snapshots, read in one query rather than one per service. */
async function storedSnapshots(ctx: RefresherContext, targets: readonly Target[]): Promise<Map<string, ServiceSnapshot>> {
  const rows = await ctx.prisma.serviceSnapshot.findMany({ where: { OR: targets.map(snapshotKey) } });
  return new Map(rows.map((row) => [keyOf(row), row]));
}

/**
 * Stores one service's snapshot. "unchanged": ECS says exactly what we stored (the caller only marks it
 * seen); "material": something a viewer would notice changed; "quiet": stored, but nothing to announce.
 */
async function observeService(ctx: RefresherContext, region: string, cluster: string, target: Target, service: Service | null, previous: ServiceSnapshot | null): Promise<"unchanged" | "quiet" | "material"> {
  const { prisma } = ctx;
  const where = snapshotKey(target);
  const observedAt = ctx.now();
  const base = { ...where, ecsServiceName: target.ecsServiceName, region, cluster, observedAt };
  let row: SnapshotRow;
  if (!service) {
    row = { ...base, taskDefinitionArn: null, family: null, revision: null, sha: null, shaSource: null, image: null, imageDigest: null, rolloutState: "unknown", running: 0, desired: 0, pending: 0, failedTasks: 0, reason: "Service not found in ECS", primarySince: null };
  } else {
    const summary = summarizeService(service);
    const definition = summary.taskDefinitionArn ? await getTaskDefinition(prisma, ctx.ecs(region), region, summary.taskDefinitionArn) : null;
    const release = definition ? runningRelease(definition.containers) : null;
    row = {
      ...base,
      taskDefinitionArn: summary.taskDefinitionArn,
      family: definition?.family ?? null,
      revision: definition?.revision ?? null,
      sha: release?.kind === "sha" ? release.sha : null,
      shaSource: release?.kind === "sha" ? release.source : null,
      image: release?.image ?? null,
      imageDigest: release?.kind === "unknown" ? release.digest : null,
      rolloutState: summary.rollout.state,
      running: summary.rollout.running,
      desired: summary.rollout.desired,
      pending: summary.rollout.pending,
      failedTasks: summary.rollout.failedTasks,
      reason: summary.rollout.reason,
      primarySince: summary.primarySince,
    };
  }
  if (previous && sameSnapshot(previous, row)) return "unchanged";

  // History first, snapshot second: if recording the change fails, the stored snapshot still shows the
  // old state, so the next pass sees the same change again instead of skipping it.
  if (row.taskDefinitionArn && row.revision !== null) {
    if (!previous?.taskDefinitionArn) {
      // First sight of this service: there is no change to record, but earlier revisions of the family
      // say what ran before, so the history (and rollback targets) exist from the start.
      await seedHistory(ctx, region, target, row).catch((error: unknown) => log.warn("refresher.seed_history_failed", { service: target.ecsServiceName, error }));
    } else if (previous.taskDefinitionArn !== row.taskDefinitionArn || previous.rolloutState !== row.rolloutState) {
      // Only a new task definition or a rollout that settled can start or finish a history entry.
      await recordServiceChange(ctx, target, previous, row);
    }
  }
  await prisma.serviceSnapshot.upsert({ where: { application_environment_service: where }, create: row, update: row });
  return !previous || material(previous) !== material(row) ? "material" : "quiet";
}

/** Everything but when it was seen. */
function sameSnapshot(previous: ServiceSnapshot, row: SnapshotRow): boolean {
  return (Object.keys(row) as (keyof SnapshotRow)[]).every((field) => {
    if (field === "observedAt") return true;
    const [a, b] = [previous[field], row[field]];
    return a instanceof Date || b instanceof Date ? (a as Date | null)?.getTime() === (b as Date | null)?.getTime() : a === b;
  });
}

function material(row: Pick<SnapshotRow, "taskDefinitionArn" | "rolloutState" | "running" | "desired" | "pending" | "failedTasks" | "sha">): string {
  return [row.taskDefinitionArn, row.rolloutState, row.running, row.desired, row.pending, row.failedTasks, row.sha].join("|");
}
