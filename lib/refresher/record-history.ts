import "server-only";
import { recordExternalEvent } from "@/lib/audit/record";
import type { ApplicationConfig, EnvironmentConfig } from "@/lib/config";
import { runningRelease } from "@/lib/ecs/running-release";
import { getTaskDefinition, listRecentRevisions } from "@/lib/ecs/services";
import type { ServiceSnapshot } from "@/lib/generated/prisma/client";
import type { RefresherContext } from "./context";
import { historyStep, matchCause, type DeployCandidate, type ObservedRelease, type Outcome } from "./history";

export type SnapshotRow = Omit<ServiceSnapshot, never>;

interface Target {
  app: ApplicationConfig;
  env: EnvironmentConfig;
  service: string;
  ecsServiceName: string;
}

const SEED_REVISIONS = 6;

/** Runs known to have deployed to this environment (the webhook / refresher set run.environment). */
async function deployCandidates(ctx: RefresherContext, target: Target): Promise<DeployCandidate[]> {
  const runs = await ctx.prisma.workflowRun.findMany({
    where: { application: target.app.slug, environment: target.env.name },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, headSha: true, actorLogin: true, createdAt: true },
  });
  return runs.map((run) => ({ runId: run.id, sha: run.headSha, actorLogin: run.actorLogin, at: run.createdAt }));
}

/** A rollback done through Flightdeck is in the audit trail: name the person who asked for it. */
const ROLLBACK_ATTRIBUTION_MS = 15 * 60_000;
async function rollbackRequester(ctx: RefresherContext, target: Target): Promise<string | null> {
  const event = await ctx.prisma.auditEvent.findFirst({
    where: {
      action: "service.rolled_back",
      outcome: "succeeded",
      application: target.app.slug,
      environment: target.env.name,
      target: { in: [target.service, "all services"] },
      occurredAt: { gte: new Date(ctx.now().getTime() - ROLLBACK_ATTRIBUTION_MS) },
    },
    orderBy: { id: "desc" },
    select: { actorLogin: true },
  });
  return event?.actorLogin ?? null;
}

function serviceWhere(target: Target) {
  return { application: target.app.slug, environment: target.env.name, service: target.service };
}

function settled(rollout: string): Outcome {
  return rollout === "stable" ? "succeeded" : rollout === "failed" ? "failed" : "in_progress";
}

/** Compares the new snapshot with the previous one and writes what changed into the history. */
export async function recordServiceChange(ctx: RefresherContext, target: Target, previous: ServiceSnapshot, row: SnapshotRow): Promise<void> {
  if (!row.taskDefinitionArn || row.revision === null) return;
  const { prisma } = ctx;
  const latest = await prisma.deploymentHistory.findFirst({
    where: serviceWhere(target),
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    select: { id: true, toTaskDefinitionArn: true, outcome: true },
  });
  const changed = previous.taskDefinitionArn !== row.taskDefinitionArn;
  const earlier = changed
    ? await prisma.deploymentHistory.groupBy({ by: ["toSha"], where: { ...serviceWhere(target), toSha: { not: null } }, _max: { startedAt: true } })
    : [];
  // ECS's own clock for when the deployment began; the run's times come from GitHub's.
  const observedAt = row.primarySince ?? ctx.now();
  const cause = changed
    ? matchCause({ sha: row.sha, observedAt, candidates: await deployCandidates(ctx, target), earlier: new Map(earlier.map((entry) => [entry.toSha!, entry._max.startedAt ?? new Date(0)])) })
    : null;
  if (cause?.cause === "rollback") cause.actorLogin = await rollbackRequester(ctx, target);
  const step = historyStep({
    previous: previous.taskDefinitionArn,
    current: { taskDefinitionArn: row.taskDefinitionArn, revision: row.revision, sha: row.sha, rollout: row.rolloutState as ObservedRelease["rollout"] },
    latest: latest ? { ...latest, outcome: latest.outcome as Outcome } : null,
    currentIsRollback: cause?.cause === "rollback",
  });
  const audit = { source: "ecs" as const, application: target.app.slug, environment: target.env.name, targetType: "service", target: target.ecsServiceName };

  if (step.kind === "start" && cause) {
    if (step.closePrevious) {
      // The open rollout never completed: ECS's circuit breaker (or a person) replaced it.
      const closed = await prisma.deploymentHistory.update({ where: { id: step.closePrevious.id }, data: { outcome: step.closePrevious.outcome, finishedAt: ctx.now() } });
      await recordExternalEvent({ ...audit, action: "service.rollout", outcome: "failed", payload: { revision: closed.toRevision, sha: closed.toSha, outcome: step.closePrevious.outcome } }, { db: prisma });
    }
    const outcome = settled(row.rolloutState);
    await prisma.deploymentHistory.create({
      data: {
        ...serviceWhere(target),
        fromTaskDefinitionArn: previous.taskDefinitionArn,
        fromRevision: previous.revision,
        fromSha: previous.sha,
        toTaskDefinitionArn: row.taskDefinitionArn,
        toRevision: row.revision,
        toSha: row.sha,
        cause: cause.cause,
        runId: cause.runId,
        actorLogin: cause.actorLogin,
        startedAt: observedAt,
        finishedAt: outcome === "in_progress" ? null : ctx.now(),
        outcome,
      },
    });
    await recordExternalEvent({
      ...audit,
      action: "service.rollout",
      outcome: "succeeded",
      githubLogin: cause.actorLogin,
      payload: {
        from: { revision: previous.revision, sha: previous.sha, taskDefinition: previous.taskDefinitionArn },
        to: { revision: row.revision, sha: row.sha, taskDefinition: row.taskDefinitionArn },
        cause: cause.cause,
        runId: cause.runId === null ? null : Number(cause.runId),
      },
    }, { db: prisma });
  } else if (step.kind === "finish") {
    await prisma.deploymentHistory.update({ where: { id: step.id }, data: { outcome: step.outcome, finishedAt: ctx.now() } });
    if (step.outcome === "failed") {
      await recordExternalEvent({ ...audit, action: "service.rollout", outcome: "failed", payload: { revision: row.revision, sha: row.sha, reason: row.reason } }, { db: prisma });
    }
  }
}

