import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * ECS can show a new task definition before GitHub's data about the run that deployed it has arrived
 * (the poll order, a late webhook, or history seeded before the first GitHub pass). History rows still
 * marked "external" get their run once it is known: the latest run to this environment with that SHA,
 * created before the change. "rollback" rows are left alone (the SHA ran here before, so an old run
 * deploying it is not the cause). The audit event written at observation time stays as it was.
 */
export async function backfillHistoryCauses(prisma: PrismaClient, application: string): Promise<number> {
  return prisma.$executeRaw`
    UPDATE deployment_history AS h
    SET cause = 'workflow_run', run_id = m.run_id, actor_login = m.actor_login
    FROM (
      SELECT DISTINCT ON (h2.id) h2.id AS history_id, r.id AS run_id, r.actor_login
      FROM deployment_history AS h2
      JOIN workflow_runs AS r
        ON r.application = h2.application AND r.environment = h2.environment
       AND r.head_sha LIKE h2.to_sha || '%' AND r.created_at <= h2.started_at
      WHERE h2.application = ${application} AND h2.cause = 'external' AND h2.run_id IS NULL AND h2.to_sha IS NOT NULL
      ORDER BY h2.id, r.created_at DESC
    ) AS m
    WHERE h.id = m.history_id`;
}
