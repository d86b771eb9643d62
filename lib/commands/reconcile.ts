import "server-only";
import { findUnresolvedIntents } from "@/lib/audit/find-unresolved-intents";
import { recordOutcome } from "@/lib/audit/record";
import type { AuditRecord } from "@/lib/audit/types";
import { db } from "@/lib/db";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";

// A command writes its intent, performs its effect, then writes its outcome. If the process dies in
// between (a deploy, a crash), the intent stays without an outcome and the idempotency row stays
// "running" — the person would be told "already being carried out" for ever. The reconciler (run by
// the refresher's leader) finds such intents after a grace period, looks at the world to see whether
// the effect happened, and records what it finds, as "system", so nothing is lost or left half-said.

export const RECONCILE_GRACE_MS = 10 * 60_000;
/** How long after its intent the effect of a command can have shown up. */
const EFFECT_WINDOW_MS = 5 * 60_000;

type Finding = { outcome: "succeeded" | "failed"; action?: string; target?: string; payload: Record<string, unknown> };

function inputOf(intent: AuditRecord): Record<string, unknown> {
  const payload = intent.payload as { input?: Record<string, unknown> } | null;
  return payload?.input ?? {};
}

const window = (intent: AuditRecord) => ({ gte: new Date(intent.occurredAt.getTime() - 5_000), lte: new Date(intent.occurredAt.getTime() + EFFECT_WINDOW_MS) });

/** What the world says became of one interrupted command. */
async function lookUp(intent: AuditRecord, prisma: PrismaClient): Promise<Finding> {
  switch (intent.action) {
    case "deploy.requested": {
      // GitHub attributes a dispatched run to the person whose token started it.
      const run = await prisma.workflowRun.findFirst({
        where: { application: intent.application ?? "", event: "workflow_dispatch", actorLogin: intent.actorLogin, createdAt: window(intent) },
        orderBy: { createdAt: "asc" },
        select: { id: true, url: true },
      });
      return run
        ? { outcome: "succeeded", action: "deploy.dispatched", target: String(run.id), payload: { runId: Number(run.id), runUrl: run.url } }
        : { outcome: "failed", payload: { reason: "No workflow run was started for this request." } };
    }
    case "service.rollback": {
      const change = await prisma.deploymentHistory.findFirst({
        where: { application: intent.application ?? "", environment: intent.environment ?? "", cause: "rollback", startedAt: window(intent) },
        select: { toSha: true },
      });
      return change
        ? { outcome: "succeeded", action: "service.rolled_back", payload: { sha: change.toSha, input: inputOf(intent) } }
        : { outcome: "failed", payload: { reason: "ECS shows no rollback after this request." } };
    }
    case "env.lock": {
      const lock = await prisma.environmentLock.findFirst({
        where: { application: intent.application ?? "", environment: intent.environment ?? "", lockedBy: intent.actorLogin ?? "", createdAt: window(intent) },
      });
      return lock ? { outcome: "succeeded", action: "env.locked", payload: { after: { lockedBy: lock.lockedBy, reason: lock.reason } } } : { outcome: "failed", payload: { reason: "The environment was not locked by this request." } };
    }
    default:
      return { outcome: "failed", payload: { reason: "Interrupted before its outcome was recorded; whether it took effect is unknown — check its target." } };
  }
}

/** Resolves interrupted commands older than the grace period; returns how many it resolved. */
export async function reconcileInterruptedCommands(options: { now?: Date; prisma?: PrismaClient } = {}): Promise<number> {
  const prisma = options.prisma ?? db();
  const now = options.now ?? new Date();
  const intents = await findUnresolvedIntents({ olderThan: new Date(now.getTime() - RECONCILE_GRACE_MS), db: prisma });
  for (const intent of intents) {
    const finding = await lookUp(intent, prisma);
    await recordOutcome(
      {
        correlationId: intent.correlationId!,
        outcome: finding.outcome,
        actor: { type: "system", login: "reconciler" },
        action: finding.action,
        target: finding.target,
        payload: { ...finding.payload, reconciled: true },
      },
      { db: prisma },
    );
    // The person's retry with the same key gets this answer instead of "already being carried out".
    const result: Prisma.InputJsonValue =
      finding.outcome === "succeeded"
        ? { ok: true, result: { reconciled: true, ...(finding.target ? { target: finding.target } : {}) } }
        : { ok: false, error: { kind: "internal", message: `Interrupted: ${String(finding.payload.reason)}` } };
    if (intent.actorId) {
      await prisma.commandExecution.updateMany({
        where: { actorId: intent.actorId, status: "running", createdAt: { gte: new Date(intent.occurredAt.getTime() - 60_000), lte: new Date(intent.occurredAt.getTime() + 1_000) } },
        data: { status: finding.outcome, result, correlationId: intent.correlationId, finishedAt: now },
      });
    }
    log.warn("commands.reconciled", { correlationId: intent.correlationId, action: intent.action, outcome: finding.outcome });
  }
  return intents.length;
}