/**
 * History before Flightdeck was watching, from the family's earlier revisions (registration time as the
 * deploy time). Marked `seeded`; written once per service, and never audited (nothing was observed).
 */
export async function seedHistory(ctx: RefresherContext, region: string, target: Target, row: SnapshotRow): Promise<void> {
  if (!row.taskDefinitionArn || row.revision === null || !row.family) return;
  const { prisma } = ctx;
  if ((await prisma.deploymentHistory.count({ where: serviceWhere(target) })) > 0) return;
  const client = ctx.ecs(region);
  const arns = await listRecentRevisions(client, row.family, SEED_REVISIONS);
  const definitions = [];
  for (const arn of arns) definitions.push(await getTaskDefinition(prisma, client, region, arn));
  const chain = definitions.filter((definition) => definition.revision < row.revision!).sort((a, b) => a.revision - b.revision);
  const current = { arn: row.taskDefinitionArn, revision: row.revision, sha: row.sha, at: definitions.find((d) => d.arn === row.taskDefinitionArn)?.registeredAt ?? row.primarySince };
  const steps = [...chain.map((definition) => {
    const release = runningRelease(definition.containers);
    return { arn: definition.arn, revision: definition.revision, sha: release.kind === "sha" ? release.sha : null, at: definition.registeredAt ?? null };
  }), current];
  const candidates = await deployCandidates(ctx, target);
  const seen = new Map<string, Date>();
  const data = steps.map((to, index) => {
    const from = index > 0 ? steps[index - 1]! : null;
    const at = to.at ?? ctx.now();
    const cause = matchCause({ sha: to.sha, observedAt: at, candidates, earlier: seen });
    if (to.sha) seen.set(to.sha, at);
    const last = index === steps.length - 1;
    const outcome: Outcome = last ? settled(row.rolloutState) : "succeeded";
    return {
      ...serviceWhere(target),
      fromTaskDefinitionArn: from?.arn ?? null,
      fromRevision: from?.revision ?? null,
      fromSha: from?.sha ?? null,
      toTaskDefinitionArn: to.arn,
      toRevision: to.revision,
      toSha: to.sha,
      cause: cause.cause,
      runId: cause.runId,
      actorLogin: cause.actorLogin,
      startedAt: at,
      finishedAt: outcome === "in_progress" ? null : at,
      outcome,
      seeded: true,
    };
  });
  await prisma.deploymentHistory.createMany({ data });
}
