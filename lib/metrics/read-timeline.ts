import "server-only";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { historyHorizon, loadReleases } from "./load";
import { auditEntry, mergeTimeline, releaseEntry, reviewEntries, type TimelineEntry } from "./timeline";

export const TIMELINE_LIMIT = 50;

/** What happened to one environment, newest first, from Postgres only (releases, reviews, audit trail). */
export async function readEnvironmentTimeline(options: { application: string; environment: string; limit?: number; now?: Date }, prisma: PrismaClient = db()): Promise<TimelineEntry[]> {
  const limit = options.limit ?? TIMELINE_LIMIT;
  const scope = { application: options.application, environment: options.environment };
  const [releases, reviews, collected, audit] = await Promise.all([
    loadReleases(prisma, { applications: [options.application], environment: options.environment, since: historyHorizon(options.now ?? new Date()) }),
    prisma.deploymentReview.findMany({ where: scope, orderBy: { at: "desc" }, take: limit, select: { key: true, runId: true, reviewerLogin: true, state: true, comment: true, at: true } }),
    prisma.releaseApproval.findMany({ where: scope, orderBy: { createdAt: "desc" }, take: limit, select: { runId: true, login: true, comment: true, createdAt: true } }),
    prisma.auditEvent.findMany({
      where: {
        application: options.application,
        outcome: "succeeded",
        OR: [
          { environment: options.environment, action: { in: ["env.locked", "env.unlocked", "flag.changed"] } },
          { environment: null, action: { in: ["flag.created", "flag.archived"] } },
        ],
      },
      orderBy: { id: "desc" },
      take: limit,
      select: { id: true, action: true, actorLogin: true, target: true, occurredAt: true, payload: true },
    }),
  ]);
  return mergeTimeline(
    [
      releases.slice(-limit).map(releaseEntry),
      reviewEntries(
        reviews.map((row) => ({ ...row, runId: Number(row.runId) })),
        collected.map((row) => ({ ...row, runId: Number(row.runId) })),
      ),
      audit.map((row) => auditEntry({ ...row, id: row.id.toString() })).filter((entry): entry is TimelineEntry => entry !== null),
    ],
    limit,
  );
}
