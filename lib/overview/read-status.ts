import "server-only";
import type { ApplicationConfig, FlightdeckConfig } from "@/lib/config";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { iso, person } from "./read-common";
import type { EnvironmentStatus, HealthResult, RolloutState, ServiceRelease } from "./types";

// The status of environments (what runs where, rollout, approvals, lock, health, how far behind) from
// the stored snapshots. A fixed number of queries however many applications, so "/" stays fast.

const ROLLOUT_STATES = new Set<RolloutState>(["stable", "rolling", "failed", "unknown"]);
const CAUSES = new Set(["workflow_run", "rollback", "external", "unknown"]);

interface LatestHistory {
  application: string;
  environment: string;
  service: string;
  to_task_definition_arn: string;
  cause: string;
  run_id: bigint | null;
  actor_login: string | null;
  started_at: Date;
}

function sameSha(a: string, b: string): boolean {
  return a.length <= b.length ? b.startsWith(a) : a.startsWith(b);
}

export async function readEnvironmentStatuses(prisma: PrismaClient, config: FlightdeckConfig, apps: readonly ApplicationConfig[], only?: { environment: string }): Promise<Map<string, EnvironmentStatus[]>> {
  const slugs = apps.map((app) => app.slug);
  const envFilter = only ? { environment: only.environment } : {};
  const [snapshots, latest, pending, locks, health, compares, tags] = await Promise.all([
    prisma.serviceSnapshot.findMany({ where: { application: { in: slugs }, ...envFilter } }),
    // The newest history row per service: who or what deployed the task definition it runs.
    prisma.$queryRaw<LatestHistory[]>`
      SELECT DISTINCT ON (application, environment, service)
             application, environment, service, to_task_definition_arn, cause, run_id, actor_login, started_at
      FROM deployment_history
      WHERE application = ANY(${slugs}) AND (${only?.environment ?? null}::text IS NULL OR environment = ${only?.environment ?? null}::text)
      ORDER BY application, environment, service, started_at DESC, id DESC`,
    prisma.pendingApproval.groupBy({ by: ["application", "environment"], where: { application: { in: slugs }, resolvedAt: null, ...envFilter }, _count: { _all: true } }),
    // Only locks that still hold: one past its expiry refuses nothing, even before the sweep removes it.
    prisma.environmentLock.findMany({ where: { application: { in: slugs }, ...envFilter, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } }),
    prisma.healthCheckResult.findMany({ where: { application: { in: slugs }, ...envFilter } }),
    prisma.environmentCompare.findMany({ where: { application: { in: slugs } }, select: { application: true, environment: true, total: true } }),
    prisma.repoTag.findMany({ where: { repo: { in: apps.map((app) => app.repo) } } }),
  ]);
  const runIds = [...new Set(latest.map((row) => row.run_id).filter((id): id is bigint => id !== null))];
  const runs = runIds.length > 0 ? await prisma.workflowRun.findMany({ where: { id: { in: runIds } }, select: { id: true, url: true, actorAvatarUrl: true } }) : [];
  const logins = [...new Set(latest.map((row) => row.actor_login).filter((login): login is string => login !== null))];
  const users = logins.length > 0 ? await prisma.user.findMany({ where: { login: { in: logins } }, select: { login: true, avatarUrl: true } }) : [];

  const result = new Map<string, EnvironmentStatus[]>();
  for (const app of apps) {
    const statuses: EnvironmentStatus[] = [];
    for (const [index, env] of app.environments.entries()) {
      if (only && env.name !== only.environment) continue;
      const services: ServiceRelease[] = Object.entries(env.ecs.services).map(([service, ecsServiceName]) => {
        const snap = snapshots.find((row) => row.application === app.slug && row.environment === env.name && row.service === service);
        const history = latest.find((row) => row.application === app.slug && row.environment === env.name && row.service === service);
        const fromHistory = history && snap?.taskDefinitionArn && history.to_task_definition_arn === snap.taskDefinitionArn ? history : null;
        const run = fromHistory?.run_id ? runs.find((candidate) => candidate.id === fromHistory.run_id) : undefined;
        const actorLogin = fromHistory?.actor_login ?? null;
        const tag = snap?.sha ? tags.find((candidate) => candidate.repo === app.repo && sameSha(snap.sha!, candidate.sha))?.name ?? null : null;
        return {
          service,
          ecsServiceName,
          sha: snap?.sha ?? null,
          shaSource: snap?.shaSource === "image-tag" || snap?.shaSource === "environment" ? snap.shaSource : null,
          tag,
          commitUrl: snap?.sha ? `${config.github.webUrl}/${app.repo}/commit/${snap.sha}` : null,
          image: snap?.image ?? null,
          imageDigest: snap?.imageDigest ?? null,
          taskDefinition: snap?.taskDefinitionArn && snap.family && snap.revision !== null ? { family: snap.family, revision: snap.revision, arn: snap.taskDefinitionArn } : null,
          rollout: {
            state: snap && ROLLOUT_STATES.has(snap.rolloutState as RolloutState) ? (snap.rolloutState as RolloutState) : "unknown",
            running: snap?.running ?? 0,
            desired: snap?.desired ?? 0,
            pending: snap?.pending ?? 0,
            failedTasks: snap?.failedTasks ?? 0,
            reason: snap?.reason ?? null,
          },
          deployedAt: iso(snap?.primarySince) ?? iso(fromHistory?.started_at),
          deployedBy: {
            person: person(actorLogin, run?.actorAvatarUrl ?? users.find((user) => user.login === actorLogin)?.avatarUrl),
            runId: fromHistory?.run_id ? Number(fromHistory.run_id) : null,
            runUrl: run?.url ?? null,
            cause: fromHistory && CAUSES.has(fromHistory.cause) ? (fromHistory.cause as ServiceRelease["deployedBy"]["cause"]) : "unknown",
          },
          observedAt: iso(snap?.observedAt),
        };
      });
      const shas = new Set(services.map((service) => service.sha).filter(Boolean));
      const lock = locks.find((row) => row.application === app.slug && row.environment === env.name);
      const previous = index > 0 ? app.environments[index - 1] : undefined;
      const compare = compares.find((row) => row.application === app.slug && row.environment === env.name);
      const observed = services.map((service) => service.observedAt).filter((at): at is string => at !== null).sort();
      statuses.push({
        application: app.slug,
        environment: env.name,
        protected: env.protected,
        services,
        drift: shas.size > 1,
        pendingApprovals: pending.find((row) => row.application === app.slug && row.environment === env.name)?._count._all ?? 0,
        lock: lock ? { lockedBy: lock.lockedBy, reason: lock.reason, since: lock.createdAt.toISOString(), until: iso(lock.expiresAt) } : null,
        health: env.healthChecks.map((check): HealthResult => {
          const row = health.find((candidate) => candidate.application === app.slug && candidate.environment === env.name && candidate.name === check.name);
          return { name: check.name, url: check.url, ok: row?.ok ?? null, status: row?.status ?? null, detail: row?.detail ?? null, checkedAt: iso(row?.checkedAt) };
        }),
        behind: previous && compare ? { environment: previous.name, commits: compare.total } : null,
        asOf: observed[0] ?? null,
      });
    }
    result.set(app.slug, statuses);
  }
  return result;
}
